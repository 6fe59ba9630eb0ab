/** A loopback HTTP server for fetch, feed and watch tests: routes are plain handlers. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface TestServer {
  port: number;
  base: string;
  /** Requests seen, as "METHOD path". */
  log: string[];
  headers: http.IncomingHttpHeaders[];
  routes: Map<string, Route>;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const log: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    headers.push(req.headers);
    const path = (req.url ?? "/").split("?")[0];
    const route = table.get(path);
    if (route) route(req, res);
    else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    log,
    headers,
    routes: table,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A route that answers with a fixed body and headers. */
export function serve(
  body: string | Buffer,
  headers: Record<string, string> = {},
  status = 200,
): Route {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  };
}
