/**
 * The file door: turns command-line inputs (files, directories, JSONL, `-` for stdin, `.gz`)
 * into RawInputs with their origin. Each input that cannot be read becomes an InputError that
 * names it; the rest of the batch goes on. Decoding bytes to text is the extractor's job.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { idFromPath, uniqueIds } from "../ids.js";
import type { InputError, RawInput, SuppliedMeta } from "../model.js";

/** Largest input accepted, in bytes (after gunzip). Bigger files are refused, not truncated. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** File endings picked up when walking a directory (an explicitly named file is always read). */
const DIRECTORY_EXTENSIONS = /\.(txt|text|html?|xhtml|jsonl|ndjson)(\.gz)?$/i;

export interface ReadOptions {
  /** Where `-` reads from; defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
  maxBytes?: number;
}

export interface ReadResult {
  inputs: RawInput[];
  errors: InputError[];
}

/** Reads every input named on the command line, in order; directories are walked sorted. */
export async function readInputs(
  args: readonly string[],
  options: ReadOptions = {},
): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const inputs: RawInput[] = [];
  const errors: InputError[] = [];
  for (const arg of args) {
    if (arg === "-") {
      try {
        const bytes = await readStream(options.stdin ?? process.stdin, maxBytes);
        addBytes(inputs, errors, "stdin", { kind: "stdin", name: "stdin" }, bytes, maxBytes);
      } catch (err) {
        errors.push({ input: "stdin", message: errorMessage(err) });
      }
      continue;
    }
    let files: string[];
    try {
      const info = await stat(arg);
      files = info.isDirectory() ? await walk(arg) : [arg];
      if (info.isDirectory() && files.length === 0) {
        errors.push({
          input: arg,
          message: "directory holds no .txt, .html, .htm or .jsonl files",
        });
      }
    } catch (err) {
      errors.push({ input: arg, message: errorMessage(err) });
      continue;
    }
    for (const file of files) {
      try {
        const info = await stat(file);
        if (info.size > maxBytes && !/\.gz$/i.test(file)) {
          throw new Error(
            `file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit`,
          );
        }
        const bytes = new Uint8Array(await readFile(file));
        addBytes(inputs, errors, idFromPath(file), { kind: "file", name: file }, bytes, maxBytes);
      } catch (err) {
        errors.push({ input: file, message: errorMessage(err) });
      }
    }
  }
  const { ids, renamed } = uniqueIds(inputs.map((input) => input.id));
  inputs.forEach((input, i) => {
    input.id = ids[i];
    const diagnostic = renamed.get(i);
    if (diagnostic) (input.diagnostics ??= []).push(diagnostic);
  });
  return { inputs, errors };
}

function addBytes(
  inputs: RawInput[],
  errors: InputError[],
  id: string,
  origin: RawInput["origin"],
  raw: Uint8Array,
  maxBytes: number,
): void {
  const bytes = isGzip(raw) ? gunzip(raw, maxBytes) : raw;
  if (bytes.length === 0) throw new Error("empty input");
  if (looksBinary(bytes)) throw new Error("binary data, not text or HTML");
  if (looksLikeJsonl(origin.name, bytes)) {
    parseJsonl(inputs, errors, origin.name, bytes);
    return;
  }
  inputs.push({ id, origin, bytes });
}

/** True for the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxBytes }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || /buffer/i.test(errorMessage(err))) {
      throw new Error(`gzip content is over the ${formatBytes(maxBytes)} limit`);
    }
    throw new Error(`broken gzip data: ${errorMessage(err)}`);
  }
}

/**
 * A NUL byte in the first 8 KiB means binary (UTF-16 text with a BOM is the exception), as do
 * many control characters.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return false;
  }
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control > n * 0.1;
}

function looksLikeJsonl(name: string, bytes: Uint8Array): boolean {
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(name)) return true;
  if (/\.(txt|html?|xhtml)(\.gz)?$/i.test(name)) return false;
  // Content sniffing for stdin and unknown endings: first non-blank char is "{" and the first
  // line parses as a JSON object with text or html.
  const head = new TextDecoder().decode(bytes.subarray(0, 65536));
  const first = head.split("\n").find((line) => line.trim() !== "");
  if (!first?.trimStart().startsWith("{")) return false;
  try {
    const value = JSON.parse(first) as Record<string, unknown>;
    return typeof value === "object" && value !== null && ("text" in value || "html" in value);
  } catch {
    return false;
  }
}

function parseJsonl(
  inputs: RawInput[],
  errors: InputError[],
  name: string,
  bytes: Uint8Array,
): void {
  const text = new TextDecoder("utf-8").decode(bytes);
  const lines = text.split("\n");
  const base = idFromPath(name);
  let count = 0;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      errors.push({ input: where, message: `not valid JSON: ${errorMessage(err)}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push({ input: where, message: "expected a JSON object with a text or html field" });
      return;
    }
    const record = value as Record<string, unknown>;
    const textField = typeof record.text === "string" ? record.text : undefined;
    const htmlField = typeof record.html === "string" ? record.html : undefined;
    if (textField === undefined && htmlField === undefined) {
      errors.push({ input: where, message: "has neither a text nor an html field (string)" });
      return;
    }
    const id =
      record.id === undefined || record.id === null ? `${base}-${i + 1}` : String(record.id);
    const meta: SuppliedMeta = {};
    for (const key of ["title", "published", "url", "outlet", "author"] as const) {
      if (typeof record[key] === "string" && record[key] !== "") meta[key] = record[key] as string;
    }
    inputs.push({
      id,
      origin: { kind: "jsonl", name: where, line: i + 1 },
      text: textField,
      html: htmlField,
      meta,
    });
    count++;
  });
  if (count === 0 && !errors.some((e) => e.input.startsWith(`${name}:`))) {
    errors.push({ input: name, message: "JSONL file holds no articles" });
  }
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && DIRECTORY_EXTENSIONS.test(entry.name)) out.push(path);
  }
  return out;
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) throw new Error(`input is over the ${formatBytes(maxBytes)} limit`);
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** "1.5 MB" style sizes for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The message of an unknown thrown value, without Node's "ENOENT: " noise where it helps. */
export function errorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "ENOENT") return "no such file or directory";
  if (e?.code === "EACCES") return "permission denied";
  if (e?.code === "EISDIR") return "is a directory";
  return e?.message ?? String(err);
}
