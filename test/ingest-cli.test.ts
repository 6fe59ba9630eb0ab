import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";
import { corpusJsonl, syntheticCorpus } from "./store-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "crosscheck-cli-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const corpus = syntheticCorpus({ stories: 2, reportsPerStory: 2, copiesPerReport: 1, seed: 5 });
const corpusFile = join(dir, "corpus.jsonl");
writeFileSync(corpusFile, corpusJsonl(corpus));

describe("crosscheck ingest, stories, export, import and worker", () => {
  it("ingests a JSONL file, prints a summary, and skips everything on a second run", async () => {
    const db = join(dir, "a.db");
    const first = await runCli(["ingest", corpusFile, "--db", db]);
    assert.equal(first.code, 0);
    assert.match(
      first.stderr,
      /ingested 8 \(2 new stories, 0 new versions\), duplicates 0, failed 0/,
    );
    const second = await runCli(["ingest", corpusFile, "--db", db]);
    assert.equal(second.code, 0);
    assert.match(second.stderr, /ingested 0 .*duplicates 8, failed 0/);
  });

  it("lists stories with size and independent sources, as text and as JSON", async () => {
    const env = { CROSSCHECK_DB: join(dir, "a.db") };
    const textOut = await runCli(["stories"], "", env);
    assert.equal(textOut.code, 0);
    const lines = textOut.stdout.trim().split("\n");
    assert.match(lines[0], /^ID\s+ARTICLES\s+SOURCES\s+TITLE$/);
    assert.equal(lines.length, 3);
    assert.match(lines[1], /\s4\s+2\s+Story \d report \d$/);
    const json = JSON.parse((await runCli(["stories", "--format", "json"], "", env)).stdout);
    assert.equal(json.generator.name, "crosscheck");
    assert.deepEqual(
      json.stories.map((s: { size: number; families: number }) => [s.size, s.families]),
      [
        [4, 2],
        [4, 2],
      ],
    );
    assert.equal((await runCli(["stories", "--format", "xml"], "", env)).code, 2);
  });

  it("searches stories by the words of their articles", async () => {
    const env = { CROSSCHECK_DB: join(dir, "a.db") };
    // The most frequent word of one report belongs to its story's own vocabulary.
    const first = corpus[0];
    const counts = new Map<string, number>();
    for (const w of (first.text ?? "").match(/[a-z]+/g) ?? [])
      counts.set(w, (counts.get(w) ?? 0) + 1);
    const word = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    const storyNumber = /^s(\d+)-/.exec(first.id)?.[1];
    const json = JSON.parse(
      (await runCli(["stories", "--search", word.toUpperCase(), "--format", "json"], "", env))
        .stdout,
    );
    assert.deepEqual(
      json.stories.map((s: { title: string }) => s.title.replace(/ report \d+$/, "")),
      [`Story ${storyNumber}`],
    );
    const none = await runCli(["stories", "--search", "qqqqzz"], "", env);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, "");
    assert.match(none.stderr, /no story in .* matches "qqqqzz"/);
  });

  it("round-trips export → import → export to identical bytes through the CLI", async () => {
    const exported = join(dir, "export.jsonl");
    assert.equal((await runCli(["export", "--db", join(dir, "a.db"), "-o", exported])).code, 0);
    const imported = await runCli(["import", exported, "--db", join(dir, "b.db")]);
    assert.equal(imported.code, 0, imported.stderr);
    const again = await runCli(["export", "--db", join(dir, "b.db")]);
    assert.equal(again.stdout, readFileSync(exported, "utf8"));
    const refused = await runCli(["import", exported, "--db", join(dir, "b.db")]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /needs an empty store/);
    // A broken line fails the whole import (one transaction), naming the file and line.
    const lines = readFileSync(exported, "utf8").split("\n");
    const broken = join(dir, "broken.jsonl");
    writeFileSync(broken, [...lines.slice(0, 3), "{broken", ...lines.slice(3)].join("\n"));
    const bad = await runCli(["import", broken, "--db", join(dir, "b2.db")]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^crosscheck: .*broken\.jsonl: line 4: not valid JSON/);
    assert.equal((await runCli(["stories", "--db", join(dir, "b2.db")])).stdout, "");
  });

  it("counts bad inputs as failed with reasons, names them, exits 1 and stores the rest", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "empty.txt"), "");
    writeFileSync(join(bad, "blob.txt"), Buffer.from([0, 159, 146, 150, 0, 0, 1]));
    writeFileSync(join(bad, "lines.jsonl"), '{"text":"A good line of text."}\n{not json}\n');
    const out = await runCli(["ingest", bad, "--db", join(dir, "c.db")]);
    assert.equal(out.code, 1);
    assert.match(out.stderr, /crosscheck: .*empty\.txt: empty input/);
    assert.match(out.stderr, /crosscheck: .*blob\.txt: binary data/);
    assert.match(out.stderr, /crosscheck: .*lines\.jsonl:2: not valid JSON/);
    assert.match(out.stderr, /ingested 1 .*failed 3/);
  });

  it("says clearly when the database cannot be opened", async () => {
    const out = await runCli(["stories", "--db", join(dir, "no", "such", "dir", "x.db")]);
    assert.equal(out.code, 2);
    assert.match(
      out.stderr,
      /crosscheck: cannot open SQLite database .*x\.db: .*directory does not exist/,
    );
    const notDb = join(dir, "not-a-db.db");
    writeFileSync(notDb, "this is not a database file, just text ".repeat(200));
    const out2 = await runCli(["stories", "--db", notDb]);
    assert.equal(out2.code, 2);
    assert.match(out2.stderr, /not-a-db\.db: .*not a database/);
  });

  it("queues inputs with --queue and processes them with a worker", async () => {
    const db = join(dir, "q.db");
    const queued = await runCli(["ingest", "--queue", corpusFile, "--db", db]);
    assert.equal(queued.code, 0);
    assert.match(queued.stderr, /queued 8, failed 0/);
    assert.equal((await runCli(["stories", "--db", db])).stderr.trim(), `no stories in ${db}`);
    const worked = await runCli(["worker", "--db", db, "--max-jobs", "5"]);
    assert.match(worked.stderr, /ingested 5 /);
    const rest = await runCli(["worker", "--db", db]);
    assert.match(rest.stderr, /ingested 3 /);
    const json = JSON.parse((await runCli(["stories", "--db", db, "--format", "json"])).stdout);
    assert.equal(json.stories.length, 2);
  });
});
