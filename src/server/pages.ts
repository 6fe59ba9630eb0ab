/**
 * Server-rendered HTML pages: stories list, a story's brief with clickable citations, sources
 * side by side, one article with sentence anchors, the add-reports form. Every piece of stored
 * text goes through `e()` (HTML escaping); pages need no JavaScript and carry no inline script
 * or style.
 */
import type { Article, Brief, Evidence, Fact, Stance } from "../model.js";
import type { StorySummary } from "../store/store.js";
import { VERSION } from "../version.js";
import { plural } from "../text/plural.js";
import type { MarkedSentence, SourceArticle, SourcesView } from "./story-view.js";

/** Escapes text for HTML content and attribute values. */
export function e(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const u = encodeURIComponent;

export function storyHref(id: string): string {
  return `/stories/${u(id)}`;
}

export function articleHref(id: string, story?: string, sentence?: number): string {
  return `/articles/${u(id)}${story ? `?story=${u(story)}` : ""}${sentence !== undefined ? `#s-${sentence}` : ""}`;
}

export interface LayoutOptions {
  title: string;
  body: string;
  q?: string;
  /** Width of the main column: reading (default), list (tables) or wide (side by side). */
  width?: "reading" | "list" | "wide";
}

export function layout(o: LayoutOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(o.title)} · crosscheck</title>
<link rel="stylesheet" href="/static/app.css?v=${e(VERSION)}">
<script src="/static/app.js?v=${e(VERSION)}" defer></script>
</head>
<body>
<header class="site"><div class="bar">
<a class="brand" href="/">crosscheck</a>
<nav><a href="/">Stories</a><a href="/add">Add reports</a></nav>
<form action="/" method="get" role="search"><input type="search" name="q" value="${e(o.q)}" placeholder="Search stories  ( / )" aria-label="Search stories"></form>
</div></header>
<main${o.width && o.width !== "reading" ? ` class="${o.width}"` : ""}>
${o.body}
</main>
<footer class="site"><p class="n">crosscheck ${e(VERSION)} · keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> open, <kbd>/</kbd> search · <a href="/api/stories">JSON API</a></p></footer>
</body>
</html>
`;
}

/** "2025-10-15T09:12:00Z" → "2025-10-15 09:12 UTC"; other strings unchanged. */
export function shortDate(iso: string | null): string {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    iso,
  );
  if (!m) return iso;
  const zone = m[3] === "Z" || m[3] === "+00:00" ? " UTC" : m[3] ? ` ${m[3]}` : "";
  return `${m[1]} ${m[2]}${zone}`;
}

export function storiesPage(stories: StorySummary[], q: string, total: number): string {
  const rows = stories
    .map(
      (s) =>
        `<tr data-item><td><a href="${storyHref(s.id)}">${e(s.title ?? s.id)}</a></td>` +
        `<td class="num">${s.size}</td><td class="num">${s.families}</td>` +
        `<td class="num"><time datetime="${e(s.updated)}">${e(shortDate(s.updated))}</time></td></tr>`,
    )
    .join("\n");
  const heading = q ? `Stories matching “${e(q)}”` : "Stories";
  const summary = q
    ? `${plural(stories.length, "story", "stories")} of ${total} match.`
    : `${plural(total, "story", "stories")}, most recently updated first.`;
  const body =
    stories.length === 0
      ? `<p class="notice">${q ? "No story matches that search." : 'No stories yet. <a href="/add">Add reports</a> or run <code>crosscheck ingest</code>.'}</p>`
      : `<table class="stories"><thead><tr><th>Story</th><th class="num">Reports</th><th class="num">Independent sources</th><th class="num">Last update</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return layout({
    title: q ? `Search: ${q}` : "Stories",
    q,
    width: "list",
    body: `<h1>${heading}</h1>\n<p class="meta">${summary}</p>\n${body}`,
  });
}

