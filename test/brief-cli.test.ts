import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/shared.js";

const example = join(REPO_ROOT, "examples", "kestrel-wharf-fire");

/** A validator for the subset of JSON Schema 2020-12 that docs/brief.schema.json uses. */
type Schema = Record<string, unknown>;
function validate(value: unknown, schema: Schema, root: Schema, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    return validate(value, (root.$defs as Record<string, Schema>)[name], root, path);
  }
  const errors: string[] = [];
  const typeOf = (v: unknown) =>
    v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) {
      return [`${path}: ${t} is not ${types.join("|")}`];
    }
  }
  if (schema.const !== undefined && value !== schema.const)
    errors.push(`${path}: not ${schema.const}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: ${value} not in enum`);
  if (typeof schema.minimum === "number" && typeof value === "number" && value < schema.minimum)
    errors.push(`${path}: below minimum`);
  if (
    typeof schema.pattern === "string" &&
    typeof value === "string" &&
    !new RegExp(schema.pattern, "u").test(value)
  ) {
    errors.push(`${path}: "${value}" does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      errors.push(`${path}: too few items`);
    if (schema.items) {
      value.forEach((v, i) => {
        errors.push(...validate(v, schema.items as Schema, root, `${path}[${i}]`));
      });
    }
  } else if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? [])
      if (!(key in obj)) errors.push(`${path}: missing ${key}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, sub] of Object.entries(props))
      if (key in obj) errors.push(...validate(obj[key], sub, root, `${path}.${key}`));
  }
  return errors;
}

const schema = JSON.parse(
  readFileSync(join(REPO_ROOT, "docs", "brief.schema.json"), "utf8"),
) as Schema;

describe("crosscheck brief", () => {
  it("writes a Markdown brief with every section and numbered citations", async () => {
    const run = await runCli(["brief", example]);
    assert.equal(run.code, 0, run.stderr);
    for (const h of [
      "## Lead",
      "## Established",
      "## Single-source claims",
      "## Disputes",
      "## Contradictions",
      "## Quotes",
      "## Timeline",
      "## Actors",
      "## Sources",
    ]) {
      assert.ok(run.stdout.includes(`\n${h}\n`), h);
    }
    assert.match(run.stdout, /\[1\]/);
    assert.match(run.stdout, /\n1\. brackwater-post/);
  });
  it("writes JSON that validates against docs/brief.schema.json, with the same bytes twice", async () => {
    const a = await runCli(["brief", example, "--format", "json", "--id", "kw"]);
    const b = await runCli(["brief", example, "--format", "json", "--id", "kw"]);
    assert.equal(a.code, 0);
    assert.equal(a.stdout, b.stdout);
    const brief = JSON.parse(a.stdout);
    assert.deepEqual(validate(brief, schema, schema), []);
    assert.equal(brief.id, "kw");
    assert.equal(brief.sources.length, 9);
    assert.ok(
      brief.facts.every(
        (f: { independent: number }, i: number, all: { independent: number }[]) =>
          i === 0 || all[i - 1].independent >= f.independent,
      ),
    );
  });
  it("counts the four wire copies of the example as one family", async () => {
    const run = await runCli(["brief", example, "--format", "json"]);
    const brief = JSON.parse(run.stdout);
    const familyOf = new Map(
      brief.sources.map((s: { id: string; family: string }) => [s.id, s.family]),
    );
    const wire = [
      "meridian-wire",
      "northgate-chronicle",
      "harbourline-news",
      "trendwire-today",
    ].map((id) => familyOf.get(id));
    assert.equal(new Set(wire).size, 1);
    assert.ok(brief.facts.every((f: { independent: number }) => f.independent <= 6));
  });
  it("escapes all article text in the HTML page", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crosscheck-brief-"));
    writeFileSync(
      join(dir, "evil.txt"),
      'Officials said <script>alert(1)</script> the bridge "Main Span" closed on Monday after a crash.\n',
    );
    writeFileSync(
      join(dir, "other.txt"),
      "The bridge closed on Monday after a crash, officials said <b>today</b>.\n",
    );
    const run = await runCli(["brief", dir, "--format", "html"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^<!DOCTYPE html>/);
    assert.ok(!run.stdout.includes("<script>"));
    assert.ok(!run.stdout.includes("<b>today"));
    assert.ok(run.stdout.includes("&lt;script&gt;"));
  });
  it("rejects a bad --format or --lead-words with exit status 2", async () => {
    assert.equal((await runCli(["brief", example, "--format", "pdf"])).code, 2);
    assert.equal((await runCli(["brief", example, "--lead-words", "abc"])).code, 2);
    assert.equal((await runCli(["brief"])).code, 2);
  });
  it("names a missing input on stderr and still briefs the rest with exit status 1", async () => {
    const run = await runCli(["brief", join(example, "meridian-wire.txt"), "/nonexistent/x.txt"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /crosscheck: \/nonexistent\/x\.txt: /);
    assert.match(run.stdout, /## Lead/);
  });
  it("writes one JSON brief per batch line, names a bad line and goes on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crosscheck-batch-"));
    const file = join(dir, "stories.jsonl");
    const story = (id: string) =>
      JSON.stringify({
        id,
        articles: [
          {
            id: "a",
            text: "Floods closed the Elm River bridge on Monday, the county said. Two people were rescued.",
            published: "2025-03-04",
          },
          {
            id: "b",
            text: "The county said floods closed the Elm River bridge on Monday. Two people were rescued by boat.",
          },
        ],
      });
    writeFileSync(file, `${story("s1")}\nnot json\n${story("s2")}\n`);
    const run = await runCli(["brief", "--batch", file]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /stories\.jsonl:2: not JSON/);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((b) => b.id),
      ["s1", "s2"],
    );
    assert.ok(lines[0].facts.length >= 1);
    assert.deepEqual(validate(lines[0], schema, schema), []);
  });
});
