import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractArticle, extractBatch } from "../src/extract/index.js";
import type { RawInput } from "../src/model.js";

const enc = (s: string) => new TextEncoder().encode(s);
const file = (id: string, bytes: Uint8Array, contentType?: string): RawInput => ({
  id,
  origin: { kind: "file", name: `${id}.x`, contentType },
  bytes,
});

const SENTENCE =
  "The city council approved the new budget on Tuesday, after a long debate that lasted well into the night.";
const SENTENCE2 =
  "Critics said the plan, which raises fees for parking and public pools, would hurt families with children.";

describe("extract: plain text", () => {
  it("keeps body paragraphs and removes a share line and a byline with reasons", () => {
    const a = extractArticle(
      file(
        "t",
        enc(
          `Council Passes Budget After Long Debate\nBy Jane Doe\nShare on Facebook\n\n${SENTENCE}\n\n${SENTENCE2}\n`,
        ),
      ),
    );
    assert.equal(a.title, "Council Passes Budget After Long Debate");
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2]);
    assert.deepEqual(a.removed, [
      { text: "By Jane Doe", reason: "byline" },
      { text: "Share on Facebook", reason: "share" },
    ]);
    assert.equal(a.byline, "Jane Doe");
  });

  it("prefers a headline-length title over a site name printed above it", () => {
    const a = extractArticle(
      file("n", enc(`The Daily Example\nCouncil Passes Budget After Long Debate\n${SENTENCE}`)),
    );
    assert.equal(a.title, "Council Passes Budget After Long Debate");
    assert.deepEqual(a.removed, [{ text: "The Daily Example", reason: "navigation" }]);
  });

  it("joins hard-wrapped lines of a fixed-width text back into paragraphs", () => {
    const wrapped =
      "The city council approved the new budget on Tuesday, after a long\ndebate that lasted well into the night.\n\nCritics said the plan, which raises fees for parking and public\npools, would hurt families with children.";
    const a = extractArticle(file("w", enc(wrapped)));
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2]);
  });

  it("reads a published line with a time as minute precision", () => {
    const a = extractArticle(file("t", enc(`Published on March 4, 2025 10:32 am\n\n${SENTENCE}`)));
    assert.equal(a.published, "2025-03-04T10:32");
    assert.equal(a.publishedPrecision, "minute");
  });

  it("reads US and European numeric dates and removes 'Posted'/'Updated' lines", () => {
    const a = extractArticle(
      file("d", enc(`Posted 11/27/2005 7:21 AM\nUpdated 11/27/2005 3:41 PM\n${SENTENCE}`)),
    );
    assert.equal(a.published, "2005-11-27T07:21");
    assert.deepEqual(
      a.removed.map((r) => r.reason),
      ["date-line", "date-line"],
    );
    const b = extractArticle(file("e", enc(`Veröffentlicht am 03.04.2024\n\n${SENTENCE}`)));
    assert.equal(b.published, "2024-04-03");
  });

  it("keeps short closing sentences and quotes after the last long paragraph", () => {
    const a = extractArticle(
      file("q", enc(`${SENTENCE}\n${SENTENCE2}\n"Ever again.\nNever."\nLatest article`)),
    );
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2, '"Ever again.', 'Never."']);
    assert.deepEqual(a.removed, [{ text: "Latest article", reason: "related" }]);
  });

  it("removes share bars, tag lists, counters, reading times, copyright and wire credits", () => {
    const text = [
      "Facebook Twitter WhatsApp Email",
      "3 min read",
      SENTENCE,
      "Advertisement",
      SENTENCE2,
      "(Reporting by Jane Doe; Editing by John Roe)",
      "Tags: budget, council, parking",
      "12 Comments",
      "© 2024 The Daily Example. All rights reserved.",
    ].join("\n");
    const a = extractArticle(file("s", enc(text)));
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2]);
    assert.deepEqual(
      a.removed.map((r) => r.reason),
      ["share", "date-line", "navigation", "byline", "tags", "comment-form", "footer"],
    );
  });

  it("removes the headlines listed under a 'Related' line in the middle of the text", () => {
    const text = `${SENTENCE}\nRelated stories\nMayor Announces Bid For Second Term\nSchool Board Votes To Close Two Schools\n${SENTENCE2}`;
    const a = extractArticle(file("r", enc(text)));
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2]);
    assert.deepEqual(
      a.removed.map((r) => r.reason),
      ["related", "related", "related"],
    );
  });

  it("strips a typical news-theme scrape down to title, byline, date and body", () => {
    const text = [
      "Home",
      "Politics",
      "Council Passes Budget After Long Debate",
      "by Admin",
      "June 18, 2024",
      "in Politics",
      "0",
      "SHARES",
      "12",
      "VIEWS",
      "Share on Facebook Share on Twitter",
      SENTENCE,
      SENTENCE2,
      "Tags: budget, council",
      "Previous Post",
      "Mayor Opens New Library",
      "Next Post",
      "Storm Closes Schools",
      "Please login to join discussion",
    ].join("\n");
    const a = extractArticle(file("theme", enc(text)));
    assert.equal(a.title, "Council Passes Budget After Long Debate");
    assert.equal(a.byline, "Admin");
    assert.equal(a.published, "2024-06-18");
    assert.deepEqual(a.paragraphs, [SENTENCE, SENTENCE2]);
    assert.equal(a.removed.length, 16);
  });

  it("removes a verbless photo caption between paragraphs but keeps a sentence of the same shape", () => {
    const caption = "Jane Doe and John Roe during a visit to the harbour in September 2023.";
    const sentence = "Mayor Jane Doe arrives in the harbour on June 19, 2024.";
    const a = extractArticle(file("c", enc(`${SENTENCE}\n${caption}\n${sentence}\n${SENTENCE2}`)));
    assert.deepEqual(a.removed, [{ text: caption, reason: "caption" }]);
    assert.deepEqual(a.paragraphs, [SENTENCE, sentence, SENTENCE2]);
  });

  it("removes 'Read also' lines in other languages", () => {
    const a = extractArticle(
      file("t", enc(`${SENTENCE}\n\nLire aussi : Le budget adopté\n\n${SENTENCE2}`)),
    );
    assert.deepEqual(a.removed, [{ text: "Lire aussi : Le budget adopté", reason: "see-also" }]);
  });

  it("normalises Unicode: soft hyphens and zero-width spaces out, NBSP to space, quotes kept", () => {
    const a = extractArticle({
      id: "u",
      origin: { kind: "inline", name: "u" },
      text: `The coun\u00ADcil’s “final”\u00A0vote\u200B came late on Tuesday, after a debate of many hours.`,
    });
    assert.equal(
      a.paragraphs[0],
      "The council’s “final” vote came late on Tuesday, after a debate of many hours.",
    );
  });
});

