/**
 * Safe, polite HTTP(S) GET. Safe: http(s) only; the host is resolved here and every address
 * vetted (no loopback/private/link-local/… unless allowPrivate), again after every redirect
 * (followed by hand, bounded), and the socket connects to the vetted address only (a pinned
 * `lookup`, so DNS rebinding cannot slip another address in); bodies are streamed and cut at a
 * size limit; connect and total time are bounded. Polite: an honest User-Agent, robots.txt,
 * conditional GET, a per-host concurrency limit and back-off on 429/503 honouring Retry-After.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import zlib from "node:zlib";
import { VERSION } from "../../version.js";
import { charsetOf } from "../feeds/decode.js";
import { literalAddress, refusalReason } from "./address-policy.js";
import { HostLimiter } from "./host-limiter.js";
import { ALLOW_ALL, DISALLOW_ALL, isAllowed, parseRobots, type Robots } from "./robots.js";

/** Largest body accepted (after decompression): a 10 MB feed holds thousands of full items. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** robots.txt bodies are cut here (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;
/** Time allowed to open the TCP (and TLS) connection. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Time allowed for a whole fetch, redirects and body included. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
/** Redirect hops followed before giving up (browsers allow ~20; feeds need 1–2). */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Requests in flight per host: 2 keeps a poll of many feeds on one site gentle. */
export const DEFAULT_PER_HOST_CONCURRENCY = 2;
/** Retries after a 429/503 (each waits Retry-After, or the default below). */
export const DEFAULT_RETRIES = 2;
/** Wait after a 429/503 without Retry-After. */
const DEFAULT_RETRY_WAIT_MS = 5_000;
/** A Retry-After longer than this is not waited for inside one fetch: the fetch fails instead. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
/** How long a host's robots.txt is trusted before it is fetched again (RFC 9309: ≤ 24 h). */
const ROBOTS_TTL_MS = 24 * 60 * 60 * 1000;
/** Product token matched against robots.txt User-agent lines. */
export const ROBOTS_TOKEN = "crosscheck";
/** Where the User-Agent points: package.json's homepage or repository, else this placeholder. */
const PROJECT_URL_FALLBACK = "https://github.com/crosscheck-news/crosscheck";
export const USER_AGENT = `crosscheck/${VERSION} (+${projectUrl()})`;

function projectUrl(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL("../../../../package.json", import.meta.url), "utf8"),
    ) as { homepage?: string; repository?: string | { url?: string } };
    const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    const url = pkg.homepage ?? repo?.replace(/^git\+/, "").replace(/\.git$/, "");
    return url && /^https?:\/\//.test(url) ? url : PROJECT_URL_FALLBACK;
  } catch {
    return PROJECT_URL_FALLBACK;
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (default: dns.lookup with all: true). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** Allow loopback/private/link-local addresses (local testing only). */
  allowPrivate?: boolean;
  resolver?: Resolver;
  /**
   * Maps the vetted address to the one actually connected to. Identity by default; tests map a
   * public-looking address to 127.0.0.1 so hostile cases run on loopback.
   */
  connectAddress?: (vetted: ResolvedAddress) => ResolvedAddress;
  maxBytes?: number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  retries?: number;
  maxRetryAfterMs?: number;
  respectRobots?: boolean;
  userAgent?: string;
  /** Injected for tests: wall clock (ms) and sleep. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchRequest {
  /** Send If-None-Match / If-Modified-Since from these. */
  validators?: Validators;
  /** Accept header. */
  accept?: string;
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL finally answered (after redirects). */
  finalUrl: string;
  status: number;
  /** True on 304 Not Modified (bytes are empty). */
  notModified: boolean;
  bytes: Uint8Array;
  contentType: string | null;
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
}

export type FetchErrorKind = "refused" | "http" | "timeout" | "too-large" | "network" | "robots";

/** A failed fetch; `message` names the URL ("cannot fetch https://…: HTTP 404"). */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly kind: FetchErrorKind,
    /** The reason without the URL ("HTTP 404", "refused: resolves to a private address (10.0.0.5)"). */
    readonly reason: string,
    readonly status?: number,
    /** The server's Retry-After (429/503), in ms, when it asked for more than we would wait. */
    readonly retryAfterMs?: number,
  ) {
    super(`cannot fetch ${url}: ${reason}`);
  }
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Uint8Array;
}

