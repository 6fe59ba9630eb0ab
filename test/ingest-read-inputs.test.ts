import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { idFromPath, uniqueIds } from "../src/ids.js";
import { looksBinary, readInputs } from "../src/ingest/read-inputs.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "crosscheck-test-"));
}

describe("source ids", () => {
  it("strips folders and extensions, including .gz", () => {
    assert.equal(idFromPath("a/b/report.html.gz"), "report");
    assert.equal(idFromPath("wire.txt"), "wire");
    assert.equal(idFromPath("notes.v2.txt"), "notes.v2");
  });

  it("tells clashing ids apart in input order and says how", () => {
    const { ids, renamed } = uniqueIds(["a", "b", "a", "a", "a~2"]);
    assert.deepEqual(ids, ["a", "b", "a~2", "a~3", "a~2~2"]);
    assert.equal(renamed.size, 3);
    assert.match(renamed.get(2)?.message ?? "", /"a".*"a~2"/);
  });
});

describe("readInputs", () => {
  it("walks directories in sorted order and reads .txt, .html and .gz files", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "b.txt"), "Second report.");
    writeFileSync(join(dir, "a.html"), "<p>First</p>");
    writeFileSync(join(dir, "sub", "c.txt.gz"), gzipSync("Zipped report."));
    writeFileSync(join(dir, "ignored.png"), "not picked up from a directory");
    const { inputs, errors } = await readInputs([dir]);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      inputs.map((i) => i.id),
      ["a", "b", "c"],
    );
    assert.equal(new TextDecoder().decode(inputs[2].bytes), "Zipped report.");
  });

  it("names each failed input and goes on with the rest", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "good.txt"), "A good report.");
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3]));
    const missing = join(dir, "missing.txt");
    const { inputs, errors } = await readInputs([
      join(dir, "binary.txt"),
      missing,
      join(dir, "empty.txt"),
      join(dir, "good.txt"),
    ]);
    assert.deepEqual(
      inputs.map((i) => i.id),
      ["good"],
    );
    assert.equal(errors.length, 3);
    assert.match(errors[0].input, /binary\.txt$/);
    assert.match(errors[0].message, /binary/);
    assert.match(errors[1].message, /no such file/);
    assert.match(errors[2].message, /empty/);
  });

  it("refuses inputs over the size limit instead of truncating them", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "big.txt"), "x".repeat(2000));
    writeFileSync(join(dir, "bomb.txt.gz"), gzipSync("y".repeat(5000)));
    const { inputs, errors } = await readInputs([dir], { maxBytes: 1000 });
    assert.equal(inputs.length, 0);
    assert.match(
      errors.find((e) => e.input.endsWith("big.txt"))?.message ?? "",
      /over the .* limit/,
    );
    assert.match(
      errors.find((e) => e.input.endsWith("bomb.txt.gz"))?.message ?? "",
      /over the .* limit/,
    );
  });

  it("reads JSONL lines as articles with their metadata and names bad lines by number", async () => {
    const dir = tempDir();
    const file = join(dir, "batch.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "x1", text: "Body one.", title: "One", published: "2025-03-04" }),
        "{not json",
        JSON.stringify({ id: "x2", html: "<p>Body two.</p>" }),
        JSON.stringify({ id: "x3", body: "wrong field" }),
        "",
      ].join("\n"),
    );
    const { inputs, errors } = await readInputs([file]);
    assert.deepEqual(
      inputs.map((i) => [i.id, i.origin.line, i.meta?.title ?? null]),
      [
        ["x1", 1, "One"],
        ["x2", 3, null],
      ],
    );
    assert.deepEqual(
      errors.map((e) => e.input.split(/[\\/]/).pop()),
      ["batch.jsonl:2", "batch.jsonl:4"],
    );
  });

  it("reads stdin when given - and sniffs JSONL by content", async () => {
    const stdin = Readable.from([
      Buffer.from(`${JSON.stringify({ id: "s", text: "From stdin." })}\n`),
    ]);
    const { inputs, errors } = await readInputs(["-"], { stdin });
    assert.deepEqual(errors, []);
    assert.equal(inputs[0].id, "s");
    assert.equal(inputs[0].text, "From stdin.");
  });

  it("treats NUL bytes as binary but not UTF-16 with a BOM", () => {
    assert.equal(looksBinary(new Uint8Array([0x41, 0, 0x42])), true);
    assert.equal(looksBinary(new Uint8Array([0xff, 0xfe, 0x41, 0])), false);
    assert.equal(looksBinary(new TextEncoder().encode("plain text\n")), false);
  });
});
