/** The pure parts of the web UI: sentence marks from a brief, and the story page's grouping. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Brief } from "../src/model.js";
import { storyContent } from "../src/server/pages.js";
import { RateLimiter } from "../src/server/rate-limit.js";
import { Router } from "../src/server/router.js";
import { sentenceMarks } from "../src/server/story-view.js";

function brief(over: Partial<Brief>): Brief {
  return {
    generator: { name: "crosscheck", version: "0" },
    lead: "",
    sources: [
      { id: "a", title: null, outlet: "Alpha", published: null, family: "a" },
      { id: "b", title: null, outlet: "Beta", published: null, family: "b" },
    ],
    facts: [],
    singleSource: [],
    disputes: [],
    conflicts: [],
    quotes: [],
    timeline: [],
    actors: [],
    diagnostics: [],
    ...over,
  };
}

const ev = (source: string, sentence: number) => ({
  source,
  sentence,
  text: `${source}${sentence}`,
});

describe("sentence marks", () => {
  it("marks cited sentences with the best support, and lets a dispute outrank agreement", () => {
    const marks = sentenceMarks(
      brief({
        facts: [
          { text: "f1", sources: ["a", "b"], independent: 2, evidence: [ev("a", 0), ev("b", 3)] },
          { text: "f2", sources: ["a", "b"], independent: 3, evidence: [ev("a", 0)] },
          { text: "f3", sources: ["a", "b"], independent: 2, evidence: [ev("a", 4)] },
        ],
        singleSource: [{ text: "s", sources: ["b"], independent: 1, evidence: [ev("b", 5)] }],
        disputes: [
          {
            claim: "c",
            asserted: [{ by: "X", source: "a", sentence: 4 }],
            denied: [{ by: "Y", source: "b" }],
          },
        ],
        conflicts: [
          { about: "n", values: [{ value: "1", sources: ["b"], evidence: [ev("b", 3)] }] },
        ],
      }),
    );
    assert.deepEqual(marks.get("a\u00000"), { kind: "agreed", families: 3 });
    assert.deepEqual(marks.get("b\u00003"), { kind: "contradicted", families: 0 });
    assert.deepEqual(marks.get("a\u00004"), { kind: "disputed", families: 0 });
    assert.deepEqual(marks.get("b\u00005"), { kind: "single", families: 1 });
    assert.equal(marks.get("a\u00001"), undefined);
    assert.equal(marks.size, 4);
  });
});

describe("story page", () => {
  it("names each disputing party once, with one citation per source it speaks in", () => {
    const html = storyContent(
      brief({
        disputes: [
          {
            claim: "warned about the pumps",
            asserted: [
              { by: "Union", source: "a", sentence: 2 },
              { by: "Union", source: "b", sentence: 7 },
            ],
            denied: [{ by: "Company", source: "b" }],
          },
        ],
      }),
      "T",
      "story 1",
    );
    assert.equal(html.match(/Union/g)?.length, 1);
    assert.ok(html.includes('href="/articles/a?story=story%201#s-2"'));
    assert.ok(html.includes('href="/articles/b?story=story%201#s-7"'));
    assert.ok(html.includes('href="/articles/b?story=story%201" title="Beta">[2]</a>'));
  });
});

describe("router and rate limiter", () => {
  it("tells 404 from 405 and decodes params, refusing control characters", () => {
    const r = new Router<string>().add("GET", "/a/:id", "get").add("POST", "/a/:id", "post");
    assert.deepEqual(r.match("GET", "/a/x%20y"), {
      kind: "found",
      handler: "get",
      params: { id: "x y" },
    });
    assert.deepEqual(r.match("HEAD", "/a/1"), {
      kind: "found",
      handler: "get",
      params: { id: "1" },
    });
    assert.deepEqual(r.match("PUT", "/a/1"), {
      kind: "method-not-allowed",
      allow: ["GET", "HEAD", "POST"],
    });
    assert.deepEqual(r.match("GET", "/a/%0a"), { kind: "not-found" });
    assert.deepEqual(r.match("GET", "/a/%E0%A4%A"), { kind: "not-found" });
    assert.deepEqual(r.match("GET", "/b"), { kind: "not-found" });
  });

  it("gives each client its own bucket that refills with time", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1, () => now);
    assert.deepEqual([limiter.take("x"), limiter.take("x"), limiter.take("x")], [0, 0, 1]);
    assert.equal(limiter.take("y"), 0);
    now = 1000;
    assert.equal(limiter.take("x"), 0);
    assert.equal(limiter.take("x"), 1);
  });
});
