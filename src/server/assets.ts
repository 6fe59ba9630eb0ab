/**
 * The app's only static files, held in memory: its stylesheet and its small keyboard script.
 * Served by exact name, so no request path can reach the file system.
 */

const CSS = `
:root{--ink:#1d1d1f;--muted:#66666e;--rule:#e3e3e8;--bg:#fff;--soft:#f6f6f8;--accent:#1f5fbf;
--agreed:#e3f2e6;--agreed-ink:#1e6b34;--single:#fff4d6;--single-ink:#7a5a00;--disputed:#fde4e1;
--disputed-ink:#a12a1b;--target:#ffe27a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:2px}
header.site{border-bottom:1px solid var(--rule);background:var(--soft)}
header.site .bar{max-width:72rem;margin:0 auto;padding:.6rem 1.25rem;display:flex;gap:1.25rem;align-items:center;
font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.site .brand{font-weight:700;color:var(--ink);text-decoration:none;letter-spacing:.01em}
header.site nav a{color:var(--muted);text-decoration:none;margin-right:1rem;white-space:nowrap}
header.site nav a:hover{color:var(--ink)}
header.site form{margin-left:auto}
input[type=search],input[type=text],input[type=password],input[type=url],textarea{font:inherit;font-size:15px;padding:.35rem .55rem;border:1px solid #c9c9d1;border-radius:4px;background:#fff;color:var(--ink)}
input[type=search]{width:16rem}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
main.wide{max-width:100%}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 .35rem}
h2{font:600 .8rem/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:2.4rem 0 .8rem;padding-bottom:.35rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.meta,.n,small,.hint{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--muted)}
.meta a{color:var(--muted)}
.lead{font-size:1.12rem;line-height:1.65}
ul.items,ol.items{list-style:none;padding:0;margin:0}
ul.items>li,ol.items>li{padding:.55rem .6rem;margin:0 -.6rem;border-radius:6px}
[data-item].current{background:var(--soft);outline:2px solid #c7d6f2}
.badge{display:inline-block;font:600 12px/1.6 system-ui,sans-serif;padding:0 .45rem;border-radius:999px;vertical-align:1px;white-space:nowrap}
.badge.agreed{background:var(--agreed);color:var(--agreed-ink)}
.badge.single{background:var(--single);color:var(--single-ink)}
.badge.disputed,.badge.contradicted{background:var(--disputed);color:var(--disputed-ink)}
.badge.first{background:#e6edfa;color:#24468a}
span.cites{white-space:nowrap}
sup.cite{font:600 11px/1 system-ui,sans-serif;margin-left:1px}
sup.cite a{text-decoration:none;padding:0 1px}
sup.cite a:hover{text-decoration:underline}
details.evidence{margin:.25rem 0 0}
details.evidence summary{cursor:pointer;font:13px/1.5 system-ui,sans-serif;color:var(--muted)}
details.evidence blockquote{margin:.35rem 0 .35rem .2rem;padding:.1rem 0 .1rem .8rem;border-left:3px solid var(--rule);font-size:.95rem}
blockquote.quote{margin:.2rem 0;padding:0 0 0 .9rem;border-left:3px solid var(--rule);font-style:italic}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--rule)}
th{font:600 13px/1.4 system-ui,sans-serif;color:var(--muted)}
table.stories td.num,table.stories th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.stories td:first-child a{text-decoration:none;font-weight:600}
table.stories td:first-child a:hover{text-decoration:underline}
main.list{max-width:62rem}
table.stories tr.current td{background:var(--soft)}
.stance{display:grid;grid-template-columns:6.5rem 1fr;gap:.15rem .6rem;font-size:.95rem;margin-top:.3rem}
.stance dt{font:600 13px/1.7 system-ui,sans-serif;color:var(--muted)}
.stance dd{margin:0}
.timeline>li{display:grid;grid-template-columns:6.5rem 1fr;gap:.8rem}
.timeline time{font:600 14px/1.9 system-ui,sans-serif;font-variant-numeric:tabular-nums}
.conflict{margin:0 0 1.6rem}
.conflict .about{margin:.2rem 0 .4rem}
.conflict td:first-child{width:7rem}
.conflict td:nth-child(2){width:10rem}
.article p{margin:0 0 1rem}
.article .s{border-radius:3px;padding:1px 0;scroll-margin-top:35vh}
.article h3.para{margin-top:1.6rem}
dl.facts{display:grid;grid-template-columns:8rem 1fr;gap:.2rem 1rem;font:14px/1.6 system-ui,sans-serif}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.families{display:flex;gap:1rem;overflow-x:auto;padding-bottom:1rem;align-items:flex-start}
.columns{display:flex;gap:1.2rem;align-items:flex-start}
.family{flex:none;border:1px solid var(--rule);border-radius:8px;padding:.6rem .8rem;background:#fcfcfd}
.column h5{font:600 13px/1.5 system-ui,sans-serif;color:var(--muted);margin:.2rem 0 .5rem}
.family>h3{margin:.1rem 0 .6rem;font:600 14px/1.4 system-ui,sans-serif}
.column{flex:0 0 21rem;font-size:.9rem;line-height:1.55}
.column h4{font:600 14px/1.4 system-ui,sans-serif;margin:0 0 .4rem}
.column p{margin:0 0 .6rem}
.s.agreed{background:var(--agreed)}
.s.single{background:var(--single)}
.s.disputed,.s.contradicted{background:var(--disputed)}
sup.fam{font:600 10px/1 system-ui,sans-serif;color:var(--agreed-ink);margin-left:1px}
/* In the reading view marks are quiet underlines; the cited sentence alone is filled. */
.article .s.agreed,.article .s.single,.article .s.disputed,.article .s.contradicted{background:none;border-radius:0;text-decoration-line:underline;text-decoration-thickness:2px;text-underline-offset:4px}
.article .s.agreed{text-decoration-color:#a9d8b5}
.article .s.single{text-decoration-color:#ecd48a}
.article .s.disputed,.article .s.contradicted{text-decoration-color:#efaba2}
.article .s:target,.column .s:target{background:var(--target);box-shadow:0 0 0 3px var(--target)}
.legend span{margin-right:.8rem}
form.add label{display:block;font:600 14px/1.6 system-ui,sans-serif;margin:1rem 0 .2rem}
form.add textarea{width:100%;min-height:12rem}
form.add textarea.short{min-height:5rem}
form.add input[type=text],form.add input[type=url],form.add input[type=password]{width:100%}
button{font:600 15px/1 system-ui,sans-serif;padding:.6rem 1rem;border-radius:5px;border:1px solid #174a96;background:var(--accent);color:#fff;cursor:pointer;margin-top:1.2rem}
.notice{padding:.7rem .9rem;border-radius:6px;background:var(--soft);border:1px solid var(--rule);font:15px/1.5 system-ui,sans-serif}
.notice.warn{background:var(--single);border-color:#f0dca0}
footer.site{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 2rem;border-top:1px solid var(--rule)}
kbd{font:12px/1 ui-monospace,monospace;border:1px solid #c9c9d1;border-bottom-width:2px;border-radius:3px;padding:1px 4px;background:#fff}
@media (max-width:40rem){input[type=search]{width:9rem}.stance{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr}}
`;