const defaultResolver: Resolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export class SafeFetcher {
  /** HTTP requests sent (robots.txt included): for benchmarks and logs. */
  requests = 0;
  private readonly opts: Required<Omit<SafeFetchOptions, "connectAddress">> &
    Pick<SafeFetchOptions, "connectAddress">;
  private readonly limiter: HostLimiter;
  private readonly robots = new Map<string, { at: number; rules: Promise<Robots | FetchError> }>();
  private readonly notBefore = new Map<string, number>();

  constructor(options: SafeFetchOptions = {}) {
    this.opts = {
      allowPrivate: options.allowPrivate ?? false,
      resolver: options.resolver ?? defaultResolver,
      connectAddress: options.connectAddress,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      perHostConcurrency: options.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY,
      retries: options.retries ?? DEFAULT_RETRIES,
      maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      respectRobots: options.respectRobots ?? true,
      userAgent: options.userAgent ?? USER_AGENT,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    this.limiter = new HostLimiter(this.opts.perHostConcurrency);
  }

  /** GETs a URL; throws FetchError (naming the URL) on refusal, HTTP errors, limits and timeouts. */
  async fetch(url: string, request: FetchRequest = {}): Promise<FetchResult> {
    let current = parseHttpUrl(url);
    const start = current.href;
    const deadline = this.opts.now() + this.opts.totalTimeoutMs;
    for (let hop = 0; ; hop++) {
      if (this.opts.respectRobots) await this.checkRobots(url, current, deadline);
      const headers: Record<string, string> = {
        "user-agent": this.opts.userAgent,
        accept:
          request.accept ??
          "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
        "accept-encoding": "gzip, deflate, br",
      };
      // Validators come from the final response of an earlier fetch, so they are sent on every
      // hop: a feed behind a permanent redirect (http → https) still gets its 304.
      if (request.validators?.etag) headers["if-none-match"] = request.validators.etag;
      if (request.validators?.lastModified)
        headers["if-modified-since"] = request.validators.lastModified;
      const res = await this.withRetries(
        url,
        current,
        headers,
        deadline,
        this.opts.maxBytes,
        hop > 0,
      );
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = headerOf(res.headers, "location");
        if (!location)
          throw new FetchError(
            url,
            "http",
            `HTTP ${res.status} without a Location header`,
            res.status,
          );
        if (hop >= this.opts.maxRedirects) {
          throw new FetchError(
            url,
            "http",
            `more than ${this.opts.maxRedirects} redirects`,
            res.status,
          );
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchError(url, "http", `redirect to an invalid URL (${location})`, res.status);
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") {
          throw new FetchError(
            url,
            "refused",
            `refused: redirect to a ${next.protocol.replace(":", "")} URL`,
          );
        }
        if (next.username || next.password) {
          throw new FetchError(url, "refused", "refused: redirect to a URL with credentials");
        }
        current = next;
        continue;
      }
      const at = current.href === start ? "" : ` (at ${current.href})`;
      if (res.status === 304) {
        return this.result(url, current, res, true);
      }
      if (res.status < 200 || res.status > 299) {
        throw new FetchError(url, "http", `HTTP ${res.status}${at}`, res.status);
      }
      return this.result(url, current, res, false);
    }
  }

  private result(url: string, final: URL, res: Hop, notModified: boolean): FetchResult {
    const contentType = headerOf(res.headers, "content-type");
    return {
      url,
      finalUrl: final.href,
      status: res.status,
      notModified,
      bytes: notModified ? new Uint8Array(0) : res.bytes,
      contentType,
      charset: charsetOf(contentType),
      etag: headerOf(res.headers, "etag"),
      lastModified: headerOf(res.headers, "last-modified"),
    };
  }

  /** One hop, retried on 429/503 after Retry-After (bounded), under the per-host limit. */
  private async withRetries(
    url: string,
    target: URL,
    headers: Record<string, string>,
    deadline: number,
    maxBytes: number,
    redirected: boolean,
  ): Promise<Hop> {
    for (let attempt = 0; ; attempt++) {
      const host = target.host;
      const wait = (this.notBefore.get(host) ?? 0) - this.opts.now();
      if (wait > 0) await this.opts.sleep(wait);
      const res = await this.limiter.run(host, () =>
        this.hop(url, target, headers, deadline, maxBytes, redirected),
      );
      if (res.status !== 429 && res.status !== 503) return res;
      const retryAfter = parseRetryAfter(headerOf(res.headers, "retry-after"), this.opts.now());
      const delay = retryAfter ?? DEFAULT_RETRY_WAIT_MS * 2 ** attempt;
      if (
        attempt >= this.opts.retries ||
        delay > this.opts.maxRetryAfterMs ||
        this.opts.now() + delay > deadline
      ) {
        const after =
          retryAfter === null ? "" : ` (Retry-After ${Math.round(retryAfter / 1000)} s)`;
        throw new FetchError(
          url,
          "http",
          `HTTP ${res.status}${after}`,
          res.status,
          retryAfter ?? undefined,
        );
      }
      this.notBefore.set(host, this.opts.now() + delay);
    }
  }

  /** Resolves and vets the host, then sends one GET to the vetted address. */
  private async hop(
    url: string,
    target: URL,
    headers: Record<string, string>,
    deadline: number,
    maxBytes: number,
    redirected: boolean,
  ): Promise<Hop> {
    const vetted = await this.vet(url, target, redirected);
    const map = this.opts.connectAddress;
    const connect = map ? vetted.map((a) => map(a)) : vetted;
    const remaining = deadline - this.opts.now();
    if (remaining <= 0)
      throw new FetchError(url, "timeout", `timed out after ${this.opts.totalTimeoutMs} ms`);
    this.requests++;
    return this.send(url, target, headers, connect, remaining, maxBytes);
  }

  /** Every address of the host, all vetted (one refused address refuses the host). */
  private async vet(url: string, target: URL, redirected: boolean): Promise<ResolvedAddress[]> {
    const host = target.hostname;
    const literal = literalAddress(host);
    let addresses: ResolvedAddress[];
    if (literal) {
      addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
    } else {
      try {
        addresses = await this.opts.resolver(host);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new FetchError(
          url,
          "network",
          code === "ENOTFOUND"
            ? `no such host (${host})`
            : `DNS lookup of ${host} failed (${code ?? (err as Error).message})`,
        );
      }
      if (addresses.length === 0) throw new FetchError(url, "network", `no address for ${host}`);
    }
    if (!this.opts.allowPrivate) {
      // Every address is vetted, not just the first: a name with one private address is refused.
      for (const a of addresses) {
        const reason = refusalReason(a.address);
        if (reason) {
          const via = literal ? "" : `${host} `;
          const where = redirected ? ` (redirected to ${target.href})` : "";
          throw new FetchError(
            url,
            "refused",
            `refused: ${via}resolves to ${reason} (${a.address})${where}`,
          );
        }
      }
    }
    return addresses;
  }

  private send(
    url: string,
    target: URL,
    headers: Record<string, string>,
    connect: ResolvedAddress[],
    timeoutMs: number,
    maxBytes: number,
  ): Promise<Hop> {
    const lib = target.protocol === "https:" ? https : http;
    // The socket may only connect to the addresses vetted above, whatever DNS says now; with
    // several, Node's happy-eyeballs (autoSelectFamily) tries them in turn.
    const pinned = ((
      _host: string,
      options: { all?: boolean },
      callback: (...args: unknown[]) => void,
    ) => {
      if (options?.all)
        callback(
          null,
          connect.map((a) => ({ address: a.address, family: a.family })),
        );
      else callback(null, connect[0].address, connect[0].family);
    }) as unknown as LookupFunction;
    const literal = literalAddress(target.hostname);
    return new Promise<Hop>((resolve, reject) => {
      let settled = false;
      const fail = (err: FetchError) => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        clearTimeout(connectTimer);
        req.destroy();
        reject(err);
      };
      const req = lib.request({
        protocol: target.protocol,
        hostname: literal ? connect[0].address : target.hostname,
        port: target.port || (target.protocol === "https:" ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        method: "GET",
        headers: { ...headers, host: target.host },
        lookup: pinned,
        agent: false,
        servername: literal ? undefined : target.hostname,
      });
      const connectTimer = setTimeout(
        () =>
          fail(
            new FetchError(
              url,
              "timeout",
              `connection timed out after ${this.opts.connectTimeoutMs} ms`,
            ),
          ),
        Math.min(this.opts.connectTimeoutMs, timeoutMs),
      );
      const totalTimer = setTimeout(
        () =>
          fail(new FetchError(url, "timeout", `timed out after ${this.opts.totalTimeoutMs} ms`)),
        timeoutMs,
      );
      req.on("socket", (socket) => {
        socket.once(target.protocol === "https:" ? "secureConnect" : "connect", () =>
          clearTimeout(connectTimer),
        );
      });
      req.on("error", (err) => fail(new FetchError(url, "network", networkReason(err))));
      req.on("response", (res) => {
        clearTimeout(connectTimer);
        const status = res.statusCode ?? 0;
        // Redirects and retries need only the headers.
        if ((status >= 300 && status < 400) || status === 429 || status === 503 || status === 304) {
          res.resume();
          settled = true;
          clearTimeout(totalTimer);
          req.destroy();
          resolve({ status, headers: res.headers, bytes: new Uint8Array(0) });
          return;
        }
        const declared = Number(res.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(
            new FetchError(
              url,
              "too-large",
              `response is ${declared} bytes, over the ${maxBytes}-byte limit`,
            ),
          );
          return;
        }
        let body: NodeJS.ReadableStream = res;
        const encoding = (headerOf(res.headers, "content-encoding") ?? "").toLowerCase();
        if (encoding === "gzip" || encoding === "x-gzip") body = res.pipe(zlib.createGunzip());
        else if (encoding === "deflate") body = res.pipe(zlib.createInflate());
        else if (encoding === "br") body = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let total = 0;
        body.on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxBytes) {
            fail(
              new FetchError(
                url,
                "too-large",
                `response is over the ${maxBytes}-byte limit (cut off)`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        body.on("error", (err: Error) =>
          fail(new FetchError(url, "network", `broken response body (${err.message})`)),
        );
        if (body !== res) {
          res.on("error", (err: Error) =>
            fail(new FetchError(url, "network", `broken response body (${err.message})`)),
          );
        }
        // A server that hangs up mid-body: fail now rather than at the total timeout.
        res.on("close", () => {
          if (!res.complete) {
            fail(new FetchError(url, "network", "connection closed before the body ended"));
          }
        });
        body.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(totalTimer);
          resolve({ status, headers: res.headers, bytes: new Uint8Array(Buffer.concat(chunks)) });
        });
      });
      req.end();
    });
  }

  /** Refuses a URL its host's robots.txt disallows for us (fetched once per origin, cached). */
  private async checkRobots(url: string, target: URL, deadline: number): Promise<void> {
    const origin = target.origin;
    let cached = this.robots.get(origin);
    if (!cached || this.opts.now() - cached.at > ROBOTS_TTL_MS) {
      cached = { at: this.opts.now(), rules: this.loadRobots(url, target, deadline) };
      this.robots.set(origin, cached);
    }
    const robots = await cached.rules;
    if (robots instanceof FetchError) {
      // A site that is down is asked again next time; rules and refusals are kept.
      if (robots.kind === "network" || robots.kind === "timeout") this.robots.delete(origin);
      throw new FetchError(url, robots.kind, robots.reason, robots.status);
    }
    if (!isAllowed(robots, ROBOTS_TOKEN, `${target.pathname}${target.search}`)) {
      throw new FetchError(
        url,
        "robots",
        `refused: ${origin}/robots.txt disallows ${target.pathname}`,
      );
    }
  }

  private async loadRobots(
    url: string,
    target: URL,
    deadline: number,
  ): Promise<Robots | FetchError> {
    let current = new URL("/robots.txt", target.origin);
    const headers = {
      "user-agent": this.opts.userAgent,
      accept: "text/plain",
      "accept-encoding": "gzip, deflate, br",
    };
    try {
      for (let hop = 0; hop <= this.opts.maxRedirects; hop++) {
        const res = await this.limiter.run(current.host, () =>
          this.hop(url, current, headers, deadline, ROBOTS_MAX_BYTES, false),
        );
        if (res.status >= 300 && res.status < 400 && headerOf(res.headers, "location")) {
          current = new URL(headerOf(res.headers, "location") as string, current);
          if (current.protocol !== "http:" && current.protocol !== "https:") return ALLOW_ALL;
          continue;
        }
        if (res.status >= 200 && res.status < 300)
          return parseRobots(Buffer.from(res.bytes).toString("utf8"));
        // RFC 9309: 4xx means no rules; 5xx means "assume complete disallow" for now.
        if (res.status >= 400 && res.status < 500 && res.status !== 429) return ALLOW_ALL;
        return new FetchError(
          url,
          "robots",
          `refused: ${target.origin}/robots.txt is unreachable (HTTP ${res.status})`,
        );
      }
      return ALLOW_ALL;
    } catch (err) {
      if (err instanceof FetchError) {
        if (err.kind === "too-large") return DISALLOW_ALL;
        // Refusals and network failures of the site itself are reported as they are.
        return err;
      }
      throw err;
    }
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(url, "refused", "not a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FetchError(
      url,
      "refused",
      `refused: only http and https URLs are fetched, not ${parsed.protocol.replace(":", "")}`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new FetchError(url, "refused", "refused: URLs with credentials are not fetched");
  }
  return parsed;
}

function headerOf(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** Retry-After in ms from delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkReason(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "ENOTFOUND") return "no such host";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "host unreachable";
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT")) return `TLS error (${code})`;
  return err.message || code || "network error";
}
