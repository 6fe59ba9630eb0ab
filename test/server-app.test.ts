/**
 * The HTTP app tested in-process (Request in, Response out, no socket) over a temp SQLite store
 * holding the demo corpus.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Article, Brief } from "../src/model.js";
import { type App, createApp } from "../src/server/app.js";
import { articlePage, storyContent } from "../src/server/pages.js";
import { CONTENT_SECURITY_POLICY } from "../src/server/http.js";
import type { StorySummary } from "../src/store/store.js";
import { VERSION } from "../src/version.js";
import { call, ingestDemo, type TempStore, tempStore } from "./helpers/server.js";

const TOKEN = "test-token-123";

interface ApiSentence {
  index: number;
  text: string;
}

describe("web app over a store with the demo corpus", () => {
  let temp: TempStore;
  let app: App;
  let story: StorySummary;

  before(async () => {
    temp = await tempStore();
    story = await ingestDemo(temp.store);
    app = createApp({ store: temp.store, token: TOKEN, now: () => "2025-10-16T09:00:00Z" });
  });
  after(async () => temp.cleanup());

  it("lists stories newest first with title, size, independent sources and last update", async () => {
    const res = await call(app, "/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const page = await res.text();
    assert.match(page, /<th[^>]*>Independent sources<\/th>/);
    assert.ok(page.includes(`href="/stories/${encodeURIComponent(story.id)}"`));
    assert.ok(
      page.includes(`<td class="num">${story.size}</td><td class="num">${story.families}</td>`),
    );
    const api = (await (await call(app, "/api/stories")).json()) as {
      generator: { version: string };
      stories: StorySummary[];
    };
    assert.equal(api.generator.version, VERSION);
    const updated = api.stories.map((s) => s.updated);
    assert.deepEqual(updated, [...updated].sort().reverse());
  });

  it("finds stories by a word of their title and by a word only in an article's text", async () => {
    const byTitle = (await (await call(app, "/api/stories?q=KESTREL")).json()) as {
      stories: StorySummary[];
    };
    assert.ok(byTitle.stories.some((s) => s.id === story.id));
    // "firefighters" appears in the English articles' text, in no title, not in the German report.
    assert.ok(!(story.title ?? "").toLowerCase().includes("firefighters"));
    const byText = (await (await call(app, "/api/stories?q=firefighters")).json()) as {
      stories: StorySummary[];
    };
    assert.ok(byText.stories.some((s) => s.id === story.id));
    assert.ok(byText.stories.length < (await temp.store.listStories()).length);
    const none = await (await call(app, "/?q=zzqxj-no-such-word")).text();
    assert.match(none, /No story matches that search/);
  });

  it("links every citation of the story page to the exact evidence sentence of its source", async () => {
    const page = await (await call(app, `/stories/${encodeURIComponent(story.id)}`)).text();
    const brief = (await (
      await call(app, `/api/stories/${encodeURIComponent(story.id)}`)
    ).json()) as Brief;
    assert.equal(brief.generator.version, VERSION);
    assert.ok(brief.facts.length > 0, "the demo story has facts with independent support");
    assert.ok(page.includes("Established by independent sources"));
    for (const section of [
      "Single-source claims",
      "Disputes",
      "Contradictions",
      "Quotes",
      "Timeline",
      "Actors",
    ]) {
      assert.ok(page.includes(`>${section}</h2>`), section);
    }
    const links = [...page.matchAll(/href="\/articles\/([^"?#]+)\?story=[^"#]+#s-(\d+)"/g)];
    assert.ok(links.length >= brief.facts.length, `${links.length} sentence links`);
    // Every fact's evidence resolves to the same sentence text on the article's API.
    const sentences = new Map<string, ApiSentence[]>();
    for (const fact of brief.facts) {
      for (const ev of fact.evidence) {
        let list = sentences.get(ev.source);
        if (!list) {
          const res = await call(app, `/api/articles/${encodeURIComponent(ev.source)}`);
          list = ((await res.json()) as { sentences: ApiSentence[] }).sentences;
          sentences.set(ev.source, list);
        }
        assert.equal(list[ev.sentence]?.text, ev.text, `${ev.source}#s-${ev.sentence}`);
        assert.ok(page.includes(`/articles/${encodeURIComponent(ev.source)}?story=`));
      }
    }
    // The article page carries the anchor the citation points at.
    const [, id, n] = links[0];
    const article = await (await call(app, `/articles/${id}`)).text();
    assert.match(article, new RegExp(`<span class="s" id="s-${n}">`));
    // Arriving from the story, the article's sentences carry the story's marks (a cited
    // sentence is agreed, or contradicted/disputed when it also holds a conflicting value).
    const marked = await (
      await call(app, `/articles/${id}?story=${encodeURIComponent(story.id)}`)
    ).text();
    assert.match(
      marked,
      new RegExp(
        `<span class="s (agreed|contradicted|disputed)" id="s-${n}" title="(agreed by \\d+ independent sources|contradicted|disputed)">`,
      ),
    );
    assert.ok(
      marked.includes(`href="/stories/${encodeURIComponent(story.id)}">back to the story</a>`),
    );
  });

  it("serves the story from the brief cache and re-renders it when the story grows", async () => {
    const path = `/stories/${encodeURIComponent(story.id)}`;
    await call(app, path);
    const formats = (await temp.store.counts()).briefs;
    assert.ok(formats >= 3, "brief JSON, story page and sources page cached");
    const warm = await call(app, path);
    const before = await warm.text();
    const etag = warm.headers.get("etag") ?? "";
    assert.match(etag, /^"r\d+-\d+-[\d.]+"$/);
    const revalidated = await call(app, path, { headers: { "if-none-match": etag } });
    assert.equal(revalidated.status, 304);
    assert.equal(await revalidated.text(), "");
    assert.equal(
      (await temp.store.counts()).briefs,
      formats,
      "a warm request writes no cache rows",
    );
    // A wire copy with one more sentence joins the story and changes its revision.
    const loaded = (await temp.store.loadStory(story.id))!;
    const base = loaded.articles.find((a) => a.paragraphs.join(" ").length > 1500)!;
    const res = await call(app, "/api/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        articles: [
          {
            id: "late-copy",
            title: base.title,
            text: `${base.paragraphs.join("\n\n")}\n\nA late line was added.`,
          },
        ],
      }),
    });
    assert.equal(res.status, 200);
    const out = (await res.json()) as { results: { status: string; storyId?: string }[] };
    assert.equal(out.results[0].status, "stored");
    assert.equal(out.results[0].storyId, story.id);
    const afterRes = await call(app, path, { headers: { "if-none-match": etag } });
    assert.equal(
      afterRes.status,
      200,
      "a grown story is a new revision: the old ETag no longer matches",
    );
    assert.notEqual(afterRes.headers.get("etag"), etag);
    const afterPage = await afterRes.text();
    assert.notEqual(afterPage, before);
    assert.ok(afterPage.includes(`${story.size + 1} reports`));
  });

  it("shows sources side by side with agreed sentences counted, copy families grouped, first reports marked", async () => {
    const page = await (await call(app, `/stories/${encodeURIComponent(story.id)}/sources`)).text();
    assert.match(
      page,
      /<span class="s agreed" id="src-\d+-s-\d+" title="agreed by \d+ independent sources">[^<]+<\/span><sup class="fam">\d+<\/sup>/,
    );
    assert.match(page, /Copy family of [^<]+: \d+ reports, one source/);
    assert.ok(page.includes('<span class="badge first">first report</span>'));
    const api = (await (
      await call(app, `/api/stories/${encodeURIComponent(story.id)}/sources`)
    ).json()) as {
      families: {
        articles: {
          first: boolean;
          sentences: { mark: { kind: string; families: number } | null }[];
        }[];
      }[];
    };
    assert.equal(
      api.families.filter((f) => f.articles.filter((a) => a.first).length === 1).length,
      api.families.length,
      "exactly one first report per family",
    );
    const agreed = api.families
      .flatMap((f) => f.articles)
      .flatMap((a) => a.sentences)
      .filter((s) => s.mark?.kind === "agreed");
    assert.ok(agreed.length > 0);
    assert.ok(agreed.every((s) => s.mark!.families >= 2));
  });

  it("shows an article's removed boilerplate in a details element, open with ?removed=1", async () => {
    const res = await call(app, "/articles/northgate-chronicle");
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<details class="evidence" id="removed">/);
    const open = await (await call(app, "/articles/northgate-chronicle?removed=1")).text();
    assert.match(open, /<details class="evidence" id="removed" open>/);
  });

  it("escapes a stored title with markup on every page that shows it", async () => {
    const res = await call(app, "/api/ingest", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        articles: [
          {
            id: "hostile",
            title: "<b>Crane</b> <script>alert(2)</script>",
            text: "Harbour crane collapses in storm, officials said.\n\nA second paragraph about the crane.",
          },
        ],
      }),
    });
    assert.equal(res.status, 200);
    for (const path of [
      "/articles/hostile",
      "/?q=crane",
      "/stories/hostile",
      "/stories/hostile/sources",
    ]) {
      const page = await (await call(app, path)).text();
      assert.ok(
        page.includes("&lt;b&gt;Crane&lt;/b&gt; &lt;script&gt;alert(2)&lt;/script&gt;"),
        path,
      );
      assert.ok(!page.includes("<script>alert") && !page.includes("<b>Crane"), path);
    }
  });

  it("escapes article text: an article containing <script> renders as text", () => {
    // Rendered directly: what the extractor keeps of markup in plain text is its own business.
    const text =
      'A sign read <script>alert("x")</script> and <img src=x onerror=alert(1)> near the gate.';
    const article: Article = {
      id: 'x"><script>',
      origin: { kind: "inline", name: "<i>input</i>" },
      title: null,
      byline: "<em>by</em>",
      published: null,
      publishedPrecision: null,
      outlet: "<u>Outlet</u>",
      url: "javascript:alert(3)",
      language: "en",
      paragraphs: [text],
      headings: [],
      removed: [{ text: "<iframe src=//evil>", reason: "<marquee>" }],
      diagnostics: [{ severity: "info", code: "<c>", message: "<m>" }],
      contentHash: "0",
    };
    const page = articlePage(
      article,
      [{ index: 0, paragraph: 0, text, heading: false, mark: null }],
      null,
      true,
    );
    assert.ok(page.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert.ok(page.includes("&lt;img src=x onerror=alert(1)&gt;"));
    for (const raw of [
      "<script>alert",
      "<img src=x",
      "<iframe",
      "<u>",
      "<em>",
      "<i>",
      "<marquee>",
      "<c>",
      "<m>",
      'href="javascript:',
    ]) {
      assert.ok(!page.includes(raw), raw);
    }
    const brief = {
      generator: { name: "crosscheck", version: "0" },
      lead: text,
      sources: [{ id: article.id, title: text, outlet: text, published: null, family: article.id }],
      facts: [
        {
          text,
          sources: [article.id],
          independent: 2,
          evidence: [{ source: article.id, sentence: 0, text }],
        },
      ],
      singleSource: [],
      disputes: [
        { claim: text, asserted: [{ by: text, source: article.id, sentence: 0 }], denied: [] },
      ],
      conflicts: [{ about: text, values: [{ value: text, sources: [article.id] }] }],
      quotes: [{ speaker: text, text, source: article.id, sentence: 0 }],
      timeline: [{ date: "2025", precision: "year", text, sources: [article.id] }],
      actors: [{ name: text, kind: "person", mentions: 1, aliases: [text], sources: [article.id] }],
      diagnostics: [],
    } satisfies Brief;
    const story = storyContent(brief, text, article.id);
    assert.ok(!story.includes("<script>alert") && !story.includes("<img src=x"));
    assert.ok(story.includes(`/articles/${encodeURIComponent(article.id)}?story=`));
  });

  it("sets the security headers and pages carry no inline script or style", async () => {
    for (const path of [
      "/",
      `/stories/${encodeURIComponent(story.id)}`,
      "/add",
      "/api/stories",
      "/nope",
    ]) {
      const res = await call(app, path);
      assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
      if (!res.headers.get("content-type")?.startsWith("text/html")) continue;
      const body = await res.text();
      assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, path);
      assert.doesNotMatch(body, /<style|\sstyle=/, path);
    }
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline/);
  });

  it("serves its static files and nothing else under /static, whatever the encoding", async () => {
    const css = await call(app, "/static/app.css");
    assert.equal(css.status, 200);
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    const js = await call(app, "/static/app.js");
    assert.match(await js.text(), /keydown/);
    for (const path of [
      "/static/../package.json",
      "/static/%2e%2e/package.json",
      "/static/..%2fpackage.json",
      "/static/%2e%2e%2fpackage.json",
      "/static/..%5cpackage.json",
      "/static/%252e%252e%252fpackage.json",
      "/static/",
      "/static/constructor",
    ]) {
      const res = await call(app, path);
      assert.equal(res.status, 404, path);
      assert.ok(!(await res.text()).includes('"devDependencies"'), path);
    }
  });

  it("answers API errors as JSON {error: {code, message}} with the right status", async () => {
    const missing = await call(app, "/api/stories/no-such-story");
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as {
      error: { code: string; message: string };
      generator: { version: string };
    };
    assert.equal(body.error.code, "not-found");
    assert.match(body.error.message, /no-such-story/);
    assert.equal(body.generator.version, VERSION);
    assert.equal((await call(app, "/api/articles/nope")).status, 404);
    assert.equal((await call(app, "/api/articles/a%00b")).status, 404);
    assert.equal((await call(app, "/api/stories/%E0%A4%A")).status, 404);
    assert.equal((await call(app, "/stories/nope")).status, 404);

    const wrongMethod = await call(app, "/api/stories", { method: "DELETE" });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get("allow"), "GET, HEAD");
    assert.equal(
      ((await wrongMethod.json()) as { error: { code: string } }).error.code,
      "method-not-allowed",
    );
    assert.equal((await call(app, "/api/ingest")).status, 405);

    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const badJson = await call(app, "/api/ingest", {
      method: "POST",
      headers: auth,
      body: "{not json",
    });
    assert.equal(badJson.status, 400);
    const bad = (await badJson.json()) as { error: { code: string; message: string } };
    assert.equal(bad.error.code, "bad-json");
    assert.match(bad.error.message, /not valid JSON/);
    const noText = await call(app, "/api/ingest", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ articles: [{ title: "t" }] }),
    });
    assert.equal(noText.status, 400);
    assert.match(
      ((await noText.json()) as { error: { message: string } }).error.message,
      /articles\[0\] needs "text", "html" or "url"/,
    );
    const wrongType = await call(app, "/api/ingest", {
      method: "POST",
      headers: { ...auth, "content-type": "image/png" },
      body: "x",
    });
    assert.equal(wrongType.status, 415);
  });

  it("serialises concurrent ingest requests and stores every report", async () => {
    const post = (id: string, text: string) =>
      call(app, "/api/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ articles: [{ id, text }] }),
      });
    const responses = await Promise.all([
      post(
        "quay-1",
        "The Quay Street market reopened on Saturday after a flood closed it for a week.",
      ),
      post(
        "orchard-1",
        "Orchard growers in the Tamsey valley expect a record pear harvest this autumn.",
      ),
      post(
        "library-1",
        "The Westmoor library will stay open until nine every evening from next month.",
      ),
    ]);
    const statuses = await Promise.all(
      responses.map(
        async (r) => ((await r.json()) as { results: { status: string }[] }).results[0].status,
      ),
    );
    assert.deepEqual(statuses, ["stored", "stored", "stored"]);
    for (const id of ["quay-1", "orchard-1", "library-1"]) {
      assert.equal((await call(app, `/api/articles/${id}`)).status, 200, id);
    }
  });

  it("refuses writes without the right token with 403 and a clear message", async () => {
    const body = JSON.stringify({ articles: [{ text: "Nothing." }] });
    const none = await call(app, "/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    assert.equal(none.status, 403);
    assert.match(((await none.json()) as { error: { message: string } }).error.message, /Bearer/);
    const wrong = await call(app, "/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer wrong-token-000" },
      body,
    });
    assert.equal(wrong.status, 403);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, "forbidden");
  });

  it("refuses a body over the size limit with 413, declared or not", async () => {
    const small = createApp({ store: temp.store, token: TOKEN, maxBodyBytes: 1000 });
    const big = JSON.stringify({ articles: [{ text: "x".repeat(2000) }] });
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const declared = await call(small, "/api/ingest", { method: "POST", headers, body: big });
    assert.equal(declared.status, 413);
    assert.equal(((await declared.json()) as { error: { code: string } }).error.code, "too-large");
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const undeclared = await call(small, "/api/ingest", {
      method: "POST",
      headers,
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(undeclared.status, 413);
  });

  it("rate-limits writes per client with 429 and Retry-After, refilling with time", async () => {
    let clock = 0;
    const limited = createApp({
      store: temp.store,
      token: TOKEN,
      writeBurst: 2,
      writePerSecond: 0.5,
      clock: () => clock,
    });
    const post = () =>
      call(limited, "/api/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: "{}",
      });
    assert.equal((await post()).status, 400);
    assert.equal((await post()).status, 400);
    const third = await post();
    assert.equal(third.status, 429);
    assert.equal(third.headers.get("retry-after"), "2");
    assert.equal(((await third.json()) as { error: { code: string } }).error.code, "rate-limited");
    clock += 2000;
    assert.equal((await post()).status, 400);
  });

  it("keeps a read-only server read-only: 403 on the API, a notice on the add page", async () => {
    const readOnly = createApp({ store: temp.store });
    const res = await call(readOnly, "/api/ingest", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ articles: [{ text: "x" }] }),
    });
    assert.equal(res.status, 403);
    const err = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(err.error.code, "read-only");
    assert.match(err.error.message, /--token or CROSSCHECK_TOKEN/);
    const page = await (await call(readOnly, "/add")).text();
    assert.match(page, /This server is read-only/);
    assert.match(page, /<textarea id="urls" name="urls"/);
  });

  it("adds a pasted report through the form, then remembers the token in a strict cookie", async () => {
    const form = new FormData();
    form.set("token", TOKEN);
    form.set("title", "Ferry strike ends");
    form.set(
      "text",
      "The ferry strike in Port Vellan ended on Monday after nine days.\n\nUnions accepted a 4% offer.",
    );
    const res = await call(app, "/add", { method: "POST", body: form });
    assert.equal(res.status, 200);
    const cookie = res.headers.get("set-cookie") ?? "";
    assert.match(cookie, /^crosscheck_token=test-token-123; Path=\/; HttpOnly; SameSite=Strict$/);
    assert.match(await res.text(), /pasted text: added to <a href="\/stories\/[^"]+">a new story/);

    const upload = new FormData();
    upload.set(
      "files",
      new File(
        ["<html><body><p>Dock cranes idle in Port Vellan as talks resume.</p></body></html>"],
        "cranes.html",
        { type: "text/html" },
      ),
    );
    const second = await call(app, "/add", {
      method: "POST",
      body: upload,
      headers: { cookie: "crosscheck_token=test-token-123" },
    });
    assert.equal(second.status, 200);
    assert.match(await second.text(), /cranes\.html: added to/);
    const cross = await call(app, "/add", {
      method: "POST",
      body: upload,
      headers: {
        cookie: "crosscheck_token=test-token-123",
        origin: "http://evil.example",
        host: "localhost",
      },
    });
    assert.equal(cross.status, 403);
  });
});
