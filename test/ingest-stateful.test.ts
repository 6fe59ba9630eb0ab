import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ingestInputs } from "../src/ingest/ingest-pipeline.js";
import { simpleExtract } from "../src/ingest/simple-pipeline.js";
import {
  type IncrementalClusterer,
  StatefulPipeline,
  type StatefulPipelineOptions,
} from "../src/ingest/stateful-pipeline.js";
import type { Article, RawInput } from "../src/model.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "crosscheck-stateful-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const now = () => "2024-06-20T12:00:00.000Z";

/**
 * A toy stateful clusterer: an article's story is that of the first article with its topic
 * (first word); "a+b" topics merge story b into story a. Counts the articles it was shown.
 */
class TopicClusterer implements IncrementalClusterer {
  seen = 0;
  constructor(
    private topics: Record<string, string> = {},
    private redirect: Record<string, string> = {},
  ) {}
  private final(story: string): string {
    let s = story;
    while (this.redirect[s]) s = this.redirect[s];
    return s;
  }
  add(article: Article) {
    this.seen++;
    const [first, second] = article.paragraphs[0].split(" ")[0].split("+");
    const merges: { from: string; into: string }[] = [];
    const known = this.topics[first];
    const story = known ? this.final(known) : article.id;
    if (!known) this.topics[first] = article.id;
    if (second && this.topics[second] && this.final(this.topics[second]) !== story) {
      const from = this.final(this.topics[second]);
      this.redirect[from] = story;
      merges.push({ from, into: story });
    }
    return { story, created: !known, merges };
  }
  snapshot() {
    return { topics: this.topics, redirect: this.redirect };
  }
}

let last: TopicClusterer | null = null;
const options: StatefulPipelineOptions = {
  key: "topics",
  create: () => (last = new TopicClusterer()),
  restore: (snap) => {
    const s = snap as { topics: Record<string, string>; redirect: Record<string, string> };
    return (last = new TopicClusterer({ ...s.topics }, { ...s.redirect }));
  },
  extract: simpleExtract,
  checkpointEvery: 2,
};

const text = (id: string, body: string): RawInput => ({
  id,
  origin: { kind: "inline", name: id },
  text: body,
});

describe("a stateful clusterer as an ingest pipeline", () => {
  it("assigns stories, applies its merges, and checkpoints then replays its state", async () => {
    const store = await openSqliteStore(join(dir, "s.db"));
    const pipeline = await StatefulPipeline.open(store, options);
    await ingestInputs(
      store,
      pipeline,
      [
        text("r1", "red one"),
        text("b1", "blue one"),
        text("r2", "red two"),
        text("x1", "red+blue bridge"),
        text("b2", "blue two"),
      ],
      [],
      { now },
    );
    const stories = await store.listStories();
    assert.deepEqual(
      stories.map((s) => [s.id, s.size]),
      [["r1", 5]],
      "blue was merged into red",
    );
    assert.equal((await store.loadStory("b1"))?.story.id, "r1");
    const state = await store.getState("topics");
    assert.equal(state?.seq, 4, "checkpoint after every 2 stored articles");

    // A new process restores the checkpoint and replays only the one article after it.
    const reopened = await StatefulPipeline.open(store, options);
    assert.equal(last?.seen, 1);
    await ingestInputs(store, reopened, [text("g1", "green one"), text("r3", "red three")], [], {
      now,
    });
    assert.deepEqual(
      (await store.listStories()).map((s) => [s.id, s.size]),
      [
        ["r1", 6],
        ["g1", 1],
      ],
    );
    await store.close();
  });

  it("reloads its state when a commit fails after the clusterer saw the article", async () => {
    const store = await openSqliteStore(join(dir, "f.db"));
    const pipeline = await StatefulPipeline.open(store, options);
    await ingestInputs(store, pipeline, [text("r1", "red one")], [], { now });
    const article = simpleExtract(text("r2", "red two")) as Article;
    pipeline.assign(article, {
      fingerprint: pipeline.fingerprint(article),
      candidates: [],
      log: [],
    });
    pipeline.settled(null, article);
    await pipeline.sync(now());
    assert.equal(last?.seen, 1, "reloaded from the store: only r1 replayed");
    const summary = await ingestInputs(store, pipeline, [text("r2", "red two")], [], { now });
    assert.equal(summary.ingested, 1);
    assert.deepEqual(
      (await store.listStories()).map((s) => [s.id, s.size]),
      [["r1", 2]],
    );
    await store.close();
  });
});
