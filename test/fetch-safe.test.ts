import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { refusalReason } from "../src/ingest/fetch/address-policy.js";
import { isAllowed, parseRobots } from "../src/ingest/fetch/robots.js";
import { FetchError, type Resolver, SafeFetcher } from "../src/ingest/fetch/safe-fetch.js";
import { serve, startServer, type TestServer } from "./fetch-server.js";

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  assert.fail("expected the fetch to fail");
}

describe("address policy", () => {
  it("refuses loopback, private, CGNAT, link-local, metadata, multicast and unspecified IPv4", () => {
    assert.equal(refusalReason("127.0.0.1"), "a loopback address");
    assert.equal(refusalReason("10.0.0.5"), "a private address");
    assert.equal(refusalReason("172.31.255.1"), "a private address");
    assert.equal(refusalReason("192.168.1.1"), "a private address");
    assert.equal(refusalReason("100.64.0.1"), "a shared (CGNAT) address");
    assert.equal(refusalReason("169.254.169.254"), "a link-local address");
    assert.equal(refusalReason("0.1.2.3"), "an unspecified address");
    assert.equal(refusalReason("224.0.0.251"), "a multicast address");
    assert.equal(refusalReason("172.32.0.1"), null);
    assert.equal(refusalReason("93.184.216.34"), null);
  });

  it("refuses IPv6 loopback, link-local, unique-local and IPv4 embedded in IPv6", () => {
    assert.equal(refusalReason("::1"), "a loopback address");
    assert.equal(refusalReason("fe80::1"), "a link-local address");
    assert.equal(refusalReason("fd12:3456::1"), "a unique-local address");
    assert.equal(refusalReason("::ffff:127.0.0.1"), "a loopback address");
    assert.equal(refusalReason("::ffff:a00:5"), "a private address");
    assert.equal(refusalReason("64:ff9b::a9fe:a9fe"), "a link-local address");
    assert.equal(refusalReason("2002:c0a8:101::1"), "a private address");
    assert.equal(refusalReason("ff02::1"), "a multicast address");
    assert.equal(refusalReason("2606:4700::1111"), null);
  });
});

describe("robots.txt rules", () => {
  const robots = parseRobots(
    [
      "User-agent: *",
      "Disallow: /private/",
      "Allow: /private/ok",
      "Disallow: /*.pdf$",
      "",
      "User-agent: OtherBot",
      "User-agent: crosscheck",
      "Disallow: /only-for-us",
    ].join("\n"),
  );

  it("lets the longest matching rule win and honours * and $", () => {
    const star = parseRobots(
      "User-agent: *\nDisallow: /private/\nAllow: /private/ok\nDisallow: /*.pdf$\n",
    );
    assert.equal(isAllowed(star, "crosscheck", "/private/x"), false);
    assert.equal(isAllowed(star, "crosscheck", "/private/ok.html"), true);
    assert.equal(isAllowed(star, "crosscheck", "/files/a.pdf"), false);
    assert.equal(isAllowed(star, "crosscheck", "/files/a.pdf?x=1"), true);
    assert.equal(isAllowed(star, "crosscheck", "/public"), true);
  });

  it("uses the group naming our product token instead of the * group", () => {
    assert.equal(isAllowed(robots, "crosscheck", "/private/x"), true);
    assert.equal(isAllowed(robots, "crosscheck", "/only-for-us"), false);
    assert.equal(isAllowed(robots, "somebot", "/private/x"), false);
  });

  it("compares paths with the same percent-encoding", () => {
    const enc = parseRobots("User-agent: *\nDisallow: /café\nDisallow: /a%7eb\n");
    assert.equal(isAllowed(enc, "crosscheck", "/caf%C3%A9/menu"), false);
    assert.equal(isAllowed(enc, "crosscheck", "/a~b"), false);
    assert.equal(isAllowed(enc, "crosscheck", "/cafe"), true);
  });

  it("lets Allow win a tie of equal length", () => {
    const tie = parseRobots("User-agent: *\nDisallow: /a\nAllow: /a\n");
    assert.equal(isAllowed(tie, "crosscheck", "/a"), true);
  });
});

