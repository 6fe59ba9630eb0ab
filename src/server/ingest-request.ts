/**
 * Turns ingest requests into RawInputs: the API's JSON body ({articles: [...]}) and the add
 * form's fields and uploaded files. Bad requests become 400 errors that name the offending item.
 */
import { createHash } from "node:crypto";
import { idFromPath } from "../ids.js";
import type { RawInput, SuppliedMeta } from "../model.js";
import { HttpError } from "./http.js";

/** Most reports accepted in one request; bigger batches belong to `crosscheck ingest`. */
export const MAX_INGEST_ARTICLES = 1000;
/** Longest id accepted from a client. */
const MAX_ID_LENGTH = 200;

function bad(message: string): HttpError {
  return new HttpError(400, "bad-request", message);
}

/** A readable id from the title, else a short hash of the content: same input, same id. */
export function defaultId(title: string | undefined, content: string): string {
  const slug = (title ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || `report-${createHash("sha256").update(content).digest("hex").slice(0, 10)}`;
}

function optionalString(
  item: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
  const v = item[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw bad(`${where}.${key} must be a string`);
  return v;
}

function checkId(id: string, where: string): string {
  if (id.trim() === "" || id.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(id)) {
    throw bad(`${where}.id must be 1 to ${MAX_ID_LENGTH} characters without control characters`);
  }
  return id;
}

function meta(title?: string, url?: string, published?: string, outlet?: string): SuppliedMeta {
  return {
    ...(title ? { title } : {}),
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

/** The API body `{"articles": [{id?, title?, text|html, url?, published?, outlet?}]}`. */
export function inputsFromJson(body: unknown): RawInput[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw bad('expected a JSON object {"articles": [...]}');
  }
  const articles = (body as Record<string, unknown>).articles;
  if (!Array.isArray(articles) || articles.length === 0) {
    throw bad('"articles" must be a non-empty array');
  }
  if (articles.length > MAX_INGEST_ARTICLES) {
    throw new HttpError(
      413,
      "too-many",
      `at most ${MAX_INGEST_ARTICLES} articles per request, got ${articles.length}`,
    );
  }
  return articles.map((value, i) => {
    const where = `articles[${i}]`;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw bad(`${where} must be an object`);
    const item = value as Record<string, unknown>;
    const text = optionalString(item, "text", where);
    const htmlText = optionalString(item, "html", where);
    if (text === undefined && htmlText === undefined) throw bad(`${where} needs "text" or "html"`);
    const title = optionalString(item, "title", where);
    const givenId = optionalString(item, "id", where);
    const content = text ?? htmlText ?? "";
    return {
      id: givenId !== undefined ? checkId(givenId, where) : defaultId(title, content),
      origin: { kind: "inline", name: givenId ? `api:${givenId}` : `api:${where}` },
      ...(text !== undefined ? { text } : { html: htmlText }),
      meta: meta(
        title,
        optionalString(item, "url", where),
        optionalString(item, "published", where),
        optionalString(item, "outlet", where),
      ),
    } satisfies RawInput;
  });
}

/** The add form: a pasted text (with optional title, URL, date) and any uploaded files. */
export async function inputsFromForm(form: FormData): Promise<RawInput[]> {
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const inputs: RawInput[] = [];
  const text = form.get("text");
  if (typeof text === "string" && text.trim() !== "") {
    const title = field("title");
    const looksHtml = /^\s*</.test(text);
    inputs.push({
      id: defaultId(title, text),
      origin: { kind: "inline", name: "pasted text" },
      ...(looksHtml ? { html: text } : { text }),
      meta: meta(title, field("url"), field("published")),
    });
  }
  for (const file of form.getAll("files")) {
    if (typeof file === "string" || file.size === 0) continue;
    const bytes = new Uint8Array(await file.arrayBuffer());
    inputs.push({
      id: idFromPath(file.name || "upload"),
      origin: {
        kind: "file",
        name: file.name || "upload",
        ...(file.type ? { contentType: file.type } : {}),
      },
      bytes,
    });
  }
  if (inputs.length === 0) throw bad("nothing to add: paste a text or choose at least one file");
  if (inputs.length > MAX_INGEST_ARTICLES) {
    throw new HttpError(413, "too-many", `at most ${MAX_INGEST_ARTICLES} files per request`);
  }
  return inputs;
}
