import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { extractBatch } from "../src/extract/index.js";
import { idFromPath } from "../src/ids.js";
import type { Article, RawInput } from "../src/model.js";
import { REPO_ROOT } from "./helpers/shared.js";

// The project's own fictional example corpus: its expected.json lists, per file, the
// boilerplate lines that must go, where the body starts and ends, the title, the published
// date and the outlet. Asserted in full (it is our fixture, not a benchmark).
interface Expected {
  boilerplate: Record<string, string[]>;
  bodyStarts: Record<string, string>;
  bodyEnds: Record<string, string>;
  titles: Record<string, string>;
  published: Record<string, string | null>;
  outlets: Record<string, string>;
  language: Record<string, string>;
}

const dir = join(REPO_ROOT, "examples", "kestrel-wharf-fire");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;

function extractExamples(): Map<string, Article> {
  const inputs: RawInput[] = readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => ({
      id: idFromPath(f),
      origin: { kind: "file", name: f },
      bytes: new Uint8Array(readFileSync(join(dir, f))),
    }));
  const { articles, errors } = extractBatch(inputs);
  assert.deepEqual(errors, []);
  return new Map(articles.map((a) => [a.id, a]));
}

describe("extracting the example corpus (examples/kestrel-wharf-fire)", () => {
  const articles = extractExamples();
  const ids = Object.keys(expected.titles).sort();

  it("extracts all nine copies", () => {
    assert.deepEqual([...articles.keys()].sort(), ids);
  });

  for (const id of ids) {
    it(`${id}: removes every listed boilerplate line and keeps none of it in the body`, () => {
      const a = articles.get(id);
      assert.ok(a);
      for (const line of expected.boilerplate[id] ?? []) {
        const kept: string | undefined = a.paragraphs.find((p) => p.includes(line));
        assert.equal(kept, undefined, `kept: ${line}`);
        assert.notEqual(a.title, line);
      }
    });

    it(`${id}: starts and ends the body where expected`, () => {
      const a = articles.get(id);
      assert.ok(a);
      assert.ok(
        a.paragraphs[0].startsWith(expected.bodyStarts[id]),
        `starts with: ${a.paragraphs[0].slice(0, 80)}`,
      );
      const last = a.paragraphs[a.paragraphs.length - 1];
      assert.ok(last.endsWith(expected.bodyEnds[id]), `ends with: ${last.slice(-80)}`);
    });

    it(`${id}: reads the title, published date, outlet and language`, () => {
      const a = articles.get(id);
      assert.ok(a);
      assert.equal(a.title, expected.titles[id]);
      assert.equal(a.published, expected.published[id]);
      assert.equal(a.outlet, expected.outlets[id]);
      assert.equal(a.language, expected.language[id]);
    });
  }
});
