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

  it("reads a published line with a time as minute precision", () => {
    const a = extractArticle(file("t", enc(`Published on March 4, 2025 10:32 am\n\n${SENTENCE}`)));
    assert.equal(a.published, "2025-03-04T10:32");
    assert.equal(a.publishedPrecision, "minute");
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
      { input: "empty.x", message: "empty input" },
      { input: "nav-only.x", message: "no article text found" },
    ]);
  });
});
