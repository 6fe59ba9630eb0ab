import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { plainArticle } from "../src/cluster/plain-article.js";
import { extractBatch } from "../src/extract/index.js";
import {
  CLOCK_QUORUM,
  clusterStories,
  RETIRE_ARRIVALS,
  RETIRE_DAYS,
  RETIRE_MIN_ARRIVALS,
  StoryClusterer,
} from "../src/cluster/story-clusterer.js";
import { dayOf } from "../src/cluster/story-features.js";
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
      quake("a1", "Port Avel", "6.3", 12, "Three harbour warehouses near Port Avel collapsed."),
      rates("b1", "Economists had expected a pause."),
      quake(
        "a2",
        "Port Avel",
        "6.3",
        10,
        "Governor Mira Tollan said three harbour warehouses near Port Avel collapsed.",
      ),
      rates("b2", "Mortgage lenders in Norland followed the central bank within hours."),
    ]);
    assert.deepEqual(result.storyOf, ["a1", "b1", "a1", "b1"]);
    assert.equal(result.stories.length, 2);
  });

  it("keeps two earthquakes in different places apart", () => {
    const text = (id: string, lines: string[]) => plainArticle({ id, text: lines.join("\n") });
    const result = clusterStories([
      quake("q1", "Port Avel", "6.3", 12, "Villagers on Port Avel slept outdoors."),
      text("q2", [
        "A powerful earthquake of magnitude 7.1 hit northern Velmark near Lake Sorrel, and at least 150 people died.",
        "Buildings collapsed in Denby, where rescue workers and Velmark army units dug through rubble.",
        "Prime Minister Halvorsen flew to Sorrel to oversee the rescue effort.",
      ]),
      quake("q3", "Port Avel", "6.3", 10, "Villagers on Port Avel slept outdoors after the quake."),
      text("q4", [
        "The death toll from the Sorrel earthquake in Velmark rose to 150 as rescuers pulled survivors from collapsed buildings in Denby.",
        "Halvorsen said Velmark would accept foreign help after the magnitude 7.1 quake.",
      ]),
    ]);
    assert.deepEqual(result.storyOf, ["q1", "q2", "q1", "q2"]);
  });

  it("damps the score of a story whose dates are far from the article's", () => {
    const near = new StoryClusterer();
    near.add(quake("x1", "Port Avel", "6.3", 12, "Roads were cut.", "2005-11-27"));
    const joined = near.add(quake("x2", "Port Avel", "6.3", 12, "Roads were cut.", "2005-11-28"));
    const far = new StoryClusterer();
    far.add(quake("y1", "Port Avel", "6.3", 12, "Roads were cut.", "2005-11-27"));
    const later = far.add(quake("y2", "Port Avel", "6.3", 12, "Roads were cut.", "2008-09-10"));
    assert.equal(joined.created, false);
    assert.ok(later.score < joined.score * 0.6, `${later.score} vs ${joined.score}`);
  });

  it("resumes from a JSON snapshot exactly where it left off", () => {
    const articles = [
      quake("a1", "Port Avel", "6.3", 12, "One."),
      rates("b1", "Two."),
      quake("a2", "Port Avel", "6.3", 12, "Three."),
      rates("b2", "Four."),
      quake("a3", "Port Avel", "6.3", 12, "Five."),
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

  describe("retirement of silent stories", () => {
    const letters = (i: number) =>
      Array.from(String(i), (d) => String.fromCharCode(106 + Number(d))).join("");
    /** An unrelated one-off report (invented words), to move the stream's clock. */
    const filler = (i: number, published: string) =>
      plainArticle({
        id: `f${i}`,
        published,
        text: `Brel${letters(i)} said the vor${letters(i)} plan for Kest${letters(i)} was dropped after talks with Umer${letters(i)}.`,
      });
    const fillers = (count: number, published: string) =>
      Array.from({ length: count }, (_, i) => filler(i, published));
    const start = [
      quake("a1", "Port Avel", "6.3", 12, "One.", "2024-01-01"),
      quake("a2", "Port Avel", "6.3", 12, "Two.", "2024-01-02"),
    ];
    /** Dated stories may retire as soon as the clock says (no minimum of arrivals after them). */
    const run = (articles: ReturnType<typeof filler>[], retireMinArrivals = 0) => {
      const c = new StoryClusterer({ retireMinArrivals });
      return { c, out: articles.map((a) => c.add(a)) };
    };

    it(`retires a story silent for more than ${RETIRE_DAYS} days, and keeps it stored`, () => {
      const { c, out } = run([
        ...start,
        ...fillers(CLOCK_QUORUM, "2024-03-01"),
        quake("a3", "Port Avel", "6.3", 12, "Three.", "2024-03-01"),
      ]);
      assert.equal(out.at(-1)?.created, true);
      assert.equal(c.storyOf("a3"), "a3");
      assert.equal(c.storyOf("a2"), "a1");
      assert.deepEqual(c.storyList()[0], {
        id: "a1",
        title: c.storyList()[0].title,
        articles: ["a1", "a2"],
      });
    });

    it(`does not retire a dated story before ${RETIRE_MIN_ARRIVALS} articles came after it (an archive out of date order)`, () => {
      // The clock runs two months past a1's story, then a late report of it arrives.
      const articles = [
        ...start,
        ...fillers(CLOCK_QUORUM, "2024-03-01"),
        quake("a3", "Port Avel", "6.3", 12, "Three.", "2024-01-03"),
      ];
      assert.equal(run(articles, RETIRE_MIN_ARRIVALS).c.storyOf("a3"), "a1");
      // Once enough articles came after the story's newest, the same late report starts anew
      // (a3 is counted with the CLOCK_QUORUM fillers and itself as arrivals since a2's).
      const short = CLOCK_QUORUM + 2;
      assert.equal(run(articles, short).c.storyOf("a3"), "a1");
      assert.equal(run(articles, short - 1).c.storyOf("a3"), "a3");
    });

    it("still joins a story silent for less than the retirement window (damped or not)", () => {
      for (const day of ["2024-01-05", "2024-01-25"]) {
        const { c, out } = run([
          ...start,
          ...fillers(CLOCK_QUORUM, day),
          quake("a3", "Port Avel", "6.3", 12, "Three.", day),
        ]);
        assert.equal(out.at(-1)?.created, false, day);
        assert.equal(c.storyOf("a3"), "a1", day);
      }
    });

    it(`is not moved by fewer than ${CLOCK_QUORUM} misdated articles`, () => {
      const { c } = run([
        ...start,
        ...fillers(CLOCK_QUORUM - 1, "2099-06-01"),
        quake("a3", "Port Avel", "6.3", 12, "Three.", "2024-01-03"),
      ]);
      assert.equal(c.storyOf("a3"), "a1");
      // The clock is the oldest of the last CLOCK_QUORUM dated days: a3's own.
      assert.equal(c.snapshot().clock, dayOf("2024-01-03"));
    });

    it(`keeps undated stories in a stream shorter than ${RETIRE_ARRIVALS} articles`, () => {
      const { c } = run([
        quake("a1", "Port Avel", "6.3", 12, "One."),
        quake("a2", "Port Avel", "6.3", 12, "Two."),
        ...fillers(CLOCK_QUORUM + 5, "2024-06-01"),
        quake("a3", "Port Avel", "6.3", 12, "Three."),
      ]);
      assert.equal(c.storyOf("a3"), "a1");
    });

    describe("undated stories retire by arrivals", () => {
      const undated = (count: number) =>
        Array.from({ length: count }, (_, i) => ({ ...filler(i, "2024-01-01"), published: null }));
      const stream = (silence: number) => [
        quake("a1", "Port Avel", "6.3", 12, "One."),
        quake("a2", "Port Avel", "6.3", 12, "Two."),
        ...undated(silence),
        quake("a3", "Port Avel", "6.3", 12, "Three."),
      ];
      const runWith = (articles: ReturnType<typeof filler>[]) => {
        const c = new StoryClusterer({ retireArrivals: 10 });
        for (const a of articles) c.add(a);
        return c;
      };

      it("joins an undated story fewer than retireArrivals articles after its newest", () => {
        // a3 arrives 9 articles after a2: still live.
        assert.equal(runWith(stream(8)).storyOf("a3"), "a1");
      });

      it("starts a new story once retireArrivals articles came after the newest, keeping the old one", () => {
        // a3 arrives 11 articles after a2: a1's story is retired.
        const c = runWith(stream(10));
        assert.equal(c.storyOf("a3"), "a3");
        assert.equal(c.storyOf("a2"), "a1");
        assert.deepEqual(c.storyList()[0].articles, ["a1", "a2"]);
      });

      it("frees a retired story's centroid at the next sweep, and still lists the story", () => {
        const c = runWith(stream(25));
        const snap = c.snapshot();
        assert.deepEqual(snap.stories[0].weights, []);
        assert.ok(snap.stories.at(-1)?.weights.length, "the live story keeps its centroid");
        assert.deepEqual(c.storyList()[0].articles, ["a1", "a2"]);
        assert.equal(c.storyOf("a3"), "a3");
      });

      it("resumes from a snapshot with the same retirements", () => {
        const articles = [...stream(25), quake("a4", "Port Avel", "6.3", 12, "Four.")];
        const whole = runWith(articles);
        assert.equal(whole.storyOf("a4"), "a3");
        for (const cut of [1, 2, 7, 12, 19, 21, articles.length - 1]) {
          const first = runWith(articles.slice(0, cut));
          const resumed = StoryClusterer.restore(JSON.parse(JSON.stringify(first.snapshot())));
          for (const a of articles.slice(cut)) resumed.add(a);
          assert.deepEqual(resumed.snapshot(), whole.snapshot(), `cut at ${cut}`);
        }
      });
    });

    it("resumes from a snapshot with the same clock and retirements", () => {
      const articles = [
        ...start,
        ...fillers(CLOCK_QUORUM + 3, "2024-03-01"),
        // Misdated into the past: the clock does not move back.
        filler(98, "2024-01-01"),
        quake("a3", "Port Avel", "6.3", 12, "Three.", "2024-03-01"),
        quake("a4", "Port Avel", "6.3", 12, "Four.", "2024-03-02"),
        filler(99, "2024-04-15"),
        quake("a5", "Port Avel", "6.3", 12, "Five.", "2024-04-15"),
      ];
      const whole = run(articles).c;
      assert.equal(whole.storyOf("a3"), "a3");
      assert.equal(whole.storyOf("a4"), "a3");
      assert.notEqual(whole.snapshot().clock, null);
      for (const cut of [1, 20, CLOCK_QUORUM + 2, CLOCK_QUORUM + 6, articles.length - 1]) {
        const first = run(articles.slice(0, cut)).c;
        const resumed = StoryClusterer.restore(JSON.parse(JSON.stringify(first.snapshot())));
        for (const a of articles.slice(cut)) resumed.add(a);
        assert.deepEqual(resumed.snapshot(), whole.snapshot(), `cut at ${cut}`);
        assert.deepEqual(resumed.storyList(), whole.storyList(), `cut at ${cut}`);
      }
    });
  });

  describe("second look at single-article stories (absorbSingletons)", () => {
    const reports: [string, string][] = [
      [
        "a1",
        "A magnitude 6.3 earthquake struck near Port Avel on Sunday, killing 12 people. Rescue teams searched collapsed buildings through the night.",
      ],
      // A side report: too far from the one article there is when it arrives.
      [
        "a2",
        "Aftershocks rattled Port Avel on Monday as the harbour stayed shut and ferries to Lenmor were cancelled.",
      ],
      [
        "a3",
        "The Port Avel earthquake killed 12 people; aftershocks on Monday kept the harbour shut. Rescue teams searched collapsed buildings.",
      ],
      [
        "a4",
        "Ferries to Lenmor were cancelled after the magnitude 6.3 earthquake near Port Avel, which killed 12 people on Sunday.",
      ],
      ["b1", "The Norland central bank raised its main interest rate to 4.5 percent on Thursday."],
    ];
    const options = { joinThreshold: 0.4, mergeThreshold: 0.9 };
    const articles = reports.map(([id, text]) => plainArticle({ id, text }));

    it("puts an article that came before its story took shape into it, and records the merge", () => {
      const c = new StoryClusterer(options);
      const created = articles.map((a) => c.add(a).created);
      assert.deepEqual(created, [true, true, false, false, true]);
      assert.equal(c.storyOf("a2"), "a2");
      assert.deepEqual(c.absorbSingletons(), [{ from: "a2", into: "a1", article: "a2" }]);
      assert.equal(c.storyOf("a2"), "a1");
      assert.deepEqual(
        c.storyList().map((s) => s.articles),
        [["a1", "a2", "a3", "a4"], ["b1"]],
      );
      assert.deepEqual(c.mergeLog().at(-1), { from: "a2", into: "a1", article: "a2" });
      // A second pass finds nothing more; the unrelated report stays on its own.
      assert.deepEqual(c.absorbSingletons(), []);
      assert.equal(c.storyOf("b1"), "b1");
    });

    it("is part of clusterStories", () => {
      assert.deepEqual(clusterStories(articles, options).storyOf, ["a1", "a1", "a1", "a1", "b1"]);
    });
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
    const { articles } = extractBatch(
      files.map((f) => ({
        id: f.slice(0, 3),
        origin: { kind: "file" as const, name: f },
        bytes: new Uint8Array(readFileSync(join(seeds.path, f))),
      })),
    );
    assert.equal(articles.length, 5);
    const { stories } = clusterStories(articles);
    assert.equal(stories.length, 1);
    assert.equal(stories[0].articles.length, 5);
    // The raw scrapes, boilerplate and all, still make one story.
    const raw = files.map((f) =>
      plainArticle({ id: f.slice(0, 3), text: readFileSync(join(seeds.path, f), "utf8") }),
    );
    assert.equal(clusterStories(raw).stories.length, 1);
  });
});