describe("extract: HTML", () => {
  const page = `<!doctype html><html lang="en"><head><title>Budget passes | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-06-18T09:30:00+09:00">
<link rel="canonical" href="https://example.com/budget"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Budget passes</h1><p>${SENTENCE}</p><h2>What changes</h2><p>${SENTENCE2}</p>
<div class="share-buttons"><a href="#">Share on Facebook</a></div></article>
<aside class="sidebar"><p>Most read: something else entirely, with many, many commas, here.</p></aside>
<footer>Copyright 2024 The Daily Example. All rights reserved.</footer></body></html>`;

  it("extracts the article body, headings and metadata from a page", () => {
    const a = extractArticle(file("p", enc(page)));
    assert.deepEqual(a.paragraphs, [SENTENCE, "What changes", SENTENCE2]);
    assert.deepEqual(a.headings, [1]);
    assert.equal(a.title, "Budget passes");
    assert.equal(a.outlet, "The Daily Example");
    assert.equal(a.published, "2024-06-18T09:30:00+09:00");
    assert.equal(a.publishedPrecision, "second");
    assert.equal(a.url, "https://example.com/budget");
    assert.equal(a.language, "en");
  });

  it("keeps furniture found inside the article for audit, with a reason", () => {
    const a = extractArticle(file("p", enc(page)));
    assert.deepEqual(a.removed, [
      { text: "Budget passes", reason: "title-repeat" },
      { text: "Share on Facebook", reason: "share" },
    ]);
  });

  it("detects HTML by content even in a .txt file", () => {
    const a = extractArticle({
      id: "x",
      origin: { kind: "file", name: "x.txt" },
      bytes: enc(page),
    });
    assert.equal(a.title, "Budget passes");
    assert.equal(a.paragraphs.length, 3);
  });
});

describe("extract: batch and page-declared signals", () => {
  it("removes a short line that three documents of the batch share, but not in one document", () => {
    const doc = (id: string, body: string): RawInput => ({
      id,
      origin: { kind: "inline", name: id },
      text: `Exclusive offer inside\n${body}\nOur weekly picks`,
    });
    const bodies = [SENTENCE, SENTENCE2, SENTENCE.replace("city", "county")];
    const { articles } = extractBatch(bodies.map((b, i) => doc(`d${i}`, b)));
    for (const a of articles) {
      assert.deepEqual(
        a.removed.map((r) => [r.text, r.reason]),
        [
          ["Exclusive offer inside", "site-boilerplate"],
          ["Our weekly picks", "site-boilerplate"],
        ],
      );
    }
    const alone = extractArticle(doc("one", SENTENCE));
    assert.equal(alone.title, "Exclusive offer inside");
  });

  it("uses the JSON-LD articleBody when the markup hides most of the article", () => {
    const body = `${SENTENCE} ${SENTENCE2} `.repeat(4).trim();
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      "@type": "NewsArticle",
      headline: "Budget passes",
      articleBody: `${body}\n${SENTENCE2}`,
      datePublished: "2024-06-18",
      publisher: { name: "The Daily Example" },
    })}</script></head><body><div class="story"><p>${SENTENCE}</p></div>
<div style="display:none"><p>${body}</p></div></body></html>`;
    const a = extractArticle(file("ld", enc(html)));
    assert.deepEqual(a.paragraphs, [body, SENTENCE2]);
    assert.equal(a.outlet, "The Daily Example");
    assert.equal(a.published, "2024-06-18");
    assert.ok(a.diagnostics.some((d) => d.code === "body-from-json-ld"));
  });
});

describe("extract: bad input", () => {
  it("turns an empty input and a body-less page into errors naming the input", () => {
    const { articles, errors } = extractBatch([
      file("empty", new Uint8Array()),
      file("nav-only", enc("<html><body><nav><a href='/'>Home</a></nav></body></html>")),
      file("ok", enc(SENTENCE)),
    ]);
    assert.deepEqual(
      articles.map((a) => a.id),
      ["ok"],
    );
    assert.deepEqual(errors, [
      { input: "empty.x", message: "empty input", id: "empty" },
      { input: "nav-only.x", message: "no article text found", id: "nav-only" },
    ]);
  });
});
