import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractContent } from "../src/extract/html-content.js";
import { parseHtml } from "../src/extract/html-tree.js";
import { extractArticle } from "../src/extract/index.js";
import { secondOpinion } from "../src/extract/second-opinion.js";
import type { Article, RawInput } from "../src/model.js";

const enc = (s: string) => new TextEncoder().encode(s);
const text = (body: string): Article =>
  extractArticle({ id: "t", origin: { kind: "file", name: "t.txt" }, bytes: enc(body) });
const page = (html: string): Article => {
  const input: RawInput = {
    id: "p",
    origin: { kind: "file", name: "p.html", contentType: "text/html" },
    bytes: enc(html),
  };
  return extractArticle(input);
};
const reasonOf = (a: Article, line: string) => a.removed.find((r) => r.text === line)?.reason;
const doc = (...lines: string[]) => lines.join("\n");

const TITLE = "Harbour Bridge Reopens After Repairs";
const P = [
  "The harbour bridge reopened to traffic on Monday morning, three weeks after a barge struck one of its piers during a storm.",
  "Engineers replaced two damaged bearings, repainted the steel, and checked every cable before the council allowed cars back on.",
  "Commuters who had taken a forty-minute detour through the industrial estate said the closure had cost them hours each week.",
  "The barge operator, which has accepted responsibility, will pay for the repairs, according to a statement from the port authority.",
  "Cyclists will have to wait a little longer, as the new shared path on the eastern side is not expected to open until spring.",
  "Traffic counts on the first morning were close to normal, the council said, though queues formed at the southern roundabout.",
];

describe("extract: a second opinion from Readability", () => {
  // The article sits in a container whose class we take for furniture ("print" tools), next
  // to a short intro and a longer comment thread: our own pass keeps only the intro.
  const article = P.map((p) => `<p>${p}</p>`).join("");
  const comments = P.slice(0, 5)
    .map((p, i) => `<p>Reader ${i + 1} wrote: ${p.replace(/\./, ", or so I heard.")}</p>`)
    .join("");
  const intro =
    "<p>Our reporter spent the morning on the bridge, talking to drivers and cyclists.</p><p>She also met the engineers who spent three weeks on it, and watched the first lorries cross it, and most drivers she spoke to were simply glad to be back on their old route, after weeks of queues, detours and late arrivals at work and at school.</p>";
  const html = `<html><head><title>${TITLE}</title></head><body><div class="intro">${intro}</div><div class="l-print-area">${article}</div><div class="comments">${comments}</div></body></html>`;

  it("takes Readability's body when ours holds little of the page and theirs far more", () => {
    const a = page(html);
    assert.ok(a.diagnostics.some((d) => d.code === "body-from-readability"));
    for (const p of P) assert.ok(a.paragraphs.includes(p), `missing: ${p.slice(0, 40)}`);
    assert.ok(!a.paragraphs.some((p) => p.startsWith("Reader")), "comments kept");
  });

  it("never builds a DOM for a truncated or oversized page", () => {
    const content = extractContent(parseHtml(html).root);
    const stats = { pageProse: content.pageProse, elements: content.elements };
    assert.ok(secondOpinion(html, content.blocks, { ...stats, truncated: false }) !== null);
    assert.equal(secondOpinion(html, content.blocks, { ...stats, truncated: true }), null);
    assert.equal(
      secondOpinion(html, content.blocks, { ...stats, elements: 50_000, truncated: false }),
      null,
    );
  });

  it("keeps our own body when it holds most of the page's prose", () => {
    const plain = `<html><head><title>${TITLE}</title></head><body><article>${article}</article><div class="comments">${comments.slice(0, 300)}</div></body></html>`;
    const a = page(plain);
    assert.ok(!a.diagnostics.some((d) => d.code === "body-from-readability"));
    assert.deepEqual(a.paragraphs, P);
  });
});

describe("extract: captions repeating an image's alt text", () => {
  const figure = (alt: string, caption: string) =>
    `<div class="pic"><img src="x.jpg" alt="${alt}"><br><span class="small">${caption}</span></div>`;

  it("removes the line under a picture that repeats its alt text", () => {
    const caption = "Engineers inspect a pier of the harbour bridge";
    const html = `<html><body><article><p>${P[0]}</p>${figure(caption, caption)}<p>${P[1]}</p><p>${P[2]}</p></article></body></html>`;
    const a = page(html);
    assert.equal(reasonOf(a, caption), "caption");
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
  });

  it("keeps a paragraph that differs from the alt text, and ignores one-word alts", () => {
    const html = `<html><body><article><p>${P[0]}</p>${figure("Bridge", "Bridge")}<p>${P[1]}</p>${figure("The harbour bridge at dusk", P[2])}</article></body></html>`;
    const a = page(html);
    assert.ok(a.paragraphs.includes(P[2]));
    assert.ok(!a.removed.some((r) => r.reason === "caption"));
  });
});