/** Keyboard navigation: j/k move between [data-item] elements, Enter opens, / focuses search. */
const JS = `"use strict";
(function () {
  var current = -1;
  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }
  function select(i) {
    var list = items();
    if (list.length === 0) return;
    i = Math.max(0, Math.min(list.length - 1, i));
    if (current >= 0 && list[current]) list[current].classList.remove("current");
    current = i;
    list[i].classList.add("current");
    list[i].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    if (e.key === "/") {
      var s = document.querySelector("input[type=search]");
      if (s) { e.preventDefault(); s.focus(); s.select(); }
    } else if (e.key === "j") { select(current + 1); }
    else if (e.key === "k") { select(current < 0 ? 0 : current - 1); }
    else if (e.key === "Enter" && current >= 0) {
      var link = items()[current].querySelector("a[href]");
      if (link) { e.preventDefault(); link.click(); }
    }
  });
  // Bring a cited sentence to the middle of the screen, not the top edge.
  function centreTarget() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el) el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", centreTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", centreTarget);
  else centreTarget();
})();
`;

export interface Asset {
  body: string;
  type: string;
}

/** Static files by the name after /static/. */
export const ASSETS: Record<string, Asset> = {
  "app.css": { body: CSS.trimStart(), type: "text/css; charset=utf-8" },
  "app.js": { body: JS, type: "text/javascript; charset=utf-8" },
};

/** The asset for an exact name, or null: names are looked up, never joined to a path. */
export function assetNamed(name: string): Asset | null {
  return Object.hasOwn(ASSETS, name) ? ASSETS[name] : null;
}
