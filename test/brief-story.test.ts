import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { EXAMPLES_DIR } from "../src/cli/commands/demo.js";
import { runCli } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "crosscheck-brief-story-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("crosscheck brief --story", () => {
  const db = join(dir, "store.db");

  it("briefs a stored story with the same sections as a brief of files", async () => {
    const ingest = await runCli([
      "ingest",
      "--quiet",
      "--db",
      db,
      join(EXAMPLES_DIR, "kestrel-wharf-fire"),
    ]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const { stories } = JSON.parse(
      (await runCli(["stories", "--db", db, "--format", "json"])).stdout,
    ) as {
      stories: { id: string; size: number }[];
    };
    const biggest = [...stories].sort((a, b) => b.size - a.size)[0];
    assert.ok(
      biggest.size >= 8,
      `the English reports form one story (sizes ${stories.map((s) => s.size)})`,
    );

    const md = await runCli(["brief", "--db", db, "--story", biggest.id]);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^## Lead$/m);
    assert.match(md.stdout, /Veltrane/);

    const json = await runCli(["brief", "--db", db, "--story", biggest.id, "--format", "json"]);
    const brief = JSON.parse(json.stdout) as {
      id: string;
      sources: unknown[];
      facts: { independent: number }[];
    };
    assert.equal(brief.id, biggest.id);
    assert.equal(brief.sources.length, biggest.size);
    assert.ok(brief.facts.some((f) => f.independent >= 3));

    const again = await runCli(["brief", "--db", db, "--story", biggest.id, "--format", "json"]);
    assert.equal(again.stdout, json.stdout, "the cached brief is byte-identical");
  });

  it("names a story that does not exist and exits 1", async () => {
    const run = await runCli(["brief", "--db", db, "--story", "no-such-story"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no-such-story: no such story/);
  });

  it("refuses inputs together with --story as a usage error", async () => {
    const run = await runCli(["brief", "--db", db, "--story", "x", "some-file.txt"]);
    assert.equal(run.code, 2);
  });
});
