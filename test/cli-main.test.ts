import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";
import { VERSION } from "../src/version.js";
import { REPO_ROOT } from "./helpers/shared.js";

describe("crosscheck CLI plumbing", () => {
  it("prints help listing the exit-status convention and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: crosscheck/);
    assert.match(stdout, /Exit status: 0 all good, 1 some inputs failed/);
  });

  it("prints the package version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), VERSION);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });

  it("exits 2 on an unknown command or option", async () => {
    assert.equal((await runCli(["no-such-command"])).code, 2);
    const bad = await runCli(["--no-such-option"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown option/);
  });

  it("exits 2 and shows help when called with no arguments", async () => {
    const { code, stdout } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stdout, /Usage: crosscheck/);
  });

  it("works as an executable through bin/crosscheck.js", () => {
    const out = execFileSync(
      process.execPath,
      [join(REPO_ROOT, "bin", "crosscheck.js"), "--version"],
      {
        encoding: "utf8",
      },
    );
    assert.equal(out.trim(), VERSION);
    const bad = spawnSync(process.execPath, [join(REPO_ROOT, "bin", "crosscheck.js"), "--bogus"], {
      encoding: "utf8",
    });
    assert.equal(bad.status, 2);
  });
});
