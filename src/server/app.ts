/**
 * The HTTP app: a function from a Web-standard Request to a Response over one Store, serving
 * the HTML pages, the JSON API, the static files and ingest. No sockets here (see
 * node-adapter.ts), so it is tested in-process.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { openPipeline } from "../ingest/default-pipeline.js";
import { readFeedInputs } from "../ingest/feeds/read-feed-inputs.js";
import { SafeFetcher } from "../ingest/fetch/safe-fetch.js";
import { commitInput, type Pipeline } from "../ingest/ingest-pipeline.js";
import type { RawInput } from "../model.js";
import type { CommitOutcome, Store, StorySummary } from "../store/store.js";
import { toDoc } from "../text/to-doc.js";
import { VERSION } from "../version.js";
import { assetNamed } from "./assets.js";
import {
  HttpError,
  html,
  json,
  jsonError,
  jsonText,
  MAX_BODY_BYTES,
  raw,
  readBody,
  readJson,
} from "./http.js";
import { type IngestRequest, requestFromForm, requestFromJson } from "./ingest-request.js";
import {
  addPage,
  articlePage,
  e,
  errorPage,
  layout,
  sourcesContent,
  storiesPage,
  storyContent,
  storyHref,
} from "./pages.js";
import { RateLimiter, WRITE_BURST, WRITE_RATE_PER_SECOND } from "./rate-limit.js";
import { type Params, Router } from "./router.js";
import { type MarkedSentence, type SourcesView, viewStory } from "./story-view.js";

/** Stories shown on the list page and returned by the API at most (newest first). */
export const MAX_LISTED_STORIES = 500;
/** Name of the cookie that remembers the write token in a browser after one successful form post. */
export const TOKEN_COOKIE = "crosscheck_token";

/**
 * Revision of the cached page markup: bump it whenever pages.ts or story-view.ts change what
 * they render, so cached fragments of an unchanged story are not served stale.
 */
export const RENDER_REVISION = 6;

/** Cache keys (Store.getCachedBrief formats); the version makes an upgrade re-render. */
const CACHE = {
  brief: `web-brief-json@${VERSION}.${RENDER_REVISION}`,
  story: `web-story-html@${VERSION}.${RENDER_REVISION}`,
  sources: `web-sources-html@${VERSION}.${RENDER_REVISION}`,
  sourcesJson: `web-sources-json@${VERSION}.${RENDER_REVISION}`,
} as const;

export interface AppOptions {
  store: Store;
  /** Write token; without one the server is read-only. */
  token?: string | null;
  /** Ingest stages (default: the CLI's default pipeline, opened on the first write). */
  pipeline?: Pipeline;
  /** Fetches reports given by URL (default: a SafeFetcher that refuses private addresses). */
  fetcher?: SafeFetcher;
  /** ISO timestamp for stored rows. */
  now?: () => string;
  /** Milliseconds clock for rate limiting. */
  clock?: () => number;
  maxBodyBytes?: number;
  writeBurst?: number;
  writePerSecond?: number;
  /** Called with unexpected errors (they answer 500). */
  onError?: (err: unknown) => void;
}

/** Who is asking, as the transport knows it. */
export interface ClientInfo {
  remoteAddress?: string;
}

export type App = (request: Request, client?: ClientInfo) => Promise<Response>;

interface Ctx {
  request: Request;
  url: URL;
  params: Params;
  client: ClientInfo;
}

type Handler = (ctx: Ctx) => Promise<Response>;

const isApi = (url: URL) => url.pathname === "/api" || url.pathname.startsWith("/api/");

const sha256 = (s: string) => createHash("sha256").update(s).digest();

