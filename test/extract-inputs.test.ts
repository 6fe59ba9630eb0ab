import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { extractArticle, extractBatch } from "../src/extract/index.js";
import { readInputs } from "../src/ingest/read-inputs.js";
import type { RawInput } from "../src/model.js";
import { runCli } from "./helpers/cli.js";

const file = (id: string, bytes: Uint8Array, contentType?: string): RawInput => ({
  id,
  origin: { kind: "file", name: `${id}.html`, contentType },
  bytes,
});

const RU =
  "Президент России Владимир Путин прибыл в Пхеньян с государственным визитом. " +
  "Стороны подписали договор о всеобъемлющем стратегическом партнёрстве, который заменит прежние документы.";
const FR =
  "Le président a annoncé mardi une réforme des retraites, qui sera présentée au Parlement dès l’été. " +
  "Les syndicats ont dénoncé un projet « injuste » et appellent à manifester la semaine prochaine à Paris.";

describe("extract: encodings", () => {
  it("decodes an undeclared windows-1251 page and says it guessed", () => {
    const html = `<html><body><article><p>${RU}</p></article></body></html>`;
    const a = extractArticle(file("ru", iconv.encode(html, "windows-1251")));
    assert.equal(a.paragraphs[0], RU);
    assert.equal(a.language, "ru");
    assert.ok(a.diagnostics.some((d) => d.code === "charset-guessed" && /1251/.test(d.message)));
  });

  it("decodes a windows-1252 page declared by <meta charset>", () => {
    const text =
      "Café owners in Zürich said the new “rules” cost them €2,000 each — a blow to the season.";
    const html = `<html><head><meta charset="windows-1252"></head><body><p>${text}</p></body></html>`;
    const a = extractArticle(file("w", iconv.encode(html, "windows-1252")));
    assert.equal(a.paragraphs[0], text);
  });

  it("uses the HTTP-declared charset of a fetched page", () => {
    const html = `<html><body><p>${FR}</p></body></html>`;
    const a = extractArticle(
      file("f", iconv.encode(html, "latin1"), "text/html; charset=ISO-8859-1"),
    );
    assert.equal(a.paragraphs[0], FR.replace("’", "?"));
  });

  it("reads UTF-8 bytes as UTF-8 even when the page declares windows-1252", () => {
    const text = "Café owners in Zürich said the new “rules” cost them €2,000 each this season.";
    const html = `<html><head><meta charset="windows-1252"></head><body><p>${text}</p></body></html>`;
    const a = extractArticle(file("m", new TextEncoder().encode(html)));
    assert.equal(a.paragraphs[0], text);
    assert.ok(a.diagnostics.some((d) => d.code === "charset-mismatch"));
  });

  it("decodes a UTF-16 file with a byte order mark", () => {
    const text =
      "The bridge reopened on Monday after three weeks of repairs, officials said in a statement.";
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf-16le")]);
    const a = extractArticle({ id: "u16", origin: { kind: "file", name: "u16.txt" }, bytes });
    assert.equal(a.paragraphs[0], text);
  });

  it("falls back from invalid UTF-8 declared as UTF-8 with a diagnostic", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<meta charset="utf-8"><p>Caf'),
      0xe9,
      ...new TextEncoder().encode(" owners met the mayor on Tuesday to discuss the new rules.</p>"),
    ]);
    const a = extractArticle(file("bad", bytes));
    assert.equal(a.paragraphs[0], "Café owners met the mayor on Tuesday to discuss the new rules.");
    assert.ok(a.diagnostics.some((d) => d.code === "charset-invalid"));
  });
});

describe("extract: languages", () => {
  it("detects a French article and says analysis is tuned for English", () => {
    const a = extractArticle({ id: "fr", origin: { kind: "inline", name: "fr" }, text: FR });
    assert.equal(a.language, "fr");
    const d = a.diagnostics.find((x) => x.code === "language-unsupported");
    assert.match(d?.message ?? "", /"fr".*English/);
  });

  it("leaves the language unknown for a very short text, with a diagnostic", () => {
    const a = extractArticle({
      id: "s",
      origin: { kind: "inline", name: "s" },
      text: "Fire on Main St.",
    });
    assert.equal(a.language, null);
    assert.ok(a.diagnostics.some((d) => d.code === "language-unknown"));
  });
});

