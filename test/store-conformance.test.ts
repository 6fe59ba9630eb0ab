/**
 * The store conformance suite: the same tests run against every engine (SQLite and
 * PostgreSQL). An engine that is unavailable here is skipped with the reason; under CI=true a
 * missing PostgreSQL fails instead.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ingestInputs, prepareInput, workQueue } from "../src/ingest/ingest-pipeline.js";
import { simplePipeline } from "../src/ingest/simple-pipeline.js";
import type { Article, RawInput } from "../src/model.js";
import { migration003 } from "../src/store/migrations/003-search.js";
import { openStore } from "../src/store/open-store.js";
import {
  type AssignFn,
  type Engine,
  type ExportRecord,
  GLOBAL_LOCK_KEY,
  type PreparedArticle,
  type Store,
} from "../src/store/store.js";
import { syntheticCorpus } from "./store-corpus.js";
import { rawRows, rawSql, storeEngines } from "./store-engines.js";

const NOW = "2024-06-20T12:00:00.000Z";
const now = () => NOW;

function input(id: string, text: string, meta: RawInput["meta"] = {}): RawInput {
  return { id, origin: { kind: "inline", name: `${id}.txt` }, text, meta };
}

function prepared(raw: RawInput): PreparedArticle {
  const p = prepareInput(simplePipeline, raw);
  assert.equal(p.kind, "article", "the simple pipeline extracts the test input");
  return p as PreparedArticle;
}

/** A small corpus: 3 stories × 3 reports, each report with 1 copy: 18 inputs. */
const CORPUS = syntheticCorpus({ stories: 3, reportsPerStory: 3, copiesPerReport: 1, seed: 7 });

/** Closes the store and runs SQL on its database, to leave it as an older crosscheck did. */
async function leaveAsOlder(engine: Engine, store: Store, spec: string, sql: string) {
  await store.close();
  await rawSql(engine, spec, sql);
}

/** Opens the store again (running its pending migrations), hands it to `check`, closes it. */
async function withReopened(spec: string, check: (store: Store) => Promise<void>) {
  const reopened = await openStore(spec);
  try {
    await check(reopened);
  } finally {
    await reopened.close();
  }
}

async function exportText(store: Store): Promise<string> {
  let out = "";
  for await (const rec of store.exportRecords()) out += `${JSON.stringify(rec)}\n`;
  return out;
}

