import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openPipeline } from "../src/ingest/default-pipeline.js";
import { ingestInputs } from "../src/ingest/ingest-pipeline.js";
import { readInputs } from "../src/ingest/read-inputs.js";
import { plainArticle } from "../src/cluster/plain-article.js";
import {
  decideFamily,
  decodeHashes,
  encodeHashes,
  familyFingerprint,
  utcDate,
} from "../src/ingest/stateful-pipeline-families.js";
import type { Family } from "../src/model.js";
import type { Candidate, Store } from "../src/store/store.js";
import { REPO_ROOT } from "./helpers/shared.js";
import { storeEngines } from "./store-engines.js";

const example = join(REPO_ROOT, "examples", "kestrel-wharf-fire");
const expected = JSON.parse(readFileSync(join(example, "expected.json"), "utf8")) as {
  families: string[][];
  firstReport: Record<string, string>;
};
const now = () => "2026-01-01T00:00:00.000Z";

/** Every family of every stored story. */
async function storedFamilies(store: Store): Promise<Family[]> {
  const families: Family[] = [];
  for (const story of await store.listStories()) {
    const loaded = await store.loadStory(story.id);
    assert.ok(loaded, `story ${story.id} loads`);
    families.push(...loaded.families);
  }
  return families;
}

const sorted = (groups: string[][]) =>
  groups.map((g) => [...g].sort()).sort((a, b) => a[0].localeCompare(b[0]));

const engines = await storeEngines();
after(async () => {
  for (const e of engines) await e.cleanup();
});

for (const engine of engines) {
  describe(`default-pipeline copy families of the example corpus (${engine.engine})`, {
    skip: engine.skip,
  }, () => {
    for (const order of ["directory", "reversed"] as const) {
      it(`match expected.json with meridian-wire as first report, in ${order} order`, async () => {
        const { store } = await engine.fresh();
        const { inputs, errors } = await readInputs([example]);
        assert.deepEqual(errors, []);
        const pipeline = await openPipeline(store, "default");
        const summary = await ingestInputs(
          store,
          pipeline,
          order === "reversed" ? [...inputs].reverse() : inputs,
          [],
          { now },
        );
        assert.equal(summary.ingested, 9);
        const families = await storedFamilies(store);
        const byId = (id: string) => id.replace(/\.(txt|html)$/, "");
        assert.deepEqual(
          sorted(families.map((f) => f.members.map((m) => byId(m.id)))),
          sorted(expected.families),
        );
        const wire = families.find((f) => f.members.length > 1);
        assert.ok(wire);
        const [first] = Object.keys(expected.firstReport);
        assert.equal(byId(wire.first), first);
        const relations = Object.fromEntries(wire.members.map((m) => [byId(m.id), m.relation]));
        assert.equal(relations[first], "original");
        assert.equal(relations["trendwire-today"], "rewrite");
        assert.equal(relations["northgate-chronicle"], "copy");
        // The family keeps the id it was created with: the member that arrived first.
        const arrived = (order === "reversed" ? [...inputs].reverse() : inputs).map((i) =>
          byId(i.origin.name.split("/").pop() ?? ""),
        );
        const firstArrived = arrived.find((name) => name in relations);
        assert.equal(byId(wire.id), firstArrived);
      });
    }
  });
}

describe("the default pipeline's stored match fingerprint", () => {
  it("round-trips hash arrays through base64 and compares dates with offsets as instants", () => {
    const hashes = Uint32Array.from([0, 1, 0x7fffffff, 0xffffffff]);
    assert.deepEqual([...decodeHashes(encodeHashes(hashes))], [...hashes]);
    assert.deepEqual([...decodeHashes(encodeHashes(new Uint32Array(0)))], []);
    assert.equal(utcDate("2025-10-14T17:20:00+01:00"), "2025-10-14T16:20:00.000Z");
    assert.equal(utcDate(null), null);
    assert.equal(utcDate("not a date"), "not a date");
  });
});

describe("the default pipeline's family decision", () => {
  const full = [
    "Firefighters in Lorvik put out a blaze at the old grain depot on Sunday after four hours.",
    "Nobody was injured, fire chief Anna Holm told reporters at the scene.",
    "The depot, built in 1911, had been empty since the flour mill next door closed in 1998.",
    "Holm said investigators would examine the electrical wiring in the east wing on Monday.",
  ];
  const extra = [
    "A spokesman for the housing association said the 40 flats would still be built, though later than planned.",
    "The last large fire in Lorvik, at the harbour warehouses in 2006, took two days to bring under control.",
    "Volunteers from the rowing club brought coffee and sandwiches to the crews overnight.",
  ];
  const text = (lines: string[]) => plainArticle({ id: "x", text: lines.join("\n") });
  const candidate = (
    articleId: string,
    lines: string[],
    relation: Candidate["relation"],
    seq: number,
  ) => ({
    articleId,
    storyId: "story",
    familyId: "fam",
    relation,
    fingerprint: familyFingerprint(text(lines)).data,
    shared: 3,
    seq,
  });

  it("joins a verbatim copy of a member even when the family's original shares none of it", () => {
    // The member ran the wire report with three lines of its own; the newcomer copies those.
    const candidates = [
      candidate("wire", full, "original", 1),
      candidate("edited", [...full, ...extra], "rewrite", 2),
    ];
    const copy = text(extra);
    const decision = decideFamily(copy, familyFingerprint(copy).data, candidates, "story");
    // Its relation is stated against the family's original, as in findCopyFamilies.
    assert.deepEqual(decision, { family: "fam", relation: "rewrite", relabel: [] });
  });

  it("does not join a family through a member it only rewrites when the original is unrelated", () => {
    const candidates = [
      candidate("wire", full, "original", 1),
      candidate("edited", [...full, ...extra], "rewrite", 2),
    ];
    const reworded = text([
      "A housing association spokesman said the 40 flats would still be built, but later than planned.",
      "Lorvik's last big fire, at the harbour warehouses in 2006, took two days to bring under control.",
      "Volunteers from the rowing club took coffee and sandwiches to the crews overnight.",
    ]);
    assert.equal(
      decideFamily(reworded, familyFingerprint(reworded).data, candidates, "story"),
      null,
    );
  });
});