/** The story page's content (without the layout), cacheable per story revision. */
export function storyContent(brief: Brief, title: string | null, storyId: string): string {
  const number = new Map(brief.sources.map((s, i) => [s.id, i + 1]));
  const sourceById = new Map(brief.sources.map((s) => [s.id, s]));
  const families = new Set(brief.sources.map((s) => s.family)).size;
  const label = (id: string) => {
    const s = sourceById.get(id);
    return s?.outlet ?? id;
  };
  /** One citation per source: to its first cited sentence when known. */
  const cite = (ids: readonly string[], evidence: readonly Evidence[] = []) => {
    const firstSentence = new Map<string, Evidence>();
    for (const ev of evidence) if (!firstSentence.has(ev.source)) firstSentence.set(ev.source, ev);
    return [...new Set(ids)]
      .filter((id) => number.has(id))
      .sort((a, b) => number.get(a)! - number.get(b)!)
      .map((id) => {
        const ev = firstSentence.get(id);
        const tip = ev ? `${label(id)}: ${ev.text}` : label(id);
        return `<sup class="cite"><a href="${articleHref(id, storyId, ev?.sentence)}" title="${e(tip)}">[${number.get(id)}]</a></sup>`;
      })
      .join("");
  };
  const stanceCite = (s: Stance) =>
    `<sup class="cite"><a href="${articleHref(s.source, storyId, s.sentence)}" title="${e(label(s.source))}">[${number.get(s.source) ?? "?"}]</a></sup>`;
  const evidenceList = (list: readonly Evidence[]) =>
    list.length === 0
      ? ""
      : `<details class="evidence"><summary>evidence (${list.length})</summary>${list
          .map(
            (ev) =>
              `<blockquote><a href="${articleHref(ev.source, storyId, ev.sentence)}">${e(label(ev.source))}</a>: ${e(ev.text)}</blockquote>`,
          )
          .join("")}</details>`;
  const factItems = (list: Fact[], kind: "agreed" | "single") =>
    list
      .map(
        (f) =>
          `<li data-item>${e(f.text)} <span class="cites">${cite(f.sources, f.evidence)} <span class="badge ${kind}">${
            kind === "agreed" ? `${f.independent} independent` : "single source"
          }</span></span>${evidenceList(f.evidence)}</li>`,
      )
      .join("\n");
  const none = (what: string) => `<p class="n">${what}</p>`;
  const h: string[] = [];
  h.push(`<h1>${e(title ?? storyId)}</h1>`);
  h.push(
    `<p class="meta">${plural(brief.sources.length, "report")} from ${plural(families, "independent source")} · ` +
      `<a href="${storyHref(storyId)}/sources">sources side by side</a> · <a href="/api/stories/${u(storyId)}">JSON</a></p>`,
  );
  h.push(`<p class="lead">${e(brief.lead)}</p>`);

  h.push(`<h2 id="facts">Established by independent sources</h2>`);
  h.push(
    brief.facts.length
      ? `<ol class="items">${factItems(brief.facts, "agreed")}</ol>`
      : none("No fact is stated by two independent sources."),
  );

  h.push(`<h2 id="single">Single-source claims</h2>`);
  h.push(
    brief.singleSource.length
      ? `<ul class="items">${factItems(brief.singleSource, "single")}</ul>`
      : none("None."),
  );

  h.push(`<h2 id="disputes">Disputes</h2>`);
  if (brief.disputes.length === 0) h.push(none("No one denies what another asserts."));
  else {
    /** Each party once, with a citation per source where it takes that stance. */
    const who = (list: Stance[]) => {
      const byParty = new Map<string, Stance[]>();
      for (const s of list) byParty.set(s.by, [...(byParty.get(s.by) ?? []), s]);
      return (
        [...byParty]
          .map(
            ([by, stances]) =>
              `${e(by)} <span class="cites">${stances.map(stanceCite).join("")}</span>`,
          )
          .join("; ") || '<span class="n">—</span>'
      );
    };
    h.push(
      `<ul class="items">${brief.disputes
        .map(
          (d) =>
            `<li data-item><span class="badge disputed">disputed</span> ${e(d.claim)}<dl class="stance"><dt>asserted by</dt><dd>${who(d.asserted)}</dd><dt>denied by</dt><dd>${who(d.denied)}</dd></dl></li>`,
        )
        .join("\n")}</ul>`,
    );
  }

  h.push(`<h2 id="contradictions">Contradictions</h2>`);
  if (brief.conflicts.length === 0)
    h.push(none("The sources give no conflicting figures, dates or names."));
  else {
    for (const c of brief.conflicts) {
      h.push(
        `<div data-item class="conflict"><p class="about"><span class="badge contradicted">contradicted</span> ${e(c.about)}</p><table><thead><tr><th>Value</th><th>Given by</th><th>In their words</th></tr></thead><tbody>${c.values
          .map(
            (v) =>
              `<tr><td><strong>${e(v.value)}</strong></td><td>${v.sources.map((s) => e(label(s))).join(", ")} ${cite(v.sources, v.evidence)}</td><td>${e(v.evidence?.[0]?.text ?? "")}</td></tr>`,
          )
          .join("")}</tbody></table></div>`,
      );
    }
  }

  h.push(`<h2 id="quotes">Quotes</h2>`);
  h.push(
    brief.quotes.length === 0
      ? none("No direct quotes found.")
      : `<ul class="items">${brief.quotes
          .map(
            (q) =>
              `<li data-item><blockquote class="quote">“${e(q.text)}”</blockquote><span class="n">— ${q.speaker ? e(q.speaker) : "unattributed"}</span> <sup class="cite"><a href="${articleHref(q.source, storyId, q.sentence)}" title="${e(label(q.source))}">[${number.get(q.source) ?? "?"}]</a></sup>${(q.alsoIn ?? []).length ? ` <span class="n">also in</span> ${cite(q.alsoIn ?? [])}` : ""}</li>`,
          )
          .join("\n")}</ul>`,
  );

  h.push(`<h2 id="timeline">Timeline</h2>`);
  h.push(
    brief.timeline.length === 0
      ? none("No dated events.")
      : `<ul class="items timeline">${brief.timeline
          .map(
            (t) =>
              `<li data-item><time datetime="${e(t.date)}">${e(t.date)}</time><span>${e(t.text)} <span class="cites">${cite(t.sources, t.evidence)}</span></span></li>`,
          )
          .join("\n")}</ul>`,
  );

  h.push(`<h2 id="actors">Actors</h2>`);
  h.push(
    brief.actors.length === 0
      ? none("None found.")
      : `<ul class="items">${brief.actors
          .map(
            (a) =>
              `<li data-item><strong>${e(a.name)}</strong> <span class="n">${e(a.kind)} · ${plural(a.mentions, "mention")} in ${plural(a.sources.length, "source")}${a.aliases.length ? ` · also “${a.aliases.map(e).join("”, “")}”` : ""}</span></li>`,
          )
          .join("\n")}</ul>`,
  );

  h.push(`<h2 id="sources">Sources</h2>`);
  h.push(
    `<ol class="items">${brief.sources
      .map(
        (s, i) =>
          `<li data-item id="source-${i + 1}">[${i + 1}] <a href="${articleHref(s.id, storyId)}">${e(s.outlet ?? s.id)}</a>${s.title ? `: ${e(s.title)}` : ""} <span class="n">${e(shortDate(s.published))}${s.family !== s.id ? ` · copy family of ${e(label(s.family))}` : ""}</span></li>`,
      )
      .join("\n")}</ol>`,
  );
  if (brief.diagnostics.length > 0) {
    h.push(
      `<details class="evidence"><summary>${plural(brief.diagnostics.length, "diagnostic")}</summary><ul>${brief.diagnostics
        .map(
          (d) =>
            `<li class="n">${e(d.severity)} ${e(d.code)}${d.source ? ` (${e(d.source)})` : ""}: ${e(d.message)}</li>`,
        )
        .join("")}</ul></details>`,
    );
  }
  return h.join("\n");
}

