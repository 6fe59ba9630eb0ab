import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildBrief } from "../src/brief/build-brief.js";
import { article, family } from "./brief-fixtures.js";

describe("contradictions between numbers", () => {
  const raid = (id: string, rifles: string, total: string | null) =>
    article(id, [
      `Coastguard cutter Veyla seized ${rifles} rifles from the smugglers off Corran Point on Tuesday.`,
      ...(total
        ? [`The Veyla has seized ${total} rifles in the four raids it carried out this year.`]
        : []),
    ]);

  it("does not call two quantities a contradiction when another source gives both", () => {
    // a and b give this raid's count and the year's total; c only the count, d only the total.
    const articles = [raid("a", "eight", "19"), raid("b", "eight", "19"), raid("c", "eight", null)];
    const d = article("d", [
      "The Veyla has seized 19 rifles in the four raids it carried out this year.",
    ]);
    const brief = buildBrief(
      [...articles, d],
      ["a", "b", "c", "d"].map((id) => family(id)),
    );
    assert.deepEqual(
      brief.conflicts.map((x) => x.values.map((v) => v.value)),
      [],
      JSON.stringify(brief.conflicts),
    );
  });

  it("still reports two sources that disagree when no source gives both numbers", () => {
    const brief = buildBrief(
      [raid("a", "eight", null), raid("b", "eight", null), raid("c", "eleven", null)],
      ["a", "b", "c"].map((id) => family(id)),
    );
    assert.equal(brief.conflicts.length, 1, JSON.stringify(brief.conflicts));
    assert.deepEqual(brief.conflicts[0].values.map((v) => v.value).sort(), ["eight", "eleven"]);
  });

  it("never compares a bracketed conversion of another quantity", () => {
    const a = article("a", [
      "The quake struck 35 miles southwest of Port Idris on Sunday, the Ferran survey said.",
    ]);
    const b = article("b", [
      "The quake struck about 58km (36 miles) southwest of Port Idris on Sunday, the Ferran survey said.",
    ]);
    const c = article("c", [
      "The quake struck 52 miles southwest of Port Idris on Sunday, the Ferran survey said.",
    ]);
    const twoWays = buildBrief(
      [a, b],
      ["a", "b"].map((id) => family(id)),
    );
    assert.deepEqual(twoWays.conflicts, [], JSON.stringify(twoWays.conflicts));
    const clash = buildBrief(
      [a, c],
      ["a", "c"].map((id) => family(id)),
    );
    assert.deepEqual(
      clash.conflicts.map((x) => x.values.map((v) => v.value).sort()),
      [["35", "52"]],
    );
  });
});
