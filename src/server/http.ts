/**
 * HTTP plumbing shared by the app's routes: JSON and HTML responses with the security headers,
 * the `{"error": {code, message}}` error shape, and reading a request body under a size limit.
 */
import { GENERATOR } from "../version.js";

/** Largest request body accepted (bytes). Big enough for a batch of saved pages, small enough
 * that one request cannot exhaust memory; bigger bodies get 413. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Content-Security-Policy of every response: everything from this origin only, no inline
 * script or style (the app's JS and CSS are static files), no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers set on every response. */
export function securityHeaders(): Record<string, string> {
  return {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
}

/** An error that becomes an HTTP response: status, stable code, human message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A JSON response carrying the generator (name and version) unless the body already has one. */
export function json(body: object, status = 200, headers: Record<string, string> = {}): Response {
  const withVersion = "generator" in body ? body : { generator: GENERATOR, ...body };
  return raw(
    `${JSON.stringify(withVersion)}\n`,
    status,
    "application/json; charset=utf-8",
    headers,
  );
}

/** A JSON response from an already-serialised body (a cached brief). */
export function jsonText(text: string, status = 200): Response {
  return raw(text, status, "application/json; charset=utf-8");
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return raw(body, status, "text/html; charset=utf-8", headers);
}

export function raw(
  body: string | Uint8Array<ArrayBuffer> | null,
  status: number,
  contentType: string | null,
  headers: Record<string, string> = {},
): Response {
  const h = new Headers(securityHeaders());
  if (contentType) h.set("content-type", contentType);
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Response(body, { status, headers: h });
}

/** `{"error": {"code", "message"}}` with the version. */
export function jsonError(err: HttpError): Response {
  return json({ error: { code: err.code, message: err.message } }, err.status, err.headers);
}

/**
 * Reads the whole body, refusing more than `max` bytes (413) whether or not Content-Length
 * was declared (a lying or absent header is caught while streaming).
 */
export async function readBody(
  request: Request,
  max = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function tooLarge(max: number): HttpError {
  return new HttpError(
    413,
    "too-large",
    `request body is larger than ${Math.round(max / 1024 / 1024)} MB; send fewer or smaller reports per request`,
  );
}

/** Parses a JSON body, answering 400 with the parser's message when it is not JSON. */
export async function readJson(request: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readBody(request, max);
  const text = new TextDecoder("utf-8").decode(bytes);
  if (text.trim() === "")
    throw new HttpError(400, "bad-json", "request body is empty; expected JSON");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(
      400,
      "bad-json",
      `request body is not valid JSON: ${(err as Error).message}`,
    );
  }
}