function sentenceSpan(s: MarkedSentence, id: string): string {
  const mark = s.mark;
  const cls = mark ? ` ${mark.kind}` : "";
  const tip = !mark
    ? ""
    : mark.kind === "agreed"
      ? ` title="agreed by ${plural(mark.families, "independent source")}"`
      : mark.kind === "single"
        ? ' title="single-source claim"'
        : ` title="${mark.kind}"`;
  const count = mark?.kind === "agreed" ? `<sup class="fam">${mark.families}</sup>` : "";
  return `<span class="s${cls}" id="${id}"${tip}>${e(s.text)}</span>${count}`;
}

/** Sentences grouped into their paragraphs. */
function paragraphs(
  sentences: MarkedSentence[],
  idOf: (s: MarkedSentence) => string,
  headingTag: string,
): string {
  const out: string[] = [];
  let current: MarkedSentence[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const heading = current.every((s) => s.heading);
    const inner = current.map((s) => sentenceSpan(s, idOf(s))).join(" ");
    out.push(heading ? `<${headingTag} class="para">${inner}</${headingTag}>` : `<p>${inner}</p>`);
    current = [];
  };
  for (const s of sentences) {
    if (
      current.length > 0 &&
      (current[0].paragraph !== s.paragraph || s.heading !== current[0].heading)
    )
      flush();
    current.push(s);
  }
  flush();
  return out.join("\n");
}