describe("extract: furniture lines added this round", () => {
  const body = [TITLE, "", P[0], "", P[1], "", P[2]];

  it("removes reading-time and update-time widgets in several languages", () => {
    for (const line of [
      "Reading time: 4 minutes",
      "Tempo de leitura: 2 minutos",
      "Lesezeit: 3 Min.",
      "Updated at 1:23 p.m.",
    ]) {
      const a = text(doc(TITLE, "", line, "", P[0], "", P[1]));
      assert.equal(reasonOf(a, line), "date-line", line);
      assert.deepEqual(a.paragraphs, [P[0], P[1]]);
    }
  });

  it("reads a 'Posted on <date> by <name>' line as the byline", () => {
    const line = "Posted on March 30, 2015 by Jo Admin";
    const a = text(doc(TITLE, "", line, "", P[0], "", P[1]));
    assert.equal(reasonOf(a, line), "byline");
    assert.equal(a.byline, "Jo Admin");
  });

  it("removes pagination counters and contributor credits", () => {
    const a = text(
      doc(...body, "", "Kim Ode contributed reporting from Lagos.", "", "1 - 5 of 36"),
    );
    assert.equal(reasonOf(a, "Kim Ode contributed reporting from Lagos."), "byline");
    assert.equal(reasonOf(a, "1 - 5 of 36"), "navigation");
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
  });

  it("removes a follow prompt naming the account in brackets", () => {
    const line =
      "Follow The Example Post Opinion section on Facebook, Twitter (@ExamplePost) and Instagram.";
    const a = text(doc(...body, "", line));
    assert.equal(reasonOf(a, line), "share");
  });

  it("removes an author's bio closing the article", () => {
    const bio =
      "Sam Teller is a staff writer at The Example Post who covers transport. Follow him on Twitter @samteller.";
    const a = text(doc(...body, "", bio));
    assert.equal(reasonOf(a, bio), "author-bio");
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
  });

  it("keeps a closing sentence about a writer that is reported news", () => {
    const line = "Dana Reyes is a freelance journalist who was detained in March, her lawyer said.";
    const a = text(doc(...body, "", line));
    assert.deepEqual(a.paragraphs, [...P.slice(0, 3), line]);
  });

  it("removes other articles' teasers (headline and dated byline) after the body", () => {
    const teasers = [
      "Ferry Timetable Changes for Winter",
      "Jo Marsh 2019-11-20 14:35:08",
      "New Cycle Lanes Planned Along the River",
      "2019-11-20 17:27:46 Lee Park",
    ];
    const html = `<html><body><article>${P.slice(0, 3)
      .map((p) => `<p>${p}</p>`)
      .join("")}${teasers.map((t) => `<div>${t}</div>`).join("")}</article></body></html>`;
    const a = page(html);
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
    assert.equal(reasonOf(a, teasers[0]), "related");
    assert.equal(reasonOf(a, teasers[1]), "byline");
  });
});

describe("extract: decks and headlines above the body", () => {
  const body = P.slice(0, 3)
    .map((p) => `<p>${p}</p>`)
    .join("");

  it("leaves out a standfirst marked by its class or by itemprop=description", () => {
    const dek = "Three weeks of detours end as the council lets cars back on the span";
    const summary = "Engineers replaced bearings and checked every cable before the reopening.";
    for (const deck of [
      `<p class="c-entry-dek">${dek}</p>`,
      `<h2 class="article-subtitle">${dek}</h2>`,
      `<div itemprop="description"><p>${summary}</p></div>`,
    ]) {
      const a = page(`<html><body><article>${deck}${body}</article></body></html>`);
      assert.deepEqual(a.paragraphs, P.slice(0, 3), deck);
      assert.ok(
        a.removed.some((r) => r.reason === "deck"),
        deck,
      );
    }
  });

  it("keeps a player's name marked with a 'player' class in a sports report", () => {
    const line =
      'Midfielder <a class="player" href="/p/9">Ana Sol</a> scored twice in the second half, and her side won the cup.';
    const a = page(`<html><body><article><p>${line}</p>${body}</article></body></html>`);
    assert.match(a.paragraphs[0], /^Midfielder Ana Sol scored twice/);
  });

  it("removes an <h1> above the body even when it is worded unlike the page title", () => {
    const h1 = "Drivers cheer, cyclists wait: is the harbour bridge finally fixed for good?";
    const a = page(
      `<html><head><title>Bridge open again | Example News</title></head><body><article><h1>${h1}</h1>${body}</article></body></html>`,
    );
    assert.equal(reasonOf(a, h1), "title-repeat");
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
  });
});