for (const engine of await storeEngines()) {
  describe(`store conformance on ${engine.engine}`, { skip: engine.skip }, () => {
    after(() => engine.cleanup());

    it("runs its migrations once and records them in schema_migrations", async () => {
      const { store } = await engine.fresh();
      assert.deepEqual(await store.schemaVersions(), [1, 2, 3, 4]);
      assert.deepEqual(await store.migrate(), [], "a second run applies nothing");
      assert.deepEqual(await store.schemaVersions(), [1, 2, 3, 4]);
    });

    it("keeps the article, its removed lines and its raw input byte for byte", async () => {
      const { store } = await engine.fresh();
      const raw: RawInput = {
        id: "report",
        origin: { kind: "file", name: "in/report.txt" },
        bytes: new TextEncoder().encode("Headline here\n\nFirst paragraph of the body text."),
      };
      const p = prepared(raw);
      p.article.removed = [{ text: "Share this", reason: "share-buttons" }];
      p.analyses = { doc: { sentences: 2 } };
      const outcome = await store.commitArticle(p, simplePipeline.assign, NOW);
      assert.equal(outcome.status, "stored");
      const article = await store.getArticle("report");
      assert.deepEqual(article?.removed, [{ text: "Share this", reason: "share-buttons" }]);
      assert.equal(article?.title, "Headline here");
      const back = await store.getRawInput("report");
      assert.equal(
        new TextDecoder().decode(back?.bytes),
        "Headline here\n\nFirst paragraph of the body text.",
      );
      assert.equal(back?.origin.name, "in/report.txt");
      assert.deepEqual(await store.getAnalyses("report"), { doc: { sentences: 2 } });
      assert.equal(await store.articleIdByContent(p.article.contentHash), "report");
    });

    it("stores the same article twice only once", async () => {
      const { store } = await engine.fresh();
      const a = await store.commitArticle(
        prepared(input("a", "Same body text here.")),
        simplePipeline.assign,
        NOW,
      );
      const b = await store.commitArticle(
        prepared(input("b", "Same body text here.")),
        simplePipeline.assign,
        NOW,
      );
      assert.equal(a.status, "stored");
      assert.deepEqual(b, { status: "duplicate", articleId: "a", input: "b.txt" });
      assert.equal((await store.counts()).articles, 1);
      assert.equal((await store.counts()).inputs, 1);
    });

    it("stores the same body from two outlets as two reports: a syndicated copy is not a duplicate", async () => {
      const { store } = await engine.fresh();
      const body = "Wire text carried word for word by two outlets.";
      const a = await store.commitArticle(
        prepared(input("wire", body, { url: "https://wire.example/1" })),
        simplePipeline.assign,
        NOW,
      );
      const b = await store.commitArticle(
        prepared(input("paper", body, { url: "https://paper.example/copy" })),
        simplePipeline.assign,
        NOW,
      );
      const again = await store.commitArticle(
        prepared(input("paper-again", body, { url: "https://paper.example/copy" })),
        simplePipeline.assign,
        NOW,
      );
      assert.equal(a.status, "stored");
      assert.equal(b.status, "stored");
      assert.deepEqual(again, {
        status: "duplicate",
        articleId: "paper",
        input: "paper-again.txt",
      });
      assert.equal((await store.counts()).articles, 2);
      assert.equal(
        await store.articleIdByContent((await store.getArticle("paper"))!.contentHash),
        "wire",
      );
    });

    it("keeps a changed version of the same URL as a new version with a new id", async () => {
      const { store } = await engine.fresh();
      const url = "https://example.org/news/1";
      const v1 = await store.commitArticle(
        prepared(input("news", "First version of the text.", { url })),
        simplePipeline.assign,
        NOW,
      );
      const v2 = await store.commitArticle(
        prepared(input("news", "Second, corrected version of the text.", { url })),
        simplePipeline.assign,
        NOW,
      );
      assert.equal(v1.status === "stored" && v1.version, 1);
      assert.equal(v2.status === "stored" && v2.version, 2);
      assert.equal(v2.status === "stored" && v2.articleId, "news~2");
      const renamed = await store.getArticle("news~2");
      assert.ok(renamed?.diagnostics.some((d) => d.code === "id-renamed"));
    });

    it("groups a corpus into stories and copy families and lists the newest story first", async () => {
      const { store } = await engine.fresh();
      const summary = await ingestInputs(store, simplePipeline, CORPUS, [], { now });
      assert.equal(summary.ingested, 18);
      const stories = await store.listStories();
      assert.equal(stories.length, 3, "three stories");
      assert.deepEqual(
        stories.map((s) => [s.size, s.families]),
        [
          [6, 3],
          [6, 3],
          [6, 3],
        ],
      );
      const lastArrival = CORPUS[CORPUS.length - 1];
      const lastStory = (await store.loadStory(stories[0].id))?.story.articles ?? [];
      assert.ok(lastStory.includes(lastArrival.id), "the story that grew last is listed first");
      assert.equal((await store.listStories({ limit: 1 })).length, 1);
    });

    it("loads a story's articles in arrival order with their copy families", async () => {
      const { store } = await engine.fresh();
      await ingestInputs(store, simplePipeline, CORPUS, [], { now });
      const [first] = await store.listStories();
      const loaded = await store.loadStory(first.id);
      assert.ok(loaded);
      const order = CORPUS.map((i) => i.id).filter((id) => loaded.story.articles.includes(id));
      assert.deepEqual(loaded.story.articles, order);
      assert.equal(loaded.families.length, 3);
      for (const family of loaded.families) {
        assert.equal(family.members.length, 2, "a report and its copy");
        const ids = family.members.map((m) => m.id.replace(/-copy1$/, ""));
        assert.equal(ids[0], ids[1], "a family holds one report and its own copy");
        assert.deepEqual(family.members.map((m) => m.relation).sort(), ["copy", "original"]);
      }
      assert.equal(await store.loadStory("no-such-story"), null);
    });

    it("invalidates a cached brief when its story gains an article", async () => {
      const { store } = await engine.fresh();
      const reports = syntheticCorpus({
        stories: 1,
        reportsPerStory: 2,
        copiesPerReport: 0,
        seed: 3,
      });
      const first = await store.commitArticle(prepared(reports[0]), simplePipeline.assign, NOW);
      assert.equal(first.status, "stored");
      const storyId = first.status === "stored" ? first.storyId : "";
      const loaded = await store.loadStory(storyId);
      await store.putCachedBrief(
        { storyId, format: "json", revision: loaded?.revision ?? 0, body: "{}" },
        NOW,
      );
      assert.equal((await store.getCachedBrief(storyId, "json"))?.body, "{}");
      const second = await store.commitArticle(prepared(reports[1]), simplePipeline.assign, NOW);
      assert.equal(second.status === "stored" && second.storyId, storyId, "same story");
      assert.equal(await store.getCachedBrief(storyId, "json"), null);
    });

    it("leaves nothing behind when the assignment step fails or is inconsistent", async () => {
      const { store } = await engine.fresh();
      await store.commitArticle(
        prepared(input("a", "One article body.")),
        simplePipeline.assign,
        NOW,
      );
      const before = await store.counts();
      const attempt = (id: string, assign: AssignFn) =>
        store.commitArticle(prepared(input(id, `The body of article ${id}.`)), assign, NOW);
      await assert.rejects(
        attempt("b", () => {
          throw new Error("clusterer exploded");
        }),
        /clusterer exploded/,
      );
      await assert.rejects(
        attempt("c", () => ({ story: "no-such-story", family: null, relation: "original" })),
        /unknown story/,
      );
      await assert.rejects(
        attempt("d", () => ({ story: null, family: "a", relation: "copy" })),
        /puts family a of story a in story null/,
      );
      assert.deepEqual(await store.counts(), before);
      assert.equal(await store.getArticle("b"), null);
    });

    it("relabels the family's old original when an undated copy is found to be its first report", async () => {
      const { store } = await engine.fresh();
      const body = "Wire text carried word for word by two outlets after the quay collapsed.";
      await store.commitArticle(
        prepared(input("late", body, { url: "https://late.example/1" })),
        simplePipeline.assign,
        NOW,
      );
      const early = (id: string) => prepared(input(id, body, { url: `https://${id}.example/1` }));
      await assert.rejects(
        store.commitArticle(
          early("bogus"),
          () => ({
            story: "late",
            family: "late",
            relation: "original",
            relabel: [{ articleId: "not-stored", relation: "copy" }],
          }),
          NOW,
        ),
        /relabels not-stored, not a candidate of family late/,
      );
      const outcome = await store.commitArticle(
        early("first"),
        (_article, ctx) => {
          assert.deepEqual(
            ctx.candidates.map((c) => c.articleId),
            ["late"],
          );
          return {
            story: "late",
            family: "late",
            relation: "original",
            relabel: [{ articleId: "late", relation: "copy" }],
          };
        },
        NOW,
      );
      assert.equal(outcome.status, "stored");
      const loaded = await store.loadStory("late");
      assert.ok(loaded);
      assert.deepEqual(loaded.families, [
        {
          id: "late",
          first: "first",
          members: [
            { id: "late", relation: "copy", outlet: loaded.articles[0].outlet },
            { id: "first", relation: "original", outlet: loaded.articles[1].outlet },
          ],
        },
      ]);
    });

    it("folds merged stories into one and redirects the old story id", async () => {
      const { store } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      for (const id of ["a", "b", "c"]) {
        await store.commitArticle(prepared(input(id, `Story ${id} begins here.`)), alone, NOW);
      }
      const outcome = await store.commitArticle(
        prepared(input("d", "Story d bridges a and b.")),
        () => ({
          story: "b",
          family: null,
          relation: "original",
          merges: [{ from: "b", into: "a" }],
        }),
        NOW,
      );
      assert.equal(
        outcome.status === "stored" && outcome.storyId,
        "a",
        "assigned to the merged story",
      );
      const stories = await store.listStories();
      assert.deepEqual(
        stories.map((s) => [s.id, s.size, s.families]),
        [
          ["a", 3, 3],
          ["c", 1, 1],
        ],
      );
      assert.equal(await store.countStories(), 2, "a merged story is no longer counted");
      const viaOldId = await store.loadStory("b");
      assert.equal(viaOldId?.story.id, "a");
      assert.deepEqual(viaOldId?.story.articles, ["a", "b", "d"]);
      await assert.rejects(
        store.commitArticle(
          prepared(input("e", "Story e.")),
          () => ({
            story: null,
            family: null,
            relation: "original",
            merges: [{ from: "zzz", into: "a" }],
          }),
          NOW,
        ),
        /merge names unknown story zzz/,
      );
      const { store: copy } = await engine.fresh();
      const text = await exportText(store);
      await copy.importRecords(
        text
          .trimEnd()
          .split("\n")
          .map((l) => JSON.parse(l) as ExportRecord),
      );
      assert.equal(await exportText(copy), text);
      assert.equal((await copy.loadStory("b"))?.story.id, "a");
    });

    it("reads and writes several states at once, touching no other key", async () => {
      const { store, spec } = await engine.fresh();
      const other = await openStore(spec);
      try {
        await store.putStates(
          [
            { key: "w:a", seq: 0, data: { n: 1 } },
            { key: "w:b", seq: 0, data: { n: 1 } },
          ],
          NOW,
        );
        // Another connection writes its own keys and replaces one: the rest are untouched.
        await other.putStates(
          [
            { key: "w:b", seq: 3, data: { n: 2 } },
            { key: "w:c", seq: 0, data: { n: 1 } },
          ],
          NOW,
        );
        const all = await store.getStates(["w:a", "w:b", "w:c", "w:none", "w:a"]);
        assert.deepEqual([...all.entries()].sort(), [
          ["w:a", { seq: 0, data: { n: 1 } }],
          ["w:b", { seq: 3, data: { n: 2 } }],
          ["w:c", { seq: 0, data: { n: 1 } }],
        ]);
        // ifAbsent keeps saved keys; remove deletes in the same transaction.
        await store.putStates(
          [
            { key: "w:a", seq: 9, data: { n: 9 } },
            { key: "w:d", seq: 9, data: { n: 9 } },
          ],
          NOW,
          { ifAbsent: true, remove: ["w:c"] },
        );
        assert.deepEqual(await store.getState("w:a"), { seq: 0, data: { n: 1 } });
        assert.deepEqual(await store.getState("w:d"), { seq: 9, data: { n: 9 } });
        assert.equal(await store.getState("w:c"), null);
        // Many keys at once (more than one statement's worth).
        const many = Array.from({ length: 450 }, (_, i) => ({ key: `m:${i}`, seq: i, data: i }));
        await store.putStates(many, NOW);
        const back = await store.getStates(many.map((e) => e.key));
        assert.equal(back.size, 450);
        assert.deepEqual(back.get("m:449"), { seq: 449, data: 449 });
        assert.deepEqual(await store.getStates([]), new Map());
        // A state that is not JSON is named by its key.
        await rawSql(engine.engine, spec, "UPDATE pipeline_state SET data = '{' WHERE key = 'w:d'");
        await assert.rejects(store.getStates(["w:a", "w:d"]), /^Error: state w:d: /);
      } finally {
        await other.close();
      }
    });

    it("keeps pipeline state and replays the articles a stateful clusterer has not seen", async () => {
      const { store } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      const first = await store.commitArticle(prepared(input("a", "First.")), alone, NOW);
      await store.commitArticle(prepared(input("b", "Second.")), alone, NOW);
      const seqA = first.status === "stored" ? first.seq : -1;
      await store.putState("clusterer", seqA, { seen: ["a"] }, NOW);
      assert.deepEqual(await store.getState("clusterer"), { seq: seqA, data: { seen: ["a"] } });
      assert.equal(await store.getState("nothing"), null);
      assert.deepEqual(
        (await store.articlesSince(seqA, 10)).map((e) => e.article.id),
        ["b"],
      );
      const p = prepared(input("c", "Third."));
      p.logSince = seqA;
      let replayed: string[] = [];
      await store.commitArticle(
        p,
        (_a, ctx) => {
          replayed = ctx.log.map((e) => `${e.article.id}@${e.storyId}`);
          return { story: null, family: null, relation: "original" };
        },
        NOW,
      );
      assert.deepEqual(replayed, ["b@b"]);
    });

    it("never splits a story between writers running a stateful clusterer under the global lock", async () => {
      const { store, spec } = await engine.fresh();
      const other = await openStore(spec);
      /** A toy stateful clusterer: story = first article of the same topic (first word). */
      const writer = (target: Store) => {
        const topics = new Map<string, string>();
        let lastSeq = 0;
        const observe = (article: Article, storyId: string, seq: number) => {
          const topic = article.paragraphs[0].split(" ")[0];
          if (!topics.has(topic)) topics.set(topic, storyId);
          lastSeq = Math.max(lastSeq, seq);
        };
        return async (raw: RawInput) => {
          const p = prepared(raw);
          p.fingerprint = { data: null, buckets: [], lockKeys: [GLOBAL_LOCK_KEY] };
          p.logSince = lastSeq;
          const outcome = await target.commitArticle(
            p,
            (article, ctx) => {
              for (const e of ctx.log) observe(e.article, e.storyId, e.seq);
              const known = topics.get(article.paragraphs[0].split(" ")[0]);
              return { story: known ?? null, family: null, relation: "original" };
            },
            NOW,
          );
          if (outcome.status === "stored") observe(p.article, outcome.storyId, outcome.seq);
        };
      };
      const w1 = writer(store);
      const w2 = writer(other);
      try {
        for (let t = 0; t < 10; t++) {
          await Promise.all([
            w1(input(`t${t}-x`, `topic${t} first report`)),
            w2(input(`t${t}-y`, `topic${t} second report`)),
          ]);
        }
        const stories = await store.listStories();
        assert.equal(stories.length, 10);
        assert.ok(stories.every((s) => s.size === 2));
      } finally {
        await other.close();
      }
    });

    it("finds stories by the words of their articles' titles and bodies, never by removed boilerplate", async () => {
      const { store } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      const commit = (id: string, text: string, assign: AssignFn = alone) =>
        store.commitArticle(prepared(input(id, text)), assign, NOW);
      await commit("harbour", "Harbour crane collapses\n\nA crane toppled onto the quay at dawn.");
      await commit("orchard", "Orchard frost ruins crop\n\nGrowers lost most blossom to frost.");
      await commit("council", "Council vote delayed\n\nThe café owners asked for a crane permit.");
      const ids = async (q: string) => (await store.searchStories(q)).map((s) => s.id);
      assert.deepEqual(await ids("orchard"), ["orchard"], "a title word");
      assert.deepEqual(await ids("BLOSSOM"), ["orchard"], "a body word, any case");
      assert.deepEqual(await ids("gro"), ["orchard"], "a word prefix");
      assert.deepEqual(await ids("crane quay"), ["harbour"], "every word must match");
      assert.deepEqual(
        await ids("crane"),
        ["harbour", "council"],
        "both stories, the one with the word in its title first",
      );
      assert.deepEqual(
        (await store.searchStories("crane", { limit: 1 })).map((s) => s.id),
        ["harbour"],
      );
      assert.deepEqual(await ids("volcano"), []);
      assert.deepEqual(await ids(""), [], "an empty query finds nothing");
      // Query syntax of either engine is never passed through: operators are plain words or dropped.
      for (const hostile of [
        '"',
        "crane*)",
        "OR AND NOT",
        "a:* & !",
        "'; DROP TABLE articles; --",
        "NEAR(x y)",
      ]) {
        assert.ok(Array.isArray(await store.searchStories(hostile)), `query ${hostile} answers`);
      }
      assert.equal((await store.counts()).articles, 3, "no query changed the store");
      // Merged stories are found under the story they were folded into.
      await commit(
        "bridge",
        "Bridge inspection\n\nInspectors examined the orchard bridge.",
        () => ({
          story: "harbour",
          family: null,
          relation: "original",
          merges: [{ from: "harbour", into: "orchard" }],
        }),
      );
      assert.deepEqual(await ids("quay"), ["orchard"]);
      // Text the extractor removed is kept for audit but is not searchable.
      const wrapped = prepared(
        input("wrapped", "Ferry timetable changes\n\nThe ferry will sail hourly."),
      );
      wrapped.article = {
        ...wrapped.article,
        removed: [
          ...wrapped.article.removed,
          { text: "Subscribe to Zebrafish Weekly", reason: "newsletter" },
        ],
      };
      await store.commitArticle(wrapped, alone, NOW);
      assert.equal(
        (await store.getArticle("wrapped"))?.removed.at(-1)?.text,
        "Subscribe to Zebrafish Weekly",
      );
      assert.deepEqual(await ids("zebrafish"), []);
      assert.deepEqual(await ids("hourly"), ["wrapped"]);
    });

    it("indexes articles stored before the search index existed when it migrates", async () => {
      const { store, spec } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      await store.commitArticle(
        prepared(input("old", "Old report\n\nThe lighthouse keeper retired.")),
        alone,
        NOW,
      );
      // Take the store back to schema 2, as an older crosscheck left it.
      await leaveAsOlder(
        engine.engine,
        store,
        spec,
        engine.engine === "sqlite"
          ? "DROP TABLE search_fts; DELETE FROM schema_migrations WHERE version >= 3"
          : "DROP TABLE search_text; DELETE FROM schema_migrations WHERE version >= 3",
      );
      await withReopened(spec, async (reopened) => {
        assert.deepEqual(await reopened.schemaVersions(), [1, 2, 3, 4]);
        assert.deepEqual(
          (await reopened.searchStories("lighthouse")).map((s) => s.id),
          ["old"],
        );
      });
    });

    it("folds accents in search both ways: the query's and the article's", async () => {
      const { store } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      const commit = (id: string, text: string) =>
        store.commitArticle(prepared(input(id, text)), alone, NOW);
      await commit("lake", "Zürich lake level rises\n\nThe café by the shore closed early.");
      await commit("port", "Port strike in Sao Paulo\n\nDockers walked out at Santos.");
      await commit("fair", "Cafe fair opens in Zurich\n\nRoasters from Bogotá came.");
      await commit("wide", "ＡＢＣ ﬁnal tally\n\nThe ÉCOLE board counted the votes.");
      const ids = async (q: string) => (await store.searchStories(q)).map((s) => s.id).sort();
      assert.deepEqual(await ids("Zurich"), ["fair", "lake"]);
      assert.deepEqual(await ids("Zürich"), ["fair", "lake"]);
      assert.deepEqual(await ids("ZÜRICH"), ["fair", "lake"]);
      assert.deepEqual(await ids("cafe"), ["fair", "lake"]);
      assert.deepEqual(await ids("café"), ["fair", "lake"]);
      assert.deepEqual(await ids("São Paulo"), ["port"]);
      assert.deepEqual(await ids("sao paulo"), ["port"]);
      assert.deepEqual(await ids("bogota"), ["fair"]);
      // A decomposed query (u + combining diaeresis) is the same word as a composed one.
      assert.deepEqual(await ids("Zu\u0308r"), ["fair", "lake"]);
      // Compatibility forms: full-width letters and the "ﬁ" ligature are their plain letters.
      assert.deepEqual(await ids("abc final ecole"), ["wide"]);
      assert.deepEqual(await ids("ＡＢＣ"), ["wide"]);
      assert.deepEqual(await ids("zuri lake"), ["lake"], "prefixes fold too");
    });

    it("re-indexes an older store's unfolded search text when it migrates", async () => {
      const { store, spec } = await engine.fresh();
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      await store.commitArticle(
        prepared(input("old", "Zürich tram fares\n\nThe café guild in São Paulo wrote.")),
        alone,
        NOW,
      );
      await store.commitArticle(
        prepared(input("plain", "Zurich budget\n\nThe cafe tax was cut.")),
        alone,
        NOW,
      );
      // Back to schema 3: the index rebuilt from the articles' text as written (not folded), as
      // the commits of an older crosscheck left it.
      const table = engine.engine === "sqlite" ? "search_fts" : "search_text";
      const schema3 = engine.engine === "sqlite" ? migration003.sqlite : migration003.postgres;
      await leaveAsOlder(
        engine.engine,
        store,
        spec,
        `DROP TABLE ${table}; ${schema3}; DELETE FROM schema_migrations WHERE version = 4`,
      );
      if (engine.engine === "postgres") {
        const unfolded = await rawRows(
          engine.engine,
          spec,
          "SELECT seq FROM search_text WHERE doc @@ to_tsquery('simple', 'zurich:*') ORDER BY seq",
        );
        assert.equal(unfolded.length, 1, "the older index finds only the unaccented spelling");
      }
      await withReopened(spec, async (reopened) => {
        assert.deepEqual(await reopened.schemaVersions(), [1, 2, 3, 4]);
        const ids = async (q: string) => (await reopened.searchStories(q)).map((s) => s.id).sort();
        assert.deepEqual(await ids("zurich"), ["old", "plain"]);
        assert.deepEqual(await ids("Zürich café"), ["old", "plain"]);
        assert.deepEqual(await ids("sao paulo"), ["old"]);
        assert.deepEqual(await ids("tram"), ["old"], "every article is indexed once, no more");
        assert.equal((await reopened.searchStories("fares tram zurich")).length, 1);
      });
    });

    it("re-indexes a store of more articles than one re-index page holds", async () => {
      const { store, spec } = await engine.fresh();
      const many = syntheticCorpus({
        stories: 26,
        reportsPerStory: 5,
        copiesPerReport: 0,
        seed: 5,
      });
      const summary = await ingestInputs(store, simplePipeline, many, [], { now });
      assert.ok(summary.ingested > 100, `${summary.ingested} articles stored`);
      const alone: AssignFn = () => ({ story: null, family: null, relation: "original" });
      await store.commitArticle(prepared(input("last", "Zürich closes the list.")), alone, NOW);
      // An emptied index and schema 3: migration 4 must refill it, page by page.
      await leaveAsOlder(
        engine.engine,
        store,
        spec,
        engine.engine === "sqlite"
          ? "INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM schema_migrations WHERE version = 4"
          : "DELETE FROM search_text; DELETE FROM schema_migrations WHERE version = 4",
      );
      await withReopened(spec, async (reopened) => {
        // Every article is back in the index once, the last one too.
        const indexed = await rawRows(
          engine.engine,
          spec,
          `SELECT count(*) AS n FROM ${engine.engine === "sqlite" ? "search_fts" : "search_text"}`,
        );
        assert.equal(Number(indexed[0].n), summary.ingested + 1);
        assert.deepEqual(
          (await reopened.searchStories("zurich")).map((s) => s.id),
          ["last"],
        );
      });
    });

    it("works a job queue: each job processed once, bad ones kept as failed with a reason", async () => {
      const { store } = await engine.fresh();
      const jobs = [...CORPUS.slice(0, 4), input("empty", "   \n\n  ")];
      assert.equal(await store.enqueue(jobs, NOW), 5);
      assert.equal((await store.counts()).jobsQueued, 5);
      const summary = await workQueue(store, simplePipeline, { now });
      assert.equal(summary.total, 5);
      assert.equal(summary.ingested, 4);
      assert.deepEqual(summary.failed, [{ input: "empty.txt", message: "no text found" }]);
      const counts = await store.counts();
      assert.equal(counts.jobsQueued, 0);
      assert.equal(counts.jobsFailed, 1);
      assert.equal(counts.articles, 4);
      assert.equal(
        await store.processNextJob(() => assert.fail("no job left"), simplePipeline.assign, NOW),
        null,
      );
    });

    it("exports, imports into a fresh store and exports again to identical bytes", async () => {
      const { store } = await engine.fresh();
      await ingestInputs(store, simplePipeline, CORPUS, [], { now });
      const first = await exportText(store);
      const { store: copy } = await engine.fresh();
      const records = first
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as ExportRecord);
      assert.equal(await copy.importRecords(records), 1 + 3 + 9 + 18);
      assert.equal(await exportText(copy), first);
      // The imported store keeps working: a new article gets the next arrival number.
      const more = syntheticCorpus({
        stories: 1,
        reportsPerStory: 1,
        copiesPerReport: 0,
        seed: 99,
      });
      const outcome = await copy.commitArticle(prepared(more[0]), simplePipeline.assign, NOW);
      assert.equal(outcome.status, "stored");
      assert.equal((await copy.counts()).articles, 19);
    });

    it("refuses to import into a store that already holds articles", async () => {
      const { store } = await engine.fresh();
      await ingestInputs(store, simplePipeline, CORPUS.slice(0, 2), [], { now });
      const records = (await exportText(store))
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as ExportRecord);
      await assert.rejects(store.importRecords(records), /needs an empty store/);
    });

    it("never splits a story or stores a copy twice when two stores commit at once", async () => {
      const { store, spec } = await engine.fresh();
      const other = await openStore(spec);
      try {
        // The three reports of each story are committed at the same moment by three writers.
        // Without a lock around assign+commit, each would see no neighbour and start a story.
        const third = await openStore(spec);
        const writers = [store, other, third];
        const reports = syntheticCorpus({
          stories: 20,
          reportsPerStory: 3,
          copiesPerReport: 0,
          seed: 11,
          storyWordShare: 0.95,
        });
        const byId = new Map(reports.map((r) => [r.id, r]));
        try {
          for (let s = 0; s < 20; s++) {
            const group = [0, 1, 2].map((r) => prepared(byId.get(`s${s}-r${r}`) as RawInput));
            await Promise.all(
              group.map((p, i) => writers[i].commitArticle(p, simplePipeline.assign, NOW)),
            );
            // The same input again at two writers at once: stored once.
            const again = prepared(byId.get(`s${s}-r0`) as RawInput);
            const twice = await Promise.all([
              store.commitArticle(again, simplePipeline.assign, NOW),
              other.commitArticle(again, simplePipeline.assign, NOW),
            ]);
            assert.deepEqual(
              twice.map((o) => o.status),
              ["duplicate", "duplicate"],
            );
          }
        } finally {
          await third.close();
        }
        const stories = await store.listStories();
        assert.equal(stories.length, 20, "one story per three reports, never split");
        assert.ok(stories.every((s) => s.size === 3 && s.families === 3));
        assert.equal((await store.counts()).articles, 60);
      } finally {
        await other.close();
      }
    });
  });
}
