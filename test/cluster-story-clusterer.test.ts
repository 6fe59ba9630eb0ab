import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { plainArticle } from "../src/cluster/plain-article.js";
import { clusterStories, StoryClusterer } from "../src/cluster/story-clusterer.js";
import { requireShared } from "./helpers/shared.js";

const quake = (
  id: string,
  place: string,
  magnitude: string,
  dead: number,
  extra: string,
  published?: string,
) =>
  plainArticle({
    id,
    published,
    text: [
      `A magnitude ${magnitude} earthquake struck near ${place} on Sunday, killing ${dead} people and injuring dozens.`,
      `Rescue teams in ${place} searched collapsed buildings through the night, officials from the ${place} disaster agency said.`,
      `The quake was felt across the region, and aftershocks of up to magnitude 4 followed.`,
      extra,
    ].join("\n"),
  });

const rates = (id: string, extra: string) =>
  plainArticle({
    id,
    text: [
      "The Norland central bank raised its main interest rate to 4.5 percent, citing stubborn inflation.",
      "Governor Elsa Marten said more rate rises could follow if prices keep climbing.",
      extra,
    ].join("\n"),
  });

describe("StoryClusterer", () => {
  it("puts reports of one event together and starts a story for another event", () => {
    const result = clusterStories([
      quake("a1", "Qeshm Island", "5.9", 10, "Seven villages near Qeshm Island were flattened."),
      rates("b1", "Economists had expected a pause."),
      quake(
        "a2",
        "Qeshm Island",
        "5.9",
        10,
        "Governor Heidar Alishvandi said seven villages near Qeshm Island were flattened.",
      ),
      rates("b2", "Mortgage lenders in Norland followed the central bank within hours."),
    ]);
    assert.deepEqual(result.storyOf, ["a1", "b1", "a1", "b1"]);
    assert.equal(result.stories.length, 2);
  });

  it("keeps two earthquakes in different places apart", () => {
    const text = (id: string, lines: string[]) => plainArticle({ id, text: lines.join("\n") });
    const result = clusterStories([
      quake("q1", "Qeshm Island", "5.9", 10, "Villagers on Qeshm Island slept outdoors."),
      text("q2", [
        "A powerful earthquake of magnitude 7.2 hit eastern Turkey near Lake Van, and at least 217 people died.",
        "Buildings collapsed in Ercis, where rescue workers and Turkish troops dug through rubble.",
        "Prime Minister Erdogan flew to Van to oversee the rescue effort.",
      ]),
      quake(
        "q3",
        "Qeshm Island",
        "5.9",
        10,
        "Villagers on Qeshm Island slept outdoors after the quake.",
      ),
      text("q4", [
        "The death toll from the Van earthquake in Turkey rose to 217 as rescuers pulled survivors from collapsed buildings in Ercis.",
        "Erdogan said Turkey would accept foreign help after the magnitude 7.2 quake.",
      ]),
    ]);
    assert.deepEqual(result.storyOf, ["q1", "q2", "q1", "q2"]);
  });

  it("damps the score of a story whose dates are far from the article's", () => {
    const near = new StoryClusterer();
    near.add(quake("x1", "Qeshm Island", "5.9", 10, "Roads were cut.", "2005-11-27"));
    const joined = near.add(
      quake("x2", "Qeshm Island", "5.9", 10, "Roads were cut.", "2005-11-28"),
    );
    const far = new StoryClusterer();
    far.add(quake("y1", "Qeshm Island", "5.9", 10, "Roads were cut.", "2005-11-27"));
    const later = far.add(quake("y2", "Qeshm Island", "5.9", 10, "Roads were cut.", "2008-09-10"));
    assert.equal(joined.created, false);
    assert.ok(later.score < joined.score * 0.6, `${later.score} vs ${joined.score}`);
  });

  it("resumes from a JSON snapshot exactly where it left off", () => {
    const articles = [
      quake("a1", "Qeshm Island", "5.9", 10, "One."),
      rates("b1", "Two."),
      quake("a2", "Qeshm Island", "5.9", 10, "Three."),
      rates("b2", "Four."),
      quake("a3", "Qeshm Island", "5.9", 10, "Five."),
    ];
    const whole = new StoryClusterer();
    for (const a of articles) whole.add(a);
    const first = new StoryClusterer();
    for (const a of articles.slice(0, 3)) first.add(a);
    const resumed = StoryClusterer.restore(JSON.parse(JSON.stringify(first.snapshot())));
    for (const a of articles.slice(3)) resumed.add(a);
    assert.deepEqual(resumed.storyList(), whole.storyList());
    assert.deepEqual(resumed.snapshot(), whole.snapshot());
    assert.equal(resumed.storyOf("a3"), "a1");
  });

  it("refuses a snapshot of an unknown format", () => {
    assert.throws(
      () => StoryClusterer.restore({ format: "other" } as never),
      /unknown story-clusterer snapshot/,
    );
  });

  it("merges two stories when a bridging article shows they are one, and records the merge", () => {
    const c = new StoryClusterer({ joinThreshold: 0.3, mergeThreshold: 0.3 });
    const p =
      "Flooding along the Rhine closed the port of Duisburg to barges on Monday, stranding 40 cargo ships.";
    const q =
      "Cologne officials evacuated 300 riverside homes as water levels reached 9 metres at the old town.";
    assert.equal(c.add(plainArticle({ id: "p", text: p })).created, true);
    assert.equal(c.add(plainArticle({ id: "q", text: q })).created, true);
    c.add(plainArticle({ id: "r", text: `${p}\n${q}` }));
    assert.equal(c.storyOf("p"), c.storyOf("q"));
    assert.equal(c.storyList().length, 1);
    assert.deepEqual(c.mergeLog(), [{ from: "q", into: "p", article: "r" }]);
  });
});

describe("story clustering on the seed corpus", () => {
  const seeds = requireShared("seeds");
  it("puts all five seed reports in one story", { skip: seeds.skip }, () => {
    const files = readdirSync(seeds.path)
      .filter((f) => /^\d{3}_.*\.txt$/.test(f))
      .sort();
    const articles = files.map((f) =>
      plainArticle({ id: f.slice(0, 3), text: readFileSync(join(seeds.path, f), "utf8") }),
    );
    const { stories } = clusterStories(articles);
    assert.equal(stories.length, 1);
    assert.equal(stories[0].articles.length, 5);
  });
});
