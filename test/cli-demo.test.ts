import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { VERSION } from "../src/version.js";
import { runCli } from "./helpers/cli.js";

describe("crosscheck demo", () => {
  it("briefs the bundled example story as Markdown with citations", async () => {
    const { code, stdout, stderr } = await runCli(["demo"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^# Fire at chemical terminal in England.s Brackwater injures 14/m);
    assert.match(stdout, /^Story: kestrel-wharf-fire$/m);
    assert.match(stdout, /^## Lead$/m);
    assert.match(stdout, /Veltrane/);
    assert.match(stdout, /\[\d+\]/, "citations like [1]");
    assert.match(stderr, /9 reports/);
  });

  it("writes JSON with the generator version and every example source", async () => {
    const { code, stdout } = await runCli(["demo", "--format", "json"]);
    assert.equal(code, 0);
    const brief = JSON.parse(stdout) as {
      generator: { version: string };
      sources: { id: string }[];
    };
    assert.equal(brief.generator.version, VERSION);
    assert.equal(brief.sources.length, 9);
    assert.ok(brief.sources.some((s) => s.id === "meridian-wire"));
  });

  it("exits 2 naming the available stories when the story does not exist", async () => {
    const { code, stderr } = await runCli(["demo", "no-such-story"]);
    assert.equal(code, 2);
    assert.match(stderr, /have: kestrel-wharf-fire/);
  });
});
