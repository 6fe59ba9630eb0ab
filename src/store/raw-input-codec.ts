/**
 * Raw inputs as the store keeps them: the payload (bytes, text or HTML) gzip-compressed, the
 * origin and supplied metadata as JSON, and a SHA-256 input hash that lets a rerun skip inputs
 * it has already stored without extracting them again.
 */
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Diagnostic, Origin, RawInput, SuppliedMeta } from "../model.js";

/**
 * zlib level for stored payloads. 6 (zlib's default) keeps news HTML/text at roughly a third of
 * its size; level 1 was about 15% larger for little speed gain next to extraction's cost.
 */
export const RAW_GZIP_LEVEL = 6;

/** Which field of a RawInput held the payload. */
export type PayloadKind = "bytes" | "text" | "html";

export interface EncodedInput {
  inputHash: string;
  sourceId: string;
  kind: PayloadKind;
  /** The gzip-compressed payload. */
  payload: Buffer;
  origin: string;
  meta: string | null;
  diagnostics: Diagnostic[] | undefined;
}

/** The payload of an input, uncompressed, and its kind. */
function rawPayload(input: RawInput): { kind: PayloadKind; raw: Buffer } {
  if (input.bytes) return { kind: "bytes", raw: Buffer.from(input.bytes) };
  if (input.html !== undefined) return { kind: "html", raw: Buffer.from(input.html, "utf8") };
  return { kind: "text", raw: Buffer.from(input.text ?? "", "utf8") };
}

/** JSON with keys sorted, so equal metadata gives equal hashes whatever the key order. */
function stableMeta(meta: SuppliedMeta | undefined): string | null {
  if (!meta) return null;
  const keys = Object.keys(meta).sort() as (keyof SuppliedMeta)[];
  const out: Record<string, string> = {};
  for (const key of keys) if (meta[key] !== undefined) out[key] = meta[key] as string;
  return Object.keys(out).length === 0 ? null : JSON.stringify(out);
}

/** Hex SHA-256 of the payload kind, payload and supplied metadata (not the name it came under). */
export function hashRawInput(input: RawInput): string {
  const { kind, raw } = rawPayload(input);
  return createHash("sha256")
    .update(kind)
    .update("\0")
    .update(raw)
    .update("\0")
    .update(stableMeta(input.meta) ?? "")
    .digest("hex");
}

/** Compresses an input for storage. */
export function encodeRawInput(input: RawInput): EncodedInput {
  const { kind, raw } = rawPayload(input);
  return {
    inputHash: hashRawInput(input),
    sourceId: input.id,
    kind,
    payload: gzipSync(raw, { level: RAW_GZIP_LEVEL }),
    origin: JSON.stringify(input.origin),
    meta: stableMeta(input.meta),
    diagnostics: input.diagnostics,
  };
}

/** Rebuilds a RawInput from its stored parts. */
export function decodeRawInput(parts: {
  sourceId: string;
  kind: string;
  payload: Uint8Array;
  origin: string;
  meta: string | null;
  diagnostics?: Diagnostic[];
}): RawInput {
  const raw = gunzipSync(parts.payload);
  const input: RawInput = { id: parts.sourceId, origin: JSON.parse(parts.origin) as Origin };
  if (parts.kind === "bytes") input.bytes = new Uint8Array(raw);
  else if (parts.kind === "html") input.html = raw.toString("utf8");
  else input.text = raw.toString("utf8");
  if (parts.meta) input.meta = JSON.parse(parts.meta) as SuppliedMeta;
  if (parts.diagnostics && parts.diagnostics.length > 0) input.diagnostics = parts.diagnostics;
  return input;
}