export function createApp(options: AppOptions): App {
  const store = options.store;
  // The default pipeline is stateful (it restores the clusterer and replays the store's
  // newest articles), so it is opened once, on the first write, and kept.
  let pipeline: Promise<Pipeline> | null = options.pipeline
    ? Promise.resolve(options.pipeline)
    : null;
  const getPipeline = () => {
    pipeline ??= openPipeline(store).catch((err) => {
      pipeline = null;
      throw err;
    });
    return pipeline;
  };
  const now = options.now ?? (() => new Date().toISOString());
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const tokenHash = options.token ? sha256(options.token) : null;
  const limiter = new RateLimiter(
    options.writeBurst ?? WRITE_BURST,
    options.writePerSecond ?? WRITE_RATE_PER_SECOND,
    options.clock,
  );
  // One ingest at a time: the stateful pipeline takes one input after another (sync, assign,
  // settled), so two requests' inputs must not interleave.
  let ingestChain: Promise<unknown> = Promise.resolve();

  const tokenValid = (presented: string | null | undefined): boolean =>
    tokenHash !== null && !!presented && timingSafeEqual(sha256(presented), tokenHash);

  /** Read-only check, rate limit, then credentials; throws the matching HttpError. */
  const authorizeWrite = (ctx: Ctx, presented: string | null | undefined) => {
    if (tokenHash === null) {
      throw new HttpError(
        403,
        "read-only",
        "this server is read-only: start it with --token or CROSSCHECK_TOKEN to allow writes",
      );
    }
    const valid = tokenValid(presented);
    const key = valid
      ? `t:${tokenHash.toString("hex")}`
      : `a:${ctx.client.remoteAddress ?? "unknown"}`;
    const wait = limiter.take(key);
    if (wait > 0) {
      throw new HttpError(429, "rate-limited", `too many writes; retry in ${wait} s`, {
        "retry-after": String(wait),
      });
    }
    if (!valid) {
      throw new HttpError(
        403,
        "forbidden",
        presented
          ? "the write token is wrong"
          : "writes need the server's token (Authorization: Bearer <token>)",
      );
    }
  };

  const fetcher = options.fetcher ?? new SafeFetcher();

  /** Fetches the request's URLs (all at once; the fetcher limits per host), then ingests everything. */
  const ingest = async (
    req: IngestRequest,
  ): Promise<{ input: string; outcome: CommitOutcome }[]> => {
    const fetched = await Promise.all(
      req.urls.map(async (item) => {
        const read = await readFeedInputs(item.url, { fetcher });
        // A single page takes the id and metadata the client gave; a feed's items keep their own.
        if (read.inputs.length === 1) {
          const only = read.inputs[0];
          if (item.id) only.id = item.id;
          only.meta = { ...only.meta, ...item.meta };
        }
        return read;
      }),
    );
    const failed = fetched.flatMap((r) =>
      r.errors.map((error) => ({
        input: error.input,
        outcome: { status: "failed", error } as CommitOutcome,
      })),
    );
    const stored = await commitAll([...req.inputs, ...fetched.flatMap((r) => r.inputs)]);
    return [...stored, ...failed];
  };

  const commitAll = (inputs: RawInput[]): Promise<{ input: string; outcome: CommitOutcome }[]> => {
    const run = async () => {
      const results: { input: string; outcome: CommitOutcome }[] = [];
      const stages = await getPipeline();
      // The same steps as ingestInputs, keeping each input's outcome for the response.
      for (const input of inputs) {
        await stages.sync?.(now(), store);
        results.push({
          input: input.origin.name,
          outcome: await commitInput(store, stages, input, now),
        });
      }
      return results;
    };
    const result = ingestChain.then(run, run);
    ingestChain = result.catch(() => {});
    return result;
  };

  /** The story's brief and pages from the cache, computing and caching all of them on a miss. */
  const cachedView = async (
    storyId: string,
    format: string,
  ): Promise<{ body: string; revision: number } | null> => {
    const hit = await store.getCachedBrief(storyId, format);
    if (hit) return { body: hit.body, revision: hit.revision };
    const loaded = await store.loadStory(storyId);
    if (!loaded) return null;
    const view = viewStory(loaded);
    const title = loaded.story.title;
    const bodies: Record<string, string> = {
      [CACHE.brief]: `${JSON.stringify(view.brief)}\n`,
      [CACHE.story]: `${JSON.stringify(title)}\n${storyContent(view.brief, title, storyId)}`,
      [CACHE.sources]: `${JSON.stringify(title)}\n${sourcesContent(view.sources)}`,
      [CACHE.sourcesJson]: JSON.stringify(view.sources),
    };
    const at = now();
    for (const [f, body] of Object.entries(bodies)) {
      await store.putCachedBrief({ storyId, format: f, revision: loaded.revision, body }, at);
    }
    return { body: bodies[format], revision: loaded.revision };
  };
  const cached = async (storyId: string, format: string) =>
    (await cachedView(storyId, format))?.body ?? null;

  /**
   * A story view with an ETag naming the story revision (and the markup and program versions):
   * a browser revalidating an unchanged story gets 304 without a body.
   */
  const storyView = async (
    request: Request,
    storyId: string,
    format: string,
    respond: (body: string) => Response,
  ): Promise<Response> => {
    const view = await cachedView(storyId, format);
    if (view === null) throw notFound(`story "${storyId}"`);
    const etag = `"r${view.revision}-${RENDER_REVISION}-${VERSION}"`;
    const headers = { etag, "cache-control": "no-cache" };
    const asked = request.headers.get("if-none-match");
    if (asked?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
      return raw(null, 304, null, headers);
    }
    const response = respond(view.body);
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    return response;
  };

  /** The story list, or the stories matching a search (the store's full-text index), best first. */
  const searchStories = async (q: string): Promise<{ stories: StorySummary[]; total: number }> => {
    const total = await store.countStories();
    const stories = q.trim()
      ? await store.searchStories(q, { limit: MAX_LISTED_STORIES })
      : await store.listStories({ limit: MAX_LISTED_STORIES });
    return { stories, total };
  };

  const notFound = (what: string) => new HttpError(404, "not-found", `no ${what}`);

  const router = new Router<Handler>();

  // ---- pages ----
  router.add("GET", "/", async ({ url }) => {
    const q = url.searchParams.get("q") ?? "";
    const { stories, total } = await searchStories(q);
    return html(storiesPage(stories, q, total));
  });

  router.add("GET", "/stories/:id", async ({ params, request }) =>
    storyView(request, params.id, CACHE.story, (body) => {
      const page = cachedPage(body);
      return html(layout({ title: page.title ?? params.id, body: page.html }));
    }),
  );

  router.add("GET", "/stories/:id/sources", async ({ params, request }) =>
    storyView(request, params.id, CACHE.sources, (body) => {
      const page = cachedPage(body);
      return html(
        layout({ title: `Sources: ${page.title ?? params.id}`, body: page.html, width: "wide" }),
      );
    }),
  );

  router.add("GET", "/articles/:id", async ({ params, url }) => {
    const article = await store.getArticle(params.id);
    if (!article) throw notFound(`article "${params.id}"`);
    let sentences: MarkedSentence[] = toDoc(article).sentences.map((s) => ({ ...s, mark: null }));
    let story = url.searchParams.get("story");
    if (story) {
      // Coming from a story: mark the sentences as that story's brief does (cached with it).
      const view = await cached(story, CACHE.sourcesJson);
      const own = view
        ? (JSON.parse(view) as SourcesView).families
            .flatMap((f) => f.articles)
            .find((a) => a.id === article.id)
        : undefined;
      if (own) sentences = own.sentences;
      else story = null;
    }
    return html(articlePage(article, sentences, story, url.searchParams.get("removed") === "1"));
  });

  router.add("GET", "/add", async ({ request }) =>
    html(
      addPage({
        writable: tokenHash !== null,
        hasTokenCookie: tokenValid(cookie(request, TOKEN_COOKIE)),
      }),
    ),
  );

  router.add("POST", "/add", async (ctx) => {
    const { request } = ctx;
    checkSameOrigin(request);
    const form = await readForm(request, maxBody);
    const fieldToken = form.get("token");
    const presented =
      typeof fieldToken === "string" && fieldToken !== ""
        ? fieldToken
        : cookie(request, TOKEN_COOKIE);
    authorizeWrite(ctx, presented);
    const results = await ingest(await requestFromForm(form));
    const lines = results.map(({ input, outcome }) => {
      if (outcome.status === "stored") {
        return `<li>${e(input)}: added to <a href="${storyHref(outcome.storyId)}">${outcome.newStory ? "a new story" : "story"} ${e(outcome.storyId)}</a></li>`;
      }
      if (outcome.status === "duplicate")
        return `<li>${e(input)}: already stored as ${e(outcome.articleId)}</li>`;
      return `<li>${e(input)}: failed: ${e(outcome.error.message)}</li>`;
    });
    const ok = results.some((r) => r.outcome.status !== "failed");
    const headers: Record<string, string> = {};
    if (typeof fieldToken === "string" && fieldToken !== "") {
      headers["set-cookie"] =
        `${TOKEN_COOKIE}=${encodeURIComponent(fieldToken)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    return html(
      addPage({
        writable: true,
        hasTokenCookie: true,
        message: { kind: ok ? "ok" : "warn", html: `<ul>${lines.join("")}</ul>` },
      }),
      200,
      headers,
    );
  });

  router.add("GET", "/static/:name", async ({ params }) => {
    const asset = assetNamed(params.name);
    if (!asset) throw notFound(`static file "${params.name}"`);
    return raw(asset.body, 200, asset.type, { "cache-control": "public, max-age=3600" });
  });

  // Browsers ask for it on every page; answering "no content" keeps their consoles clean.
  router.add("GET", "/favicon.ico", async () =>
    raw(null, 204, null, { "cache-control": "public, max-age=86400" }),
  );

  // ---- API ----
  router.add("GET", "/api", async () =>
    json({
      endpoints: [
        "GET /api/stories?q=",
        "GET /api/stories/:id",
        "GET /api/stories/:id/sources",
        "GET /api/articles/:id",
        "POST /api/ingest",
      ],
      writable: tokenHash !== null,
    }),
  );

  router.add("GET", "/api/stories", async ({ url }) => {
    const { stories, total } = await searchStories(url.searchParams.get("q") ?? "");
    return json({ total, stories });
  });

  router.add("GET", "/api/stories/:id", async ({ params, request }) =>
    storyView(request, params.id, CACHE.brief, (body) => jsonText(body)),
  );

  router.add("GET", "/api/stories/:id/sources", async ({ params, request }) =>
    storyView(request, params.id, CACHE.sourcesJson, (body) => json(JSON.parse(body) as object)),
  );

  router.add("GET", "/api/articles/:id", async ({ params }) => {
    const article = await store.getArticle(params.id);
    if (!article) throw notFound(`article "${params.id}"`);
    const sentences = toDoc(article).sentences.map(
      ({ index, paragraph, start, end, text, heading }) => ({
        index,
        paragraph,
        start,
        end,
        text,
        heading,
      }),
    );
    return json({ article, sentences });
  });

  router.add("POST", "/api/ingest", async (ctx) => {
    const { request } = ctx;
    const auth = request.headers.get("authorization");
    const bearer = auth && /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    authorizeWrite(ctx, bearer || null);
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    let ingestRequest: IngestRequest;
    if (type === "application/json" || type === "") {
      ingestRequest = requestFromJson(await readJson(request, maxBody));
    } else if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
      ingestRequest = await requestFromForm(await readForm(request, maxBody));
    } else if (type === "text/plain" || type === "text/html") {
      const bytes = await readBody(request, maxBody);
      if (bytes.byteLength === 0) throw new HttpError(400, "bad-request", "request body is empty");
      const title = ctx.url.searchParams.get("title") ?? undefined;
      const text = new TextDecoder("utf-8").decode(bytes);
      ingestRequest = requestFromJson({
        articles: [
          {
            ...(ctx.url.searchParams.get("id") ? { id: ctx.url.searchParams.get("id") } : {}),
            ...(title ? { title } : {}),
            ...(type === "text/html" ? { html: text } : { text }),
          },
        ],
      });
    } else {
      throw new HttpError(
        415,
        "unsupported-media-type",
        `cannot ingest "${type}": send application/json, multipart/form-data, text/plain or text/html`,
      );
    }
    const results = await ingest(ingestRequest);
    const summary = { ingested: 0, duplicates: 0, failed: 0 };
    const out = results.map(({ input, outcome }) => {
      if (outcome.status === "stored") {
        summary.ingested++;
        const { status, articleId, storyId, familyId, relation, newStory, version } = outcome;
        return { input, status, articleId, storyId, familyId, relation, newStory, version };
      }
      if (outcome.status === "duplicate") {
        summary.duplicates++;
        return { input, status: outcome.status, articleId: outcome.articleId };
      }
      summary.failed++;
      return { input, status: outcome.status, message: outcome.error.message };
    });
    return json({ summary, results: out });
  });

  return async (request: Request, client: ClientInfo = {}): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return jsonError(new HttpError(400, "bad-url", "request URL cannot be parsed"));
    }
    const api = isApi(url);
    const fail = (err: HttpError) =>
      api ? jsonError(err) : html(errorPage(err.status, err.message), err.status, err.headers);
    const match = router.match(request.method, url.pathname);
    if (match.kind === "not-found") return fail(notFound(`page at ${url.pathname}`));
    if (match.kind === "method-not-allowed") {
      return fail(
        new HttpError(
          405,
          "method-not-allowed",
          `${request.method} is not allowed here; use ${match.allow.join(", ")}`,
          {
            allow: match.allow.join(", "),
          },
        ),
      );
    }
    try {
      return await match.handler({ request, url, params: match.params, client });
    } catch (err) {
      if (err instanceof HttpError) return fail(err);
      options.onError?.(err);
      return fail(new HttpError(500, "internal", "the server failed to answer this request"));
    }
  };
}

/** A cached page: its title as a JSON line, then the HTML as is (no parsing of the big part). */
function cachedPage(body: string): { title: string | null; html: string } {
  const nl = body.indexOf("\n");
  return { title: JSON.parse(body.slice(0, nl)) as string | null, html: body.slice(nl + 1) };
}

async function readForm(request: Request, max: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
    throw new HttpError(
      415,
      "unsupported-media-type",
      "expected a form (multipart/form-data or urlencoded)",
    );
  }
  const bytes = await readBody(request, max);
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch (err) {
    throw new HttpError(400, "bad-form", `cannot read the form: ${(err as Error).message}`);
  }
}

/** A cookie's value from the request, or null. */
export function cookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Refuses a form post from another site (the browser's Origin header names a different host). */
function checkSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return;
  const host = request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new HttpError(403, "cross-origin", "form posted from an unreadable origin");
  }
  if (originHost !== host)
    throw new HttpError(403, "cross-origin", "form posted from another site");
}
