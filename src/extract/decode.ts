/**
 * Bytes to text: BOM, then the transport's charset, then <meta charset>, then strict UTF-8,
 * then a windows-1251 / windows-1252 guess. Says in diagnostics what it guessed. Also tells
 * HTML from plain text by content.
 */
import iconv from "iconv-lite";
import type { Diagnostic } from "../model.js";

export interface Decoded {
  text: string;
  charset: string;
  diagnostics: Diagnostic[];
}

/** How far into a page to look for a <meta charset> declaration (the HTML spec says 1024). */
const META_SNIFF_BYTES = 4096;

/**
 * Share of high bytes (≥ 0x80) among letters above which an undeclared, non-UTF-8 page is taken
 * as Cyrillic windows-1251 rather than Western windows-1252. Western text has a few accented
 * letters per line; Cyrillic text is nearly all high bytes. Chosen by reasoning, not tuned.
 */
const CYRILLIC_HIGH_BYTE_SHARE = 0.4;

/** Decodes bytes, using the HTTP content type's charset when one was declared. */
export function decodeBytes(bytes: Uint8Array, contentType?: string): Decoded {
  const diagnostics: Diagnostic[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // 1. Byte order marks win over everything.
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString("utf8"), charset: "utf-8", diagnostics };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), "utf-16le"), charset: "utf-16le", diagnostics };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), charset: "utf-16be", diagnostics };
  }
  // 2. The transport's declaration, then the page's own.
  const declared =
    charsetFromContentType(contentType) ?? sniffMetaCharset(buf.subarray(0, META_SNIFF_BYTES));
  const utf8 = strictUtf8(buf);
  if (declared) {
    const label = canonicalCharset(declared);
    if (label === "utf-8") {
      if (utf8 !== null) return { text: utf8, charset: "utf-8", diagnostics };
      const guess = guessSingleByte(buf);
      diagnostics.push({
        severity: "warning",
        code: "charset-invalid",
        message: `declared UTF-8 but the bytes are not valid UTF-8; decoded as ${guess}`,
      });
      return { text: iconv.decode(buf, guess), charset: guess, diagnostics };
    }
    if (label && iconv.encodingExists(label)) {
      // Pages often declare Latin-1 or windows-125x and are really UTF-8: valid multi-byte
      // UTF-8 does not happen by chance in single-byte text, so the bytes win.
      if (utf8 !== null && SINGLE_BYTE.test(label) && hasHighBytes(buf)) {
        diagnostics.push({
          severity: "info",
          code: "charset-mismatch",
          message: `declared ${declared} but the bytes are valid UTF-8; decoded as UTF-8`,
        });
        return { text: utf8, charset: "utf-8", diagnostics };
      }
      return { text: iconv.decode(buf, label), charset: label, diagnostics };
    }
    diagnostics.push({
      severity: "warning",
      code: "charset-unknown",
      message: `unknown charset "${declared}" declared; guessed from the bytes instead`,
    });
  }
  // 3. Undeclared: valid UTF-8 is UTF-8 (pure ASCII included).
  if (utf8 !== null) return { text: utf8, charset: "utf-8", diagnostics };
  const guess = guessSingleByte(buf);
  diagnostics.push({
    severity: "info",
    code: "charset-guessed",
    message: `no charset declared and not valid UTF-8; decoded as ${guess}`,
  });
  return { text: iconv.decode(buf, guess), charset: guess, diagnostics };
}

/** Single-byte charsets, where valid multi-byte UTF-8 means the declaration is wrong. */
const SINGLE_BYTE = /^(windows-125\d|iso-?8859-\d+|koi8-?[ru]|cp125\d|macintosh|x-mac-\w+)$/i;

function hasHighBytes(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return true;
  return false;
}

function strictUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType?: string): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m ? m[1] : null;
}

/** <meta charset=…>, <meta http-equiv content="…; charset=…"> or <?xml encoding=…?>. */
export function sniffMetaCharset(head: Uint8Array): string | null {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1");
  const meta =
    text.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ??
    text.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i);
  return meta ? meta[1] : null;
}

/** WHATWG-style label mapping for the labels that matter; others go to iconv-lite as given. */
function canonicalCharset(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  // Browsers decode latin-1 and ASCII labels as windows-1252 (a superset); so do we.
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|cp819|ibm819|iso_8859-1)$/.test(l)) {
    return "windows-1252";
  }
  if (/^(cp1251|x-cp1251)$/.test(l)) return "windows-1251";
  if (l === "utf-16" || l === "unicode") return "utf-16le";
  return l;
}

/** windows-1251 when most letters are high bytes (Cyrillic), else windows-1252. */
function guessSingleByte(buf: Buffer): string {
  let high = 0;
  let asciiLetters = 0;
  const n = Math.min(buf.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b >= 0xc0) high++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) asciiLetters++;
  }
  return high > 0 && high / (high + asciiLetters) > CYRILLIC_HIGH_BYTE_SHARE
    ? "windows-1251"
    : "windows-1252";
}

/** Share of replacement or control characters above which decoded "text" is not text. */
const MAX_GARBAGE_SHARE = 0.1;

/** True when decoded text is mostly replacement or control characters (a binary file). */
export function looksLikeGarbage(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return false;
  const bad = sample.match(/[\uFFFD\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0;
  return bad / sample.length > MAX_GARBAGE_SHARE;
}

/** Markup tags that only HTML has, counted in the head of a document to tell HTML by content. */
const HTML_TAG =
  /<\/?(html|head|body|div|p|span|a|br|table|tr|td|ul|ol|li|h[1-6]|article|section|main|meta|title|script|style|img|strong|em|b|i)\b[^>]*>/gi;

/** Tags needed in the first 64 KB to call a document without a doctype HTML. */
const MIN_HTML_TAGS = 3;

/** True when the text is HTML by its content (doctype, <html>, or several HTML tags). */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 65536);
  if (
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(head)
  ) {
    return true;
  }
  let count = 0;
  HTML_TAG.lastIndex = 0;
  while (HTML_TAG.exec(head) !== null) {
    if (++count >= MIN_HTML_TAGS) return true;
  }
  return false;
}
