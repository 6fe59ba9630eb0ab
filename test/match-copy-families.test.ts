import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { plainArticle } from "../src/cluster/plain-article.js";
import { extractBatch } from "../src/extract/index.js";
import { findCopyFamilies } from "../src/match/copy-families.js";
import { classifyPair } from "../src/match/derivation.js";
import { fingerprint, MAX_FINGERPRINT_WORDS } from "../src/match/fingerprint.js";
import { estimateJaccard, minhash } from "../src/match/minhash.js";
import { LshIndex } from "../src/match/lsh-index.js";
import { requireShared } from "./helpers/shared.js";

const WIRE = [
  "The central bank of Norland raised its main interest rate by 0.25 points to 4.5 percent on Thursday, its third increase this year.",
  "Governor Elsa Marten said inflation of 6.1 percent in March was far above the bank's target and that further rises could follow.",
  "Economists polled by the Tribune had expected the bank to hold rates steady until the summer.",
  "The krone rose 1.2 percent against the euro after the announcement, while shares of Norland's biggest lenders fell.",
  "Opposition leader Piet Brandt called the decision a blow to families with variable mortgages.",
  "The bank will publish its next inflation report on June 14.",
];

const SPUN = [
  "Norland's central bank lifted its key interest rate by 0.25 points to 4.5 percent on Thursday, the third rise this year.",
  "Economists surveyed by the Tribune had anticipated that the bank would keep rates unchanged until the summer.",
  "Governor Elsa Marten stated that March inflation of 6.1 percent was well above the bank's goal and that more increases might follow.",
  "The krone climbed 1.2 percent versus the euro after the announcement, while shares of Norland's largest lenders dropped.",
  "Opposition chief Piet Brandt described the move as a blow to households with variable mortgages.",
];

const INDEPENDENT = [
  "Borrowing costs in Norland went up again on Thursday when policymakers opted for a quarter-point move, taking the benchmark to 4.5 percent.",
  "At a press conference in the capital, Elsa Marten defended the decision, pointing to food and energy prices.",
  "Mortgage holders will feel the change within weeks, said housing analyst Jonas Lind of Nordbank.",
  "Retailers warned that consumer spending was already weakening, with sales down 2 percent in the first quarter.",
  "It is the first time since 2008 that the bank has raised rates three times in a row.",
];

const DEPOT = [
  "Firefighters in Lorvik put out a blaze at the old grain depot on Sunday after four hours.",
  "Nobody was injured, fire chief Anna Holm told reporters at the scene.",
  "The depot, built in 1911, had been empty since the flour mill next door closed in 1998.",
  "Holm said investigators would examine the electrical wiring in the east wing on Monday.",
  "Residents of nearby Kestrel Street were told to keep their windows closed because of the smoke.",
  "The city council had planned to turn the building into 40 flats next year.",
];

/** The last four sentences of DEPOT, reworded and reordered. */
const DEPOT_SPUN = [
  "Built in 1911, the depot had stood empty since the flour mill next door shut in 1998.",
  "People living on nearby Kestrel Street were told to keep their windows shut because of the smoke.",
  "Investigators would examine the electrical wiring in the east wing on Monday, Holm stated.",
  "The city council had intended to turn the building into 40 flats next year.",
];

const article = (id: string, paragraphs: string[], published: string | null = null) =>
  plainArticle({ id, text: paragraphs.join("\n"), published, outlet: `outlet-${id}` });

describe("MinHash and LSH", () => {
  it("estimates the Jaccard similarity of two sets within a few points", () => {
    const x = Array.from({ length: 400 }, (_, i) => i + 1);
    const y = Array.from({ length: 400 }, (_, i) => i + 201);
    const estimate = estimateJaccard(minhash(x), minhash(y));
    assert.ok(Math.abs(estimate - 200 / 600) < 0.12, `estimate ${estimate}`);
  });

  it("returns items sharing a band and not unrelated ones", () => {
    const index = new LshIndex({ bands: 32, rows: 4 });
    const base = Array.from({ length: 300 }, (_, i) => i * 7 + 3);
    index.add(0, minhash(base));
    index.add(1, minhash(Array.from({ length: 300 }, (_, i) => i * 13 + 100_000)));
    assert.deepEqual(index.query(minhash(base.slice(0, 280))), [0]);
  });
});