export function sourcesContent(view: SourcesView): string {
  const h: string[] = [];
  const title = view.story.title ?? view.story.id;
  const count = view.families.reduce((n, f) => n + f.articles.length, 0);
  h.push(`<h1>Sources side by side: ${e(title)}</h1>`);
  h.push(
    `<p class="meta">${plural(count, "report")} in ${plural(view.families.length, "copy family", "copy families")} (each family counts as one independent source) · <a href="${storyHref(view.story.id)}">back to the brief</a> · <a href="/api/stories/${u(view.story.id)}/sources">JSON</a></p>`,
  );
  h.push(
    `<p class="legend meta"><span class="badge agreed">agreed</span> stated by several independent sources (the number says how many) <span class="badge single">single source</span> <span class="badge disputed">disputed or contradicted</span> unmarked: not cited in the brief</p>`,
  );
  let column = 0;
  h.push('<div class="families">');
  for (const f of view.families) {
    const first = f.articles.find((a) => a.first);
    const name = first?.outlet ?? first?.id ?? f.id;
    h.push(
      `<section class="family"><h3>${f.articles.length > 1 ? `Copy family of ${e(name)}: ${f.articles.length} reports, one source` : "Independent report"}</h3><div class="columns">`,
    );
    for (const a of f.articles) {
      const n = column++;
      h.push(sourceColumn(a, n, view.story.id));
    }
    h.push("</div></section>");
  }
  h.push("</div>");
  return h.join("\n");
}

function sourceColumn(a: SourceArticle, n: number, storyId: string): string {
  const badges = [
    a.first && a.relation !== "copy" ? '<span class="badge first">first report</span>' : "",
    a.relation !== "original" ? `<span class="badge single">${e(a.relation)}</span>` : "",
  ].join(" ");
  return `<article class="column" data-item id="src-${n}"><h4><a href="${articleHref(a.id, storyId)}">${e(a.outlet ?? a.id)}</a> ${badges}</h4>
<p class="n">${e(a.title)}${a.published ? ` · ${e(shortDate(a.published))}` : ""}</p>
${paragraphs(a.sentences, (s) => `src-${n}-s-${s.index}`, "h5")}
</article>`;
}