describe("extract: hostile and broken input", () => {
  it("refuses binary data that reaches it as an error naming the input", () => {
    const bytes = new Uint8Array(4000).map((_, i) => ((i * 37) % 256) | 1);
    const { articles, errors } = extractBatch([file("bin", bytes)]);
    assert.equal(articles.length, 0);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].input, "bin.html");
    assert.match(errors[0].message, /not HTML or text|no article text/);
  });

  it("extracts what it can from truncated HTML", () => {
    const html = `<html><head><title>Storm hits coast</title></head><body><div class="story"><p>The storm reached the coast late on Sunday, cutting power to thousands of homes.</p><p>Officials said repairs could take a week, and urged residents to stay ind`;
    const a = extractArticle(file("cut", new TextEncoder().encode(html)));
    assert.equal(a.paragraphs.length, 2);
    assert.match(a.paragraphs[1], /stay ind$/);
  });

  it("bounds the work on a 20 MB page and says it was cut", () => {
    const para =
      "<div><p>Filler paragraph about nothing in particular, repeated, many, many times.</p></div>";
    const html = `<html><body><article><p>The real story starts here, with a long first paragraph, full of detail.</p>${para.repeat(Math.ceil(20_000_000 / para.length))}</article></body></html>`;
    assert.ok(html.length >= 20_000_000);
    const a = extractArticle({ id: "huge", origin: { kind: "inline", name: "huge" }, html });
    assert.match(a.paragraphs[0], /^The real story starts here/);
    assert.ok(a.diagnostics.some((d) => d.code === "html-truncated"));
  });

  it("bounds the work on a 20 MB plain text and says it was cut", () => {
    const line =
      "The council met again on Tuesday, and the debate about the budget went on for hours.\n";
    const text = line.repeat(Math.ceil(20_000_000 / line.length));
    const a = extractArticle({ id: "long", origin: { kind: "inline", name: "long" }, text });
    assert.ok(a.diagnostics.some((d) => d.code === "text-truncated"));
    assert.ok(a.paragraphs.join("\n").length <= 4_000_000);
  });

  it("survives deeply nested unclosed markup", () => {
    const html = `<html><body>${"<div><span>".repeat(50_000)}<p>Deep text that still counts as an article paragraph, with commas, here.</p></body></html>`;
    const { articles, errors } = extractBatch([
      { id: "deep", origin: { kind: "inline", name: "deep" }, html },
    ]);
    assert.equal(articles.length, 0);
    assert.deepEqual(errors, [{ input: "deep", message: "no article text found", id: "deep" }]);
  });
});

describe("crosscheck extract (CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-extract-"));
  const body =
    "The museum reopened on Saturday after a two-year renovation, its director said, with new galleries.";
  writeFileSync(
    join(dir, "a.txt"),
    `Museum Reopens After Renovation\nShare on Facebook\n\n${body}\n`,
  );
  writeFileSync(join(dir, "empty.txt"), "");
  writeFileSync(
    join(dir, "feed.jsonl"),
    `${JSON.stringify({ id: "j1", html: `<html><body><article><p>${body}</p></article></body></html>`, title: "Supplied title", published: "2024-06-18", url: "https://news.example.org/museum" })}\n`,
  );

  it("prints one JSON document with generator and articles, and names failed inputs", async () => {
    const run = await runCli(["extract", "--format", "json", dir]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /crosscheck: .*empty\.txt: empty input/);
    const doc = JSON.parse(run.stdout) as {
      generator: { name: string };
      articles: {
        id: string;
        title: string;
        published: string;
        outlet: string;
        paragraphs: string[];
        removed: { text: string; reason: string }[];
      }[];
    };
    assert.equal(doc.generator.name, "crosscheck");
    assert.deepEqual(
      doc.articles.map((a) => a.id),
      ["a", "j1"],
    );
    assert.equal(doc.articles[0].title, "Museum Reopens After Renovation");
    assert.deepEqual(doc.articles[0].removed, [{ text: "Share on Facebook", reason: "share" }]);
    assert.equal(doc.articles[1].title, "Supplied title");
    assert.equal(doc.articles[1].published, "2024-06-18");
    assert.equal(doc.articles[1].outlet, "news.example.org");
    assert.deepEqual(doc.articles[1].paragraphs, [body]);
  });

  it("prints JSON lines and readable text with removed lines on request", async () => {
    const jsonl = await runCli(["extract", "--format", "jsonl", join(dir, "a.txt")]);
    assert.equal(jsonl.code, 0);
    assert.equal(jsonl.stdout.trim().split("\n").length, 1);
    assert.equal(JSON.parse(jsonl.stdout).id, "a");
    const text = await runCli(["extract", "--show-removed", join(dir, "a.txt")]);
    assert.match(text.stdout, /^# Museum Reopens After Renovation\n/);
    assert.match(text.stdout, /\[share\] Share on Facebook/);
  });

  it("draws a progress line on a terminal's stderr only, and the output is the same", async () => {
    const args = ["extract", "--format", "jsonl", join(dir, "a.txt")];
    const plain = await runCli(args);
    const tty = await runCli(args, "", {}, true);
    assert.equal(tty.stdout, plain.stdout);
    assert.match(tty.stderr, /2\/2\s+100%/);
    assert.ok(tty.stderr.endsWith("\r\x1b[K"), JSON.stringify(tty.stderr));
    assert.equal(plain.stderr, "");
  });

  it("reads stdin with - and rejects an unknown format as a usage error", async () => {
    const run = await runCli(["extract", "--format", "jsonl", "-"], body);
    assert.equal(run.code, 0);
    assert.equal(JSON.parse(run.stdout).paragraphs[0], body);
    const bad = await runCli(["extract", "--format", "xml", join(dir, "a.txt")]);
    assert.equal(bad.code, 2);
  });
});

describe("extract: through the file door", () => {
  it("reads a JSONL line with html and keeps its supplied metadata", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crosscheck-extract-"));
    const p = join(dir, "x.jsonl");
    writeFileSync(
      p,
      `${JSON.stringify({ id: "k", html: "<p>A short but real article sentence about the harbour, with detail.</p>", outlet: "Harbour News" })}\n`,
    );
    const { inputs } = await readInputs([p]);
    const a = extractArticle(inputs[0]);
    assert.equal(a.outlet, "Harbour News");
    assert.equal(a.paragraphs.length, 1);
  });
});
