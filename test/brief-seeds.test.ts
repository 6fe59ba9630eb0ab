import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildBrief } from "../src/brief/build-brief.js";
import type { Brief } from "../src/model.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractBatch } from "../src/extract/index.js";
import type { Article, RawInput } from "../src/model.js";
import { requireShared } from "./helpers/shared.js";

const seeds = requireShared("seeds");

describe("the brief of the seed story", { skip: seeds.skip }, () => {
  // The seeds print no usable date; the test gives every extracted copy the day before the
  // visit, and each copy stands as its own family (family detection is tested elsewhere).
  let brief: Brief;
  const get = () => (brief ??= buildBrief(seedArticles(seeds.path, "2024-06-17"), [], {}));

  function seedArticles(dir: string, published: string): Article[] {
    const inputs: RawInput[] = readdirSync(dir)
      .filter((f) => /^\d{3}_.*\.txt$/.test(f))
      .sort()
      .map((f) => ({
        id: f.slice(0, 3),
        origin: { kind: "file", name: f },
        bytes: new Uint8Array(readFileSync(join(dir, f))),
      }));
    const { articles } = extractBatch(inputs);
    return articles.map((a) => ({ ...a, published, publishedPrecision: "day" }));
  }

  it("establishes that Putin visits North Korea from several independent sources", () => {
    const visit = get().facts.find(
      (f) => /Putin/.test(f.text) && /North Korea/.test(f.text) && /visit/i.test(f.text),
    );
    assert.ok(visit);
    assert.ok(visit.independent >= 2, `support ${visit.independent}`);
  });
  it("merges Putin and Kim into full-name actors with their short names", () => {
    const putin = get().actors.find((a) => a.name === "Vladimir Putin");
    assert.equal(putin?.kind, "person");
    assert.ok(putin?.aliases.includes("Putin"));
    assert.equal(putin?.sources.length, 5);
    const kim = get().actors.find((a) => a.name === "Kim Jong Un");
    assert.ok(kim?.aliases.includes("Kim"));
    assert.ok(
      get().actors.some((a) => a.name === "Kim Jong Il"),
      "the father stays a separate actor",
    );
  });
  it("keeps name fragments out of the actors and types newspapers and compounds", () => {
    const names = get().actors.map((a) => a.name);
    for (const fragment of ["Group", "Guest House", "Russia-North Korea"])
      assert.ok(!names.includes(fragment), `${fragment} is no actor`);
    const kind = (name: string) => get().actors.find((a) => a.name === name)?.kind;
    assert.equal(kind("Rodong Sinmun"), "organization");
    assert.equal(kind("Kyiv"), "place");
    assert.ok(
      get()
        .actors.find((a) => a.name === "Group of Seven")
        ?.aliases.includes("G7"),
    );
  });
  it("attributes Ushakov's quote to Yuri Ushakov", () => {
    const q = get().quotes.find((x) => /final decision/.test(x.text));
    assert.equal(q?.speaker, "Yuri Ushakov");
  });
  it("finds the arms-supply accusation and the denial by Moscow and Pyongyang", () => {
    const d = get().disputes.find((x) => /North Korea/.test(x.claim));
    assert.ok(d);
    const asserters = new Set(d.asserted.map((s) => s.by));
    assert.ok(asserters.has("United States") && asserters.has("South Korea"));
    const deniers = new Set(d.denied.map((s) => s.by));
    assert.ok(deniers.has("Moscow") && deniers.has("Pyongyang"));
    assert.ok(new Set(d.asserted.map((s) => s.source)).size >= 2, "asserted in two sources");
    for (const party of ["North Korea", "Moscow", "Pyongyang"])
      assert.ok(!asserters.has(party), `${party} does not assert the claim it is accused of`);
  });
  it("titles the brief with a headline about the visit", () => {
    assert.match(get().title ?? "", /Putin/);
    assert.match(get().title ?? "", /North Korea/);
  });
  it("resolves “last September” to 2023-09 on the timeline", () => {
    const t = get().timeline.find((x) => x.date === "2023-09" && /Far East/.test(x.text));
    assert.ok(t);
    assert.equal(t.precision, "month");
  });
  it("keeps the lead short, whole-sentence and about the visit", () => {
    const lead = get().lead;
    assert.ok(lead.split(/\s+/).length <= 80 + 12);
    assert.match(lead, /Putin/);
    assert.match(lead, /[.!?”]$/);
  });
});