describe("safe fetching against a loopback server", () => {
  let server: TestServer;
  let busyHits = 0;
  let endlessClosed = false;
  const rss = '<?xml version="1.0"?><rss><channel><title>T</title></channel></rss>';

  before(async () => {
    server = await startServer({
      "/robots.txt": serve("User-agent: *\nDisallow: /private/\nAllow: /private/ok\n"),
      "/feed.xml": (req, res) => {
        if (req.headers["if-none-match"] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
          return;
        }
        res.writeHead(200, {
          "content-type": "application/rss+xml; charset=ISO-8859-1",
          etag: '"v1"',
          "last-modified": "Tue, 18 Jun 2024 09:00:00 GMT",
        });
        res.end(rss);
      },
      "/gzip": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        res.end(gzipSync(Buffer.from("<p>compressed</p>")));
      },
      "/private/ok": serve("fine"),
      "/private/secret": serve("secret"),
      "/moved": serve("", { location: "/feed.xml" }, 301),
      "/moved-gone": serve("", { location: "/missing" }, 301),
      "/loop": serve("", { location: "/loop" }, 302),
      "/to-internal": (_req, res) => {
        res.writeHead(302, { location: `http://internal.example:${server.port}/feed.xml` });
        res.end();
      },
      "/endless": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html" });
        res.on("close", () => (endlessClosed = true));
        const chunk = Buffer.alloc(16 * 1024, 0x61);
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {
            /* keep writing */
          }
          if (!res.destroyed) res.once("drain", pump);
        };
        pump();
      },
      "/bomb": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        res.end(gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x61)));
      },
      "/hangup": (req, res) => {
        res.writeHead(200, { "content-type": "text/html", "content-length": "100000" });
        res.write("partial");
        setTimeout(() => req.socket.destroy(), 20);
      },
      "/slow": (_req, res) => {
        const t = setTimeout(() => res.end("late"), 5000);
        res.on("close", () => clearTimeout(t));
      },
      "/busy": (_req, res) => {
        busyHits++;
        if (busyHits === 1) {
          res.writeHead(429, { "retry-after": "1" });
          res.end();
        } else {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("ok now");
        }
      },
      "/very-busy": serve("", { "retry-after": "3600" }, 503),
    });
  });
  after(() => server.close());

  it("refuses loopback by default, including numeric tricks, without connecting", async () => {
    const fetcher = new SafeFetcher();
    const before = server.log.length;
    for (const host of ["127.0.0.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]", "[::1]"]) {
      const err = await rejection(fetcher.fetch(`http://${host}:${server.port}/feed.xml`));
      assert.equal(err.kind, "refused", host);
      assert.match(
        err.message,
        /^cannot fetch http:\/\/.*: refused: resolves to a loopback address/,
      );
    }
    assert.equal(server.log.length, before);
  });

  it("refuses non-http schemes and credentials in URLs", async () => {
    const fetcher = new SafeFetcher();
    assert.match(
      (await rejection(fetcher.fetch("file:///etc/passwd"))).reason,
      /only http and https/,
    );
    assert.match((await rejection(fetcher.fetch("http://u:p@example.com/"))).reason, /credentials/);
  });

  it("fetches with allowPrivate, sends an honest User-Agent and passes the HTTP charset on", async () => {
    const fetcher = new SafeFetcher({ allowPrivate: true });
    const res = await fetcher.fetch(`${server.base}/feed.xml`);
    assert.equal(res.status, 200);
    assert.equal(Buffer.from(res.bytes).toString(), rss);
    assert.equal(res.charset, "ISO-8859-1");
    assert.equal(res.etag, '"v1"');
    assert.match(
      String(server.headers.at(-1)?.["user-agent"]),
      /^crosscheck\/\d+\.\d+\.\d+ \(\+https:/,
    );
  });

  it("answers a conditional GET with a 304 as not modified", async () => {
    const fetcher = new SafeFetcher({ allowPrivate: true });
    const res = await fetcher.fetch(`${server.base}/feed.xml`, { validators: { etag: '"v1"' } });
    assert.equal(res.status, 304);
    assert.equal(res.notModified, true);
    assert.equal(res.bytes.length, 0);
  });

  it("follows a redirect and decompresses gzip bodies", async () => {
    const fetcher = new SafeFetcher({ allowPrivate: true });
    const moved = await fetcher.fetch(`${server.base}/moved`);
    assert.equal(moved.finalUrl, `${server.base}/feed.xml`);
    const gz = await fetcher.fetch(`${server.base}/gzip`);
    assert.equal(Buffer.from(gz.bytes).toString(), "<p>compressed</p>");
  });

  it("sends validators through a redirect so a moved feed still gets its 304", async () => {
    const res = await new SafeFetcher({ allowPrivate: true }).fetch(`${server.base}/moved`, {
      validators: { etag: '"v1"' },
    });
    assert.equal(res.notModified, true);
    assert.equal(res.finalUrl, `${server.base}/feed.xml`);
  });

  it("names the URL a redirect ended at when that one fails", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true }).fetch(`${server.base}/moved-gone`),
    );
    assert.equal(err.reason, `HTTP 404 (at ${server.base}/missing)`);
  });

  it("stops an endless redirect loop after the limit", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true, maxRedirects: 3 }).fetch(`${server.base}/loop`),
    );
    assert.equal(err.reason, "more than 3 redirects");
  });

  it("names the URL and the status of an HTTP error", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true }).fetch(`${server.base}/missing`),
    );
    assert.equal(err.message, `cannot fetch ${server.base}/missing: HTTP 404`);
  });

  it("respects robots.txt, fetching it once per host", async () => {
    const fetcher = new SafeFetcher({ allowPrivate: true });
    const robotsBefore = server.log.filter((l) => l === "GET /robots.txt").length;
    const err = await rejection(fetcher.fetch(`${server.base}/private/secret`));
    assert.equal(err.kind, "robots");
    assert.match(err.reason, /robots\.txt disallows \/private\/secret/);
    const ok = await fetcher.fetch(`${server.base}/private/ok`);
    assert.equal(Buffer.from(ok.bytes).toString(), "fine");
    assert.equal(server.log.filter((l) => l === "GET /robots.txt").length - robotsBefore, 1);
  });

  it("cuts an endless body at the size limit and closes the connection", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true, maxBytes: 64 * 1024 }).fetch(`${server.base}/endless`),
    );
    assert.equal(err.kind, "too-large");
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(endlessClosed, true);
  });

  it("applies the size limit to the decompressed body of a gzip bomb", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true, maxBytes: 64 * 1024 }).fetch(`${server.base}/bomb`),
    );
    assert.equal(err.kind, "too-large");
  });

  it("fails at once when the server hangs up in the middle of the body", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true, totalTimeoutMs: 5000 }).fetch(`${server.base}/hangup`),
    );
    assert.equal(err.kind, "network");
  });

  it("gives up on a slow server after the total timeout", async () => {
    const err = await rejection(
      new SafeFetcher({ allowPrivate: true, totalTimeoutMs: 300 }).fetch(`${server.base}/slow`),
    );
    assert.equal(err.kind, "timeout");
    assert.match(err.message, /\/slow: timed out after 300 ms$/);
  });

  it("waits out a 429 with Retry-After and retries; refuses to wait an hour", async () => {
    const waits: number[] = [];
    const fetcher = new SafeFetcher({
      allowPrivate: true,
      sleep: async (ms) => void waits.push(ms),
    });
    const res = await fetcher.fetch(`${server.base}/busy`);
    assert.equal(Buffer.from(res.bytes).toString(), "ok now");
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 900 && waits[0] <= 1000, String(waits[0]));
    const err = await rejection(fetcher.fetch(`${server.base}/very-busy`));
    assert.equal(err.reason, "HTTP 503 (Retry-After 3600 s)");
  });

  describe("with an injected resolver (public-looking names, loopback underneath)", () => {
    const resolver: Resolver = async (host) => {
      if (host === "public.example") return [{ address: "93.184.216.34", family: 4 }];
      if (host === "internal.example") return [{ address: "10.0.0.5", family: 4 }];
      if (host === "mixed.example")
        return [
          { address: "93.184.216.34", family: 4 },
          { address: "169.254.169.254", family: 4 },
        ];
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    };
    const connectAddress = () => ({ address: "127.0.0.1", family: 4 as const });

    it("fetches a public-looking name by connecting to the vetted (mapped) address", async () => {
      const res = await new SafeFetcher({ resolver, connectAddress }).fetch(
        `http://public.example:${server.port}/feed.xml`,
      );
      assert.equal(res.status, 200);
      assert.equal(server.headers.at(-1)?.host, `public.example:${server.port}`);
    });

    it("refuses a redirect from a public name to one that resolves to a private address", async () => {
      const err = await rejection(
        new SafeFetcher({ resolver, connectAddress }).fetch(
          `http://public.example:${server.port}/to-internal`,
        ),
      );
      assert.equal(err.kind, "refused");
      assert.match(
        err.reason,
        /^refused: internal\.example resolves to a private address \(10\.0\.0\.5\)/,
      );
    });

    it("refuses a name when any of its addresses is private", async () => {
      const err = await rejection(
        new SafeFetcher({ resolver, connectAddress }).fetch(
          `http://mixed.example:${server.port}/feed.xml`,
        ),
      );
      assert.match(err.reason, /link-local address \(169\.254\.169\.254\)/);
    });

    it("reports an unknown host by name", async () => {
      const err = await rejection(
        new SafeFetcher({ resolver, connectAddress }).fetch(
          `http://nowhere.example:${server.port}/`,
        ),
      );
      assert.equal(err.reason, "no such host (nowhere.example)");
    });
  });
});
