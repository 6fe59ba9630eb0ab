/**
 * The edge: serves an App (Request → Response) on node:http. Reads each body under the size
 * limit (413 without buffering the rest), builds a Web Request, writes the Response back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "./app.js";
import { HttpError, html, jsonError, MAX_BODY_BYTES, tooLarge } from "./http.js";
import { errorPage } from "./pages.js";

/** Seconds a client may take to send its request headers and body before being cut off. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Listening {
  server: Server;
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
  maxBodyBytes?: number;
  onError?: (err: unknown) => void;
}

/** Starts serving; port 0 picks a free port (read it from the result). */
export async function listen(app: App, options: ListenOptions = {}): Promise<Listening> {
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = createServer((req, res) => {
    handle(app, req, res, maxBody).catch((err) => {
      options.onError?.(err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  maxBody: number,
): Promise<void> {
  let response: Response;
  const body = await readLimited(req, maxBody);
  if (body instanceof HttpError) {
    const api = /^\/api(\/|\?|$)/.test(req.url ?? "");
    response = api ? jsonError(body) : html(errorPage(body.status, body.message), body.status);
    res.setHeader("connection", "close");
  } else {
    let request: Request | null = null;
    try {
      // The path is taken from the request line; the host is fixed so a crafted Host header
      // or a "//other-host" path cannot change what the URL parser sees as the origin.
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
      const method = req.method ?? "GET";
      request = new Request(
        `http://localhost${req.url?.startsWith("/") ? req.url : `/${req.url ?? ""}`}`,
        {
          method,
          headers,
          ...(method !== "GET" && method !== "HEAD" && body.byteLength > 0
            ? { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) }
            : {}),
        },
      );
    } catch {
      request = null;
    }
    response = request
      ? await app(request, { remoteAddress: req.socket.remoteAddress })
      : jsonError(new HttpError(400, "bad-request", "request cannot be parsed"));
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const setCookies = response.headers.getSetCookie();
  if (setCookies.length > 0) headers["set-cookie"] = setCookies;
  const bodiless = req.method === "HEAD" || response.status === 204 || response.status === 304;
  const bytes = bodiless ? null : Buffer.from(await response.arrayBuffer());
  if (bytes) headers["content-length"] = String(bytes.byteLength);
  res.writeHead(response.status, headers);
  res.end(bytes ?? undefined);
}

/** The body as bytes, or a 413 error as soon as it passes the limit (the rest is not read). */
function readLimited(req: IncomingMessage, max: number): Promise<Buffer | HttpError> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > max) {
    req.resume();
    return Promise.resolve(tooLarge(max));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      total += chunk.byteLength;
      if (total > max) {
        done = true;
        req.resume();
        resolve(tooLarge(max));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on("error", (err) => {
      if (!done) reject(err);
    });
  });
}
