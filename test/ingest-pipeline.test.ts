import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { type Pipeline, ingestInputs } from "../src/ingest/ingest-pipeline.js";
import { formatDuration, formatProgress, ProgressBar } from "../src/ingest/progress.js";
import { readInputs } from "../src/ingest/read-inputs.js";
import { simpleExtract } from "../src/ingest/simple-pipeline.js";
import type { Article, RawInput } from "../src/model.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";

const now = () => "2024-06-20T12:00:00.000Z";
const dir = mkdtempSync(join(tmpdir(), "crosscheck-ingest-"));
after(() => rmSync(dir, { recursive: true, force: true }));
let dbCount = 0;
const freshDb = () => openSqliteStore(join(dir, `t${++dbCount}.db`));

/**
 * A fake pipeline: the article's first word names its story ("red: …"), so a test says where
 * each input must go; it counts extractions to show what a rerun skips.
 */
function fakePipeline(): Pipeline & { extracted: string[] } {
  const extracted: string[] = [];
  return {
    name: "fake",
    extracted,
    extract(input: RawInput) {
      extracted.push(input.id);
      if (input.text?.includes("EXPLODE")) throw new Error("extractor bug");
      return simpleExtract(input);
    },
    fingerprint(article: Article) {
      const topic = article.paragraphs[0].split(":")[0];
      let key = 0;
      for (const ch of topic) key = (key * 31 + ch.charCodeAt(0)) % 2 ** 40;
      return { data: { topic }, buckets: [key] };
    },
    assign(_article, ctx) {
      const same = ctx.candidates.find(
        (c) =>
          (c.fingerprint as { topic: string }).topic ===
          (ctx.fingerprint.data as { topic: string }).topic,
      );
      return same
        ? { story: same.storyId, family: null, relation: "original" }
        : { story: null, family: null, relation: "original" };
    },
  };
}

const text = (id: string, body: string): RawInput => ({
  id,
  origin: { kind: "inline", name: id },
  text: body,
});

describe("incremental ingestion", () => {
  it("stores each article once, groups them as the injected pipeline says, and counts", async () => {
    const store = await freshDb();
    const pipeline = fakePipeline();
    const inputs = [
      text("a", "red: one"),
      text("b", "blue: two"),
      text("c", "red: three"),
      text("d", "red: one"),
    ];
    const summary = await ingestInputs(store, pipeline, inputs, [], { now });
    assert.deepEqual(
      {
        ingested: summary.ingested,
        duplicates: summary.duplicates,
        newStories: summary.newStories,
      },
      { ingested: 3, duplicates: 1, newStories: 2 },
    );
    const stories = await store.listStories();
    assert.deepEqual(
      stories.map((s) => [s.id, s.size]),
      [
        ["a", 2],
        ["b", 1],
      ],
    );
    await store.close();
  });

  it("skips inputs already stored without extracting them again on a rerun", async () => {
    const store = await freshDb();
    const first = fakePipeline();
    const inputs = [text("a", "red: one"), text("b", "blue: two")];
    await ingestInputs(store, first, inputs.slice(0, 1), [], { now });
    const second = fakePipeline();
    const summary = await ingestInputs(store, second, inputs, [], { now });
    assert.deepEqual(second.extracted, ["b"], "the stored input is recognised by its hash");
    assert.equal(summary.duplicates, 1);
    assert.equal(summary.ingested, 1);
    await store.close();
  });

  it("counts empty, binary, broken-JSONL and crashing inputs as failed with reasons and goes on", async () => {
    const files = join(dir, "bad-inputs");
    rmSync(files, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(files);
    writeFileSync(join(files, "empty.txt"), "");
    writeFileSync(join(files, "binary.txt"), Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]));
    writeFileSync(
      join(files, "feed.jsonl"),
      '{"id":"ok1","text":"green: fine"}\n{"id":"broken","text":\n{"id":"boom","text":"EXPLODE"}\n',
    );
    writeFileSync(join(files, "good.txt"), "yellow: also fine");
    const { inputs, errors } = await readInputs([files]);
    const store = await freshDb();
    const summary = await ingestInputs(store, fakePipeline(), inputs, errors, { now });
    assert.equal(summary.ingested, 2);
    assert.equal(summary.total, 6);
    const reasons = summary.failed.map((f) => `${f.input.replace(files, "")} ${f.message}`).sort();
    assert.equal(reasons.length, 4);
    assert.match(reasons[0], /^\/binary\.txt binary data/);
    assert.match(reasons[1], /^\/empty\.txt empty input/);
    assert.match(reasons[2], /^\/feed\.jsonl:2 not valid JSON/);
    assert.match(reasons[3], /^\/feed\.jsonl:3 cannot process: extractor bug/);
    await store.close();
  });

  it("reports progress after every input", async () => {
    const store = await freshDb();
    const seen: number[] = [];
    await ingestInputs(store, fakePipeline(), [text("a", "red: x"), text("b", "red: y")], [], {
      now,
      onProgress: (done) => seen.push(done),
    });
    assert.deepEqual(seen, [1, 2]);
    await store.close();
  });
});

describe("the progress bar", () => {
  it("shows count, percentage, rate and ETA", () => {
    assert.equal(
      formatProgress(250, 1000, 5),
      "[######------------------] 250/1000 25% 50.0/s ETA 0:15",
    );
    assert.equal(formatDuration(3725), "1:02:05");
    assert.equal(formatDuration(Number.NaN), "?");
  });

  it("draws only on a terminal", () => {
    let out = "";
    let t = 0;
    const bar = new ProgressBar({ write: (s: string) => (out += s), isTTY: false }, 10, () => t);
    bar.update(5, true);
    assert.equal(out, "");
    const tty = new ProgressBar({ write: (s: string) => (out += s), isTTY: true }, 10, () => t);
    t = 1000;
    tty.update(5);
    assert.match(out, /5\/10 50% 5\.0\/s ETA 0:01/);
  });
});