describe("extract: generalisation rules (issue 3, dev set outside the benchmark)", () => {
  const body = P.slice(0, 3)
    .map((p) => `<p>${p}</p>`)
    .join("");

  it("reads a negated class word ('no_caption', 'no-sidebar') as saying nothing", () => {
    const lead =
      "The council confirmed on Sunday evening that the bridge would reopen at six the next morning, after a final inspection.";
    for (const cls of ["item item_image no_caption", "item has-no-sidebar", "item without-ads"]) {
      const a = page(
        `<html><body><article><div class="${cls}"><h2>${lead}</h2></div><div class="item">${body}</div></article></body></html>`,
      );
      assert.equal(a.paragraphs[0], lead, cls);
    }
    // The word itself still marks furniture.
    const a = page(
      `<html><body><article><div class="item caption"><h2>${lead}</h2></div><div class="item">${body}</div></article></body></html>`,
    );
    assert.ok(!a.paragraphs.includes(lead));
  });

  it("judges a linked list item with its list: kept among sentences, dropped among links", () => {
    const items = [
      "Is the detour shorter than the old route?",
      '<a href="/guide">Where will the cyclists go</a>?',
      "Who pays for the new bearings?",
    ];
    const list = `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
    const a = page(`<html><body><article>${body}${list}${body}</article></body></html>`);
    assert.ok(a.paragraphs.includes("Where will the cyclists go?"));
    const links = ["Bridges", "Roads", "Ferries"].map(
      (w) => `<li><a href="/${w}">${w} news</a></li>`,
    );
    const b = page(
      `<html><body><article>${body}<ul>${links.join("")}</ul>${body}</article></body></html>`,
    );
    assert.ok(!b.paragraphs.includes("Roads news"));
  });

  it("leaves out a photo gallery embedded in the story, even one marked as an embed", () => {
    const gallery = `<div class="story-embed" id="photo-gallery-embed_12"><div>3 of 17</div><div>Full Screen</div><div>Bridge crews at work before dawn on the damaged pier</div><div>Next slide</div></div>`;
    const a = page(`<html><body><article><p>${P[3]}</p>${gallery}${body}</article></body></html>`);
    assert.ok(!a.paragraphs.some((p) => p.includes("Full Screen") || p.includes("Bridge crews")));
    assert.equal(a.paragraphs.length, 4);
    assert.ok(a.removed.some((r) => r.reason === "caption" && r.text.includes("Bridge crews")));
  });

  it("keeps a dateline span opening a paragraph in that paragraph", () => {
    const a = page(
      `<html><body><article><p><span class="dateline">PORTVILLE —</span> ${P[0]}</p>${body}</article></body></html>`,
    );
    assert.equal(a.paragraphs[0], `PORTVILLE — ${P[0]}`);
    // The same span standing alone is still furniture.
    const b = page(
      `<html><body><article><p><span class="dateline">March 3, 2031</span></p>${body}</article></body></html>`,
    );
    assert.deepEqual(b.paragraphs, P.slice(0, 3));
  });

  it("takes the <title> as headline when the <h1> is a section label and an <h2> repeats the title", () => {
    const headline = "Night Ferries Return to the Eastern Harbour";
    const html = (h2: string) =>
      `<html><head><title>${headline}</title></head><body><h1>Transport and Travel Centre</h1><article><h2>${h2}</h2>${body}</article></body></html>`;
    const a = page(html(headline));
    assert.equal(a.title, headline);
    assert.equal(reasonOf(a, headline), "title-repeat");
    assert.deepEqual(a.paragraphs, P.slice(0, 3));
    // Without an <h2> saying the title, the <h1> stays the headline.
    assert.equal(page(html("Timetables")).title, "Transport and Travel Centre");
  });
});
