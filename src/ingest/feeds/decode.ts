/**
 * Bytes → text for feeds and fetched pages: BOM, then the document's own declaration (XML
 * `encoding=` or HTML `<meta charset>`), then the HTTP charset, then UTF-8; a declaration that
 * lies (invalid UTF-8 declared as UTF-8) falls back to windows-1252, with a diagnostic.
 */
import iconv from "iconv-lite";
import type { Diagnostic } from "../../model.js";

/** How far into the bytes a charset declaration is looked for (HTML's prescan uses 1024). */
const DECLARATION_SCAN_BYTES = 2048;

export interface Decoded {
  text: string;
  /** The encoding actually used, lower-case iconv-lite label ("utf-8", "windows-1252"). */
  encoding: string;
  diagnostics: Diagnostic[];
}

const SINGLE_BYTE = /^(iso-?8859-1|latin-?1|us-ascii|ascii|windows-1252|cp1252)$/i;

/** Decodes feed or page bytes; `httpCharset` is the charset from Content-Type, if any. */
export function decodeBytes(bytes: Uint8Array, httpCharset?: string | null): Decoded {
  const diagnostics: Diagnostic[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return finish(decodeUtf8Tolerant(buf.subarray(3), diagnostics), diagnostics);
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le", diagnostics };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be", diagnostics };
  }
  const declared = declaredCharset(buf) ?? (httpCharset ? httpCharset.trim() : null);
  if (declared && !/^utf-?8$/i.test(declared)) {
    if (!iconv.encodingExists(declared)) {
      diagnostics.push({
        severity: "warning",
        code: "charset-unknown",
        message: `declared charset "${declared}" is unknown; decoded as UTF-8`,
      });
      return finish(decodeUtf8Tolerant(buf, diagnostics), diagnostics);
    }
    // A single-byte declaration over bytes that are valid UTF-8 with multi-byte sequences is
    // almost always a lie (CMS templates that say latin-1 and emit UTF-8).
    if (SINGLE_BYTE.test(declared) && hasMultiByteUtf8(buf) && isValidUtf8(buf)) {
      diagnostics.push({
        severity: "info",
        code: "charset-guessed",
        message: `declared charset "${declared}" but the bytes are UTF-8; decoded as UTF-8`,
      });
      return finish({ text: buf.toString("utf8"), encoding: "utf-8" }, diagnostics);
    }
    const encoding = SINGLE_BYTE.test(declared) ? "windows-1252" : declared.toLowerCase();
    return finish({ text: iconv.decode(buf, encoding), encoding }, diagnostics);
  }
  return finish(decodeUtf8Tolerant(buf, diagnostics), diagnostics);
}

function finish(result: { text: string; encoding: string }, diagnostics: Diagnostic[]): Decoded {
  return { text: result.text, encoding: result.encoding, diagnostics };
}

/** UTF-8 when valid, else windows-1252 (the usual truth behind a lying UTF-8 label). */
function decodeUtf8Tolerant(
  buf: Buffer,
  diagnostics: Diagnostic[],
): { text: string; encoding: string } {
  if (isValidUtf8(buf)) return { text: buf.toString("utf8"), encoding: "utf-8" };
  diagnostics.push({
    severity: "warning",
    code: "charset-guessed",
    message: "bytes are not valid UTF-8; decoded as windows-1252",
  });
  return { text: iconv.decode(buf, "windows-1252"), encoding: "windows-1252" };
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

export function isValidUtf8(buf: Uint8Array): boolean {
  try {
    fatalUtf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

function hasMultiByteUtf8(buf: Uint8Array): boolean {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return true;
  return false;
}

/** The charset named by an XML declaration or an HTML meta tag near the start, if any. */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.subarray(0, DECLARATION_SCAN_BYTES)).toString("latin1");
  const xml = /<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([A-Za-z0-9._:-]+)/i.exec(head);
  return meta ? meta[1] : null;
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1] : null;
}