describe("classifyPair", () => {
  it("calls a truncated verbatim copy a copy, with full containment", () => {
    const a = fingerprint(article("a", WIRE), 0);
    const b = fingerprint(article("b", ["Home | World | Business", ...WIRE.slice(0, 4)]), 1);
    const verdict = classifyPair(a, b);
    assert.equal(verdict.relation, "copy");
    assert.ok(verdict.scores.containment > 0.9);
    assert.equal(verdict.source, "a");
  });

  it("calls a synonym-swapped, reordered version a rewrite", () => {
    const verdict = classifyPair(
      fingerprint(article("a", WIRE), 0),
      fingerprint(article("b", SPUN), 1),
    );
    assert.equal(verdict.relation, "rewrite");
    assert.ok(verdict.scores.aligned >= 0.6, `aligned ${verdict.scores.aligned}`);
    assert.ok(verdict.scores.containment < 0.6);
  });

  it("calls a heavy spin that keeps the wording of some sentences and all names a rewrite", () => {
    const spin = [
      WIRE[0],
      "Analysts across the market were taken aback by how quickly the move came.",
      WIRE[1],
      "Households are bracing for higher monthly payments over the coming year.",
      "The krone climbed 1.2 percent versus the euro, while shares of lenders dropped.",
    ];
    const verdict = classifyPair(
      fingerprint(article("a", WIRE), 0),
      fingerprint(article("s", spin), 1),
    );
    assert.equal(verdict.relation, "rewrite");
    assert.ok(verdict.scores.aligned < 0.8, `aligned ${verdict.scores.aligned}`);
    assert.ok(verdict.scores.anchors >= 0.8, `anchors ${verdict.scores.anchors}`);
  });

  it("does not count shared quotations as copied wording", () => {
    const quote =
      '"We will not rest until every family has a roof over its head before the winter comes," the mayor said.';
    const first = [
      "Flooding along the Varne river forced 300 residents of Oldmere from their homes on Sunday.",
      quote,
      "Volunteers filled sandbags through the night at the old mill.",
    ];
    const second = [
      "Emergency crews in the Oldmere district spent Monday pumping water out of basements.",
      quote,
      "Insurers said claims could reach 4 million crowns.",
    ];
    const quoted = classifyPair(
      fingerprint(article("q1", first), 0),
      fingerprint(article("q2", second), 1),
    ).scores;
    assert.ok(quoted.containment > 0.25, `containment ${quoted.containment}`);
    // Only the attribution after the closing mark ("the mayor said") is shared wording.
    assert.ok(quoted.ownContainment < quoted.containment / 3, `own ${quoted.ownContainment}`);
    const unquoted = classifyPair(
      fingerprint(
        article(
          "u1",
          first.map((s) => s.replace(/"/g, "")),
        ),
        0,
      ),
      fingerprint(
        article(
          "u2",
          second.map((s) => s.replace(/"/g, "")),
        ),
        1,
      ),
    ).scores;
    assert.ok(unquoted.ownContainment > 0.25, `own without quote marks ${unquoted.ownContainment}`);
  });

  it("calls an edited wire copy (cut, a line added, half the wording kept in order) a rewrite", () => {
    const edited = [
      WIRE[0],
      "Local estate agents in Westhaven and Kirby reported a quiet week ahead of the decision, with 40 viewings cancelled.",
      "Governor Elsa Marten said inflation in March was far above the bank's target and that further rises could follow.",
      "Economists had expected the bank to hold rates steady until the summer.",
      "Opposition leader Piet Brandt called the decision a blow to families with variable mortgages, Radio Vest reported.",
      "Mortgage brokers in Westhaven said 12 clients had already asked to fix their rates.",
    ];
    const verdict = classifyPair(
      fingerprint(article("a", WIRE), 0),
      fingerprint(article("e", edited), 1),
    );
    assert.equal(verdict.relation, "rewrite");
    // Not a verbatim copy, too few sentences for the first route, too many new names for the second.
    assert.ok(verdict.scores.containment < 0.7, `containment ${verdict.scores.containment}`);
    assert.ok(verdict.scores.aligned < 0.8, `aligned ${verdict.scores.aligned}`);
    assert.ok(verdict.scores.anchors < 0.8, `anchors ${verdict.scores.anchors}`);
    assert.ok(verdict.scores.orderedShare >= 0.5, `ordered ${verdict.scores.orderedShare}`);
    // The same sentences in reverse order explain little of it in order: not an edited copy.
    const reversed = classifyPair(
      fingerprint(article("a", WIRE), 0),
      fingerprint(article("r", [...edited].reverse()), 1),
    );
    assert.ok(reversed.scores.orderedShare < 0.5, `reversed ${reversed.scores.orderedShare}`);
    assert.equal(reversed.relation, "independent");
  });

  it("calls a report of the same event in other words independent", () => {
    const verdict = classifyPair(
      fingerprint(article("a", WIRE), 0),
      fingerprint(article("c", INDEPENDENT), 1),
    );
    assert.equal(verdict.relation, "independent");
    assert.ok(verdict.scores.aligned < 0.45);
  });
});

describe("findCopyFamilies", () => {
  it("puts copies and rewrites in one family led by the earliest report, and keeps independent reporting apart", () => {
    const families = findCopyFamilies([
      article("spun", SPUN, "2024-03-02"),
      article("wire", WIRE, "2024-03-01"),
      article("own", INDEPENDENT, "2024-03-01"),
      article("copy", WIRE.slice(0, 5), "2024-03-03"),
    ]);
    assert.equal(families.length, 2);
    const wire = families.find((f) => f.id === "wire");
    assert.ok(wire);
    assert.equal(wire.first, "wire");
    assert.deepEqual(
      wire.members.map((m) => [m.id, m.relation, m.outlet]),
      [
        ["spun", "rewrite", "outlet-spun"],
        ["wire", "original", "outlet-wire"],
        ["copy", "copy", "outlet-copy"],
      ],
    );
    assert.deepEqual(
      families.find((f) => f.id === "own")?.members.map((m) => m.relation),
      ["original"],
    );
  });

  it("keeps a boilerplate-wrapped copy of a short wire item in the family of the longer version", () => {
    const short = WIRE.slice(0, 2);
    const wrapped = [
      "Home | News | Markets | Opinion | Sport | Weather",
      "Share this story on social media and sign up for our morning newsletter today",
      ...short,
      "Copyright the Evening Courier and its licensors, all rights reserved worldwide",
      "Comments on this story are closed; read our community guidelines for more",
    ];
    const input = [article("long", WIRE), article("short", short), article("wrapped", wrapped)];
    const prints = input.map((a, i) => fingerprint(a, i));
    assert.equal(classifyPair(prints[0], prints[2]).relation, "independent");
    const families = findCopyFamilies(input);
    assert.equal(families.length, 1);
    assert.equal(families[0].first, "long");
  });

  it("joins a spun copy to its source's family when the family began with a short wire item the spin leaves out", () => {
    const input = [
      article("brief", DEPOT.slice(0, 2)),
      article("full", DEPOT),
      article("spun", DEPOT_SPUN),
    ];
    const prints = input.map((a, i) => fingerprint(a, i));
    // The spin shares nothing with the short item, which was the group's earliest member.
    assert.equal(classifyPair(prints[0], prints[2]).relation, "independent");
    assert.equal(classifyPair(prints[1], prints[2]).relation, "rewrite");
    const families = findCopyFamilies(input);
    assert.equal(families.length, 1);
    assert.equal(families[0].first, "full");
    assert.deepEqual(
      families[0].members.map((m) => [m.id, m.relation]),
      [
        ["brief", "copy"],
        ["full", "original"],
        ["spun", "rewrite"],
      ],
    );
  });

  it("does not join two unrelated reports through a later round-up that reprints both", () => {
    const input = [
      article("rates", WIRE),
      article("depot", DEPOT),
      article("roundup", [...WIRE, ...DEPOT]),
    ];
    const prints = input.map((a, i) => fingerprint(a, i));
    assert.equal(classifyPair(prints[0], prints[2]).relation, "copy");
    assert.equal(classifyPair(prints[1], prints[2]).relation, "copy");
    const families = findCopyFamilies(input);
    const familyOf = (id: string) => families.find((f) => f.members.some((m) => m.id === id))?.id;
    assert.notEqual(familyOf("rates"), familyOf("depot"));
    assert.equal(familyOf("roundup"), familyOf("rates"));
  });

  it("without dates takes the longer article that contains the other as the first", () => {
    const families = findCopyFamilies([article("short", WIRE.slice(0, 4)), article("long", WIRE)]);
    assert.equal(families.length, 1);
    assert.equal(families[0].first, "long");
  });

  it("gives every article exactly one family, empty ones included, the same way every time", () => {
    const input = [
      article("e", []),
      article("w", WIRE),
      article("w2", WIRE),
      article("i", INDEPENDENT),
    ];
    const first = findCopyFamilies(input);
    assert.deepEqual(findCopyFamilies(input), first);
    const ids = first.flatMap((f) => f.members.map((m) => m.id)).sort();
    assert.deepEqual(ids, ["e", "i", "w", "w2"]);
    assert.deepEqual(
      first.map((f) => f.id),
      ["e", "w", "i"],
    );
  });
});

describe("copy families on the seed corpus", () => {
  const seeds = requireShared("seeds");
  const load = () => {
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
    return articles;
  };

  it("keeps 001 and 004 out of the family of the translated wire story 003", {
    skip: seeds.skip,
  }, () => {
    const articles = load();
    assert.equal(articles.length, 5);
    const families = findCopyFamilies(articles);
    const familyOf = (id: string) => families.find((f) => f.members.some((m) => m.id === id))?.id;
    assert.notEqual(familyOf("001"), familyOf("003"));
    assert.notEqual(familyOf("004"), familyOf("003"));
    assert.notEqual(familyOf("001"), familyOf("004"));
  });

  it("finds that 000, a rewrite of the same wire report, shares the most wording and names with 003", {
    skip: seeds.skip,
  }, () => {
    const prints = load().map((a, i) => fingerprint(a, i));
    const byId = new Map(prints.map((p) => [p.id, p]));
    const with003 = (id: string) => classifyPair(byId.get(id)!, byId.get("003")!).scores;
    for (const other of ["001", "002", "004"]) {
      assert.ok(with003("000").containment > with003(other).containment, `containment vs ${other}`);
      assert.ok(with003("000").anchors > with003(other).anchors, `names and numbers vs ${other}`);
    }
  });
});

describe("fingerprints of hostile input", () => {
  it("bounds the work on a huge article and still finds its copy", () => {
    const huge = Array.from({ length: 3000 }, (_, i) => `${WIRE[i % WIRE.length]} Item ${i}.`);
    const a = fingerprint(article("huge", huge), 0);
    assert.ok(a.wordCount <= MAX_FINGERPRINT_WORDS + 100, `words ${a.wordCount}`);
    const families = findCopyFamilies([article("huge", huge), article("huge2", huge)]);
    assert.equal(families.length, 1);
  });
});