export function articlePage(
  article: Article,
  sentences: MarkedSentence[],
  storyId: string | null,
  showRemoved: boolean,
): string {
  const h: string[] = [];
  h.push(`<h1>${e(article.title ?? article.id)}</h1>`);
  h.push(
    `<p class="meta">${e(article.outlet ?? "")}${article.outlet ? " · " : ""}${e(shortDate(article.published)) || "no date"}${
      storyId ? ` · <a href="${storyHref(storyId)}">back to the story</a>` : ""
    } · <a href="/api/articles/${u(article.id)}">JSON</a></p>`,
  );
  if (sentences.some((s) => s.mark)) {
    h.push(
      `<p class="legend meta">Underlined as the story's brief cites them: <span class="badge agreed">agreed</span> (the number: independent sources) <span class="badge single">single source</span> <span class="badge disputed">disputed or contradicted</span></p>`,
    );
  }
  h.push(`<div class="article">${paragraphs(sentences, (s) => `s-${s.index}`, "h3")}</div>`);
  h.push(`<h2>About this report</h2>`);
  const facts: [string, string][] = [
    ["Id", e(article.id)],
    ["Outlet", e(article.outlet ?? "unknown")],
    ["Byline", e(article.byline ?? "none")],
    ["Published", e(article.published ?? "unknown")],
    ["Language", e(article.language ?? "not detected")],
    [
      "URL",
      article.url
        ? `<a href="${e(safeUrl(article.url))}" rel="noopener noreferrer nofollow">${e(article.url)}</a>`
        : "none",
    ],
    ["Input", `${e(article.origin.kind)}: ${e(article.origin.name)}`],
    ["Sentences", String(sentences.length)],
  ];
  h.push(`<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`);
  h.push(
    `<details class="evidence" id="removed"${showRemoved ? " open" : ""}><summary>${plural(article.removed.length, "removed line")} (boilerplate)</summary>${
      article.removed.length === 0
        ? '<p class="n">Nothing was removed.</p>'
        : `<table><thead><tr><th>Why</th><th>Text</th></tr></thead><tbody>${article.removed
            .map((r) => `<tr><td class="n">${e(r.reason)}</td><td>${e(r.text)}</td></tr>`)
            .join("")}</tbody></table>`
    }</details>`,
  );
  if (article.diagnostics.length > 0) {
    h.push(
      `<details class="evidence"><summary>${plural(article.diagnostics.length, "diagnostic")}</summary><ul>${article.diagnostics
        .map((d) => `<li class="n">${e(d.severity)} ${e(d.code)}: ${e(d.message)}</li>`)
        .join("")}</ul></details>`,
    );
  }
  return layout({ title: article.title ?? article.id, body: h.join("\n") });
}

/** Only http(s) links are made clickable; anything else (javascript:, data:) is shown as text. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : "#";
}

export interface AddPageOptions {
  writable: boolean;
  /** True when the browser already holds the write token in its cookie. */
  hasTokenCookie: boolean;
  message?: { kind: "ok" | "warn"; html: string };
}

export function addPage(o: AddPageOptions): string {
  const h: string[] = [];
  h.push("<h1>Add reports</h1>");
  if (o.message)
    h.push(
      `<div class="notice${o.message.kind === "warn" ? " warn" : ""}">${o.message.html}</div>`,
    );
  if (!o.writable) {
    h.push(
      `<p class="notice warn">This server is read-only: it was started without a write token. Start it with <code>--token</code> or <code>CROSSCHECK_TOKEN</code> to add reports here, or use <code>crosscheck ingest</code>.</p>`,
    );
  }
  h.push(
    `<p>Paste the text or HTML of a report, upload saved pages (<code>.html</code>, <code>.txt</code>) or give the addresses of articles or feeds. Each report is extracted, grouped with its copies and added to the story it belongs to. Addresses are fetched politely (robots.txt respected) and only from public hosts.</p>`,
  );
  h.push(`<form class="add" method="post" action="/add" enctype="multipart/form-data">
${o.hasTokenCookie ? '<p class="n">Write token remembered for this browser.</p>' : '<input type="text" name="user" value="crosscheck" autocomplete="username" hidden><label for="token">Write token</label><input type="password" id="token" name="token" autocomplete="current-password">'}
<label for="title">Title (optional)</label><input type="text" id="title" name="title">
<label for="url">Original URL (optional, not fetched)</label><input type="url" id="url" name="url">
<label for="published">Published (optional, ISO 8601)</label><input type="text" id="published" name="published" placeholder="2025-10-14T15:05:00Z">
<label for="text">Text or HTML</label><textarea id="text" name="text"></textarea>
<label for="files">Or upload files</label><input type="file" id="files" name="files" multiple accept=".html,.htm,.txt,text/html,text/plain">
<label for="urls">Or fetch these addresses (articles or feeds, one a line, at most 20)</label><textarea id="urls" name="urls" class="short" placeholder="https://example.org/news/story.html"></textarea>
<button type="submit"${o.writable ? "" : " disabled"}>Add to the store</button>
</form>`);
  return layout({ title: "Add reports", body: h.join("\n") });
}

export function errorPage(status: number, message: string): string {
  return layout({
    title: `${status}`,
    body: `<h1>${status === 404 ? "Not found" : `Error ${status}`}</h1><p>${e(message)}</p><p><a href="/">All stories</a></p>`,
  });
}
