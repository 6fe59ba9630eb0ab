import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildBrief } from "../src/brief/build-brief.js";
import { extractBatch } from "../src/extract/index.js";
import { idFromPath } from "../src/ids.js";
import type { Brief, Family, RawInput } from "../src/model.js";
import { REPO_ROOT } from "./helpers/shared.js";

interface Expected {
  families: string[][];
  facts: { keywords: string[]; minIndependent: number }[];
  singleSource: { source: string; keywords: string[] }[];
  conflicts: { values: string[]; sources: Record<string, string[]> }[];
  quotes: { speaker: string; keywords: string[]; sources: string[] }[];
  disputes: { accuser: string; denier: string; keywords: string[] }[];
  actors: { name: string; kind: string; aliases?: string[] }[];
}

const dir = join(REPO_ROOT, "examples", "kestrel-wharf-fire");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;
const has = (text: string, keywords: string[]) =>
  keywords.every((k) => text.toLowerCase().includes(k.toLowerCase()));

// The extract stage reads the files; the families come from expected.json, since the brief
// stage takes families as an input (copy-family detection is tested in its own suite).
function exampleBrief(): Brief {
  const inputs: RawInput[] = readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => ({
      id: idFromPath(f),
      origin: { kind: "file", name: f },
      bytes: new Uint8Array(readFileSync(join(dir, f))),
    }));
  const { articles } = extractBatch(inputs);
  const families: Family[] = expected.families.map((ids) => ({
    id: ids[0],
    first: ids[0],
    members: ids.map((id, i) => ({ id, relation: i === 0 ? "original" : "copy", outlet: null })),
  }));
  return buildBrief(articles, families, { id: "kestrel-wharf-fire" });
}

describe("the brief of the example corpus", () => {
  const brief = exampleBrief();
  it("establishes every expected fact at its full minimum support", () => {
    for (const f of expected.facts) {
      const best = Math.max(
        0,
        ...brief.facts.filter((x) => has(x.text, f.keywords)).map((x) => x.independent),
      );
      assert.ok(
        best >= f.minIndependent,
        `${f.keywords.join(", ")}: ${best} < ${f.minIndependent}`,
      );
    }
  });
  it("opens the lead with the core event and titles the brief with a source headline", () => {
    assert.match(brief.lead, /^[^.]*\bfire\b[^.]*Veltrane[^.]*Brackwater/);
    assert.match(brief.title ?? "", /Brackwater/);
    assert.equal(brief.id, "kestrel-wharf-fire");
  });
  it("keeps page furniture out of facts, claims and the timeline", () => {
    const texts = [...brief.facts, ...brief.singleSource, ...brief.timeline].map((x) => x.text);
    for (const t of texts)
      assert.doesNotMatch(t, /newsdesk|cookies|Do you have a story|supplied by/);
  });
  it("labels the conflicts with short phrases", () => {
    const abouts = brief.conflicts.map((c) => c.about);
    assert.ok(abouts.includes("people injured"), abouts.join(" | "));
    assert.ok(
      abouts.some((a) => /^time .*broke out$/.test(a)),
      abouts.join(" | "),
    );
  });
  it("lists under the majority count the reports that give it in other words", () => {
    const injured = brief.conflicts.find((c) => c.about === "people injured")!;
    const fourteen = injured.values.find((v) => v.value === "14")!;
    for (const id of ["brackwater-post", "carrow-gazette", "bvr-news", "meridian-wire"])
      assert.ok(fourteen.sources.includes(id), id);
  });
  it("gives the wire copies' “last month” one timeline entry", () => {
    const lastMonth = brief.timeline.filter(
      (t) => t.date === "2025-09" && /last month/.test(t.text),
    );
    assert.equal(lastMonth.length, 1);
    assert.ok(lastMonth[0].sources.length >= 2);
  });
  it("dates the postponed July inspection in the July before publication", () => {
    const july = brief.timeline.find((t) => /postponed/.test(t.text));
    assert.equal(july?.date, "2025-07");
  });
  it("never counts the four wire copies as more than one source", () => {
    for (const f of brief.facts) assert.ok(f.independent <= 6, f.text);
  });
  it("lists the expected single-source claims from their source", () => {
    for (const s of expected.singleSource) {
      assert.ok(
        brief.singleSource.some((x) => x.sources.includes(s.source) && has(x.text, s.keywords)),
        `single-source ${s.keywords.join(", ")}`,
      );
    }
  });
  it("reports the expected conflicting values", () => {
    for (const c of expected.conflicts) {
      const hit = brief.conflicts.find((x) =>
        c.values.every((v) => x.values.some((y) => y.value.includes(v))),
      );
      assert.ok(hit, `conflict ${c.values.join(" vs ")}`);
      const odd = c.values[1];
      const oddValue = hit.values.find((y) => y.value.includes(odd))!;
      assert.deepEqual(oddValue.sources, c.sources[odd]);
    }
  });
  it("attributes the expected quotes to their speakers", () => {
    for (const q of expected.quotes) {
      const hit = brief.quotes.find((x) => has(x.text, q.keywords));
      assert.ok(hit, `quote ${q.keywords.join(", ")}`);
      assert.equal(hit.speaker, q.speaker);
    }
  });
  it("finds the dispute between the union and the company", () => {
    for (const d of expected.disputes) {
      const hit = brief.disputes.find((x) => x.asserted.some((s) => s.by === d.accuser));
      assert.ok(hit, `dispute by ${d.accuser}`);
      assert.ok(hit.denied.some((s) => d.denier.startsWith(s.by) || s.by.startsWith(d.denier)));
      assert.ok(!hit.asserted.some((s) => s.by === d.denier), "the accused never asserts");
    }
  });
  it("names the main people with their kind and short names", () => {
    for (const a of expected.actors.filter((x) => x.kind === "person" && x.aliases?.length)) {
      const hit = brief.actors.find((x) => x.name === a.name);
      assert.ok(hit, `actor ${a.name}`);
      assert.equal(hit.kind, "person");
      const short = a.name.split(" ").pop()!;
      if (a.aliases!.includes(short))
        assert.ok(hit.aliases.includes(short), `${a.name} alias ${short}`);
    }
  });
});
