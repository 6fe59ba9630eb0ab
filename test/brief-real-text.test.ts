import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findFurniture } from "../src/analyse/newsworthiness.js";
import { balanceQuotes, quotePassages } from "../src/analyse/quote-passage.js";
import { buildBrief } from "../src/brief/build-brief.js";
import { splitSentences } from "../src/text/sentences.js";
import { timelineDates } from "../src/analyse/timeline.js";
import { extractDates as findDates, referenceFrom } from "../src/text/dates.js";
import { article, oneDoc, sentence, statements } from "./brief-fixtures.js";

describe("quote passages", () => {
  it("shows a sentence of a two-sentence quote with the rest of it and its speaker", () => {
    const out = statements([
      "The union spoke first. “We warned the board twice in writing about the pumps. They did nothing at all,” said Ana Ruiz, its secretary.",
    ]);
    const whole =
      "“We warned the board twice in writing about the pumps. They did nothing at all,” said Ana Ruiz, its secretary.";
    assert.deepEqual(out, ["The union spoke first.", whole, whole]);
  });

  it("follows a quote over paragraphs that re-open it, dropping the re-opening mark", () => {
    const out = statements([
      "Ana Ruiz said: “The pumps failed in May.",
      "“Nobody came to fix them.”",
      "The company declined to comment.",
    ]);
    assert.equal(out[1], "Ana Ruiz said: “The pumps failed in May. Nobody came to fix them.”");
    assert.equal(out[0], out[1]);
    assert.equal(out[2], "The company declined to comment.");
  });

  it("follows a quote over lines without marks when it closes a little further", () => {
    const out = statements([
      '"The water rose very fast.',
      "We had ten minutes to leave the house.",
      'Then the road was gone," said Tom Hale.',
    ]);
    const whole =
      '"The water rose very fast. We had ten minutes to leave the house. Then the road was gone," said Tom Hale.';
    assert.deepEqual(out, [whole, whole, whole]);
  });

  it("leaves a stray mark alone when no close follows, and links a colon lead-in", () => {
    const d = oneDoc([
      '"Stray opening in a plain report of the flood.',
      "A second line with no marks at all.",
      "The mayor said:",
      '"Stay away from the river banks tonight."',
    ]);
    const p = quotePassages(d);
    assert.equal(p.has(0), false);
    assert.deepEqual([p.get(2)?.first, p.get(2)?.last], [2, 3]);
  });

  it("continues a quote split by its attribution", () => {
    const out = statements([
      "“We lost the whole harvest,” said Joe Marsh. “Even the seed stock.” Prices rose.",
    ]);
    assert.equal(out[1], "“We lost the whole harvest,” said Joe Marsh. “Even the seed stock.”");
    assert.equal(out[2], "Prices rose.");
  });

  it("cuts a long passage to the sentence, its attribution and neighbours, marked […]", () => {
    const filler = (n: number) =>
      `Sentence number ${n} of the statement goes on about the pumps and the long wet summer.`;
    const paragraph = `Ana Ruiz said: “${[1, 2, 3, 4, 5, 6].map(filler).join(" ")}”`;
    const out = statements([paragraph]);
    const last = out[out.length - 1];
    // The first sentence carries the attribution; the last sentence and its neighbours fill
    // the rest of the budget; the sentences left out in between are marked.
    assert.match(last, /^Ana Ruiz said: “Sentence number 1 of .* \[…\] Sentence number 4 of/);
    assert.match(last, /number 6 of/);
    assert.doesNotMatch(last, /number 2 of/);
    assert.ok(last.endsWith("summer.”"));
    const second = out[1];
    assert.match(second, /number 1 of .* number 2 of .* \[…\]”$/);
    assert.ok(last.split(/\s+/).length <= 80);
  });

  it("balances a lone sentence's marks, and leaves paired marks alone", () => {
    assert.equal(balanceQuotes("“Nobody came.”"), "“Nobody came.”");
    assert.equal(balanceQuotes("“Nobody came to fix them."), "“Nobody came to fix them.”");
    assert.equal(balanceQuotes("Nobody came,” she said."), "“Nobody came,” she said.");
    assert.equal(
      balanceQuotes('The minister said, "Someone did it."'),
      'The minister said, "Someone did it."',
    );
    assert.equal(balanceQuotes('villages, "said Sara Lee.'), '"villages, "said Sara Lee.');
  });

  it("keeps a spaced closing quote with its sentence", () => {
    const text = 'People waited on the streets. "\nNext line here.';
    assert.deepEqual(
      splitSentences(text).map((s) => text.slice(s.start, s.end)),
      ['People waited on the streets. "', "Next line here."],
    );
  });
});

describe("quote passages in the brief", () => {
  it("shows one fact for a quote two sources split into two sentences, citing each sentence", () => {
    const quote = (who: string) =>
      `“We warned Harlow Freight in writing that the depot pumps were failing. They chose to do nothing at all,” said ${who}, the union secretary.`;
    const a = article(
      "a",
      ["A Harlow Freight depot burned down in Lindham on Monday.", quote("Ana Ruiz")],
      "2025-03-04",
    );
    const b = article(
      "b",
      ["Fire destroyed a Harlow Freight depot in Lindham on Monday.", quote("Ana Ruiz")],
      "2025-03-04",
    );
    const brief = buildBrief([a, b], []);
    const withQuote = brief.facts.filter((f) => f.text.includes("chose to do nothing"));
    assert.equal(withQuote.length, 1);
    const fact = withQuote[0];
    assert.ok(fact.text.startsWith("“We warned Harlow Freight"));
    assert.ok(fact.text.endsWith("the union secretary."));
    assert.equal(fact.independent, 2);
    assert.deepEqual(
      fact.evidence.map((e) => `${e.source}:${e.sentence}`),
      ["a:1", "a:2", "b:1", "b:2"],
    );
    for (const f of [...brief.facts, ...brief.singleSource]) {
      const open = (f.text.match(/“/g) ?? []).length;
      const close = (f.text.match(/”/g) ?? []).length;
      assert.equal(open, close, f.text);
    }
  });
});

describe("captions without a credit line", () => {
  const one = (text: string) => findFurniture([sentence(0, 0, text)]).get(0) ?? null;
  it("flags short verbless or present-tense scene lines that close on their day", () => {
    assert.equal(one("Firefighters at the scene on Tuesday."), "caption");
    assert.equal(one("Smoke drifts over the old harbour on Tuesday morning."), "caption");
    assert.equal(one("Residents gather outside the hall, June 3, 2024."), "caption");
    assert.equal(one("Rescue boats wait at the quay on Friday in Marlow Bay."), "caption");
    assert.equal(
      one("Map of the county showing the flooded roads: water rose overnight."),
      "caption",
    );
  });
  it("keeps news sentences: a past event, a plan, a possessive day, a quote, a long line", () => {
    assert.equal(one("The council met on Tuesday."), null);
    assert.equal(one("One worker died in the Monday morning blast."), null);
    assert.equal(one("The mayor checked in on Tuesday, December 9, 2008."), null);
    assert.equal(one("The mayor prepares to open the bridge on Wednesday."), null);
    assert.equal(one("Monday’s fire follows two others in the town."), null);
    assert.equal(one("“We stay here,” a resident on the quay on Friday."), null);
    assert.equal(
      one(
        "Crews from four counties and two volunteer brigades along with a coastguard helicopter and three lifeboats from the nearby towns at the quay on Friday.",
      ),
      null,
    );
  });
  it("only in a paragraph of its own", () => {
    const found = findFurniture([
      sentence(0, 0, "Firefighters at the scene on Tuesday."),
      sentence(1, 0, "They worked through the night."),
    ]);
    assert.equal(found.size, 0);
  });
  it("keeps a caption out of the timeline", () => {
    const a = article(
      "a",
      [
        "A Harlow Freight depot burned down in Lindham on Monday, injuring six workers.",
        "Firefighters at the burning depot on Monday.",
      ],
      "2025-03-04",
    );
    const brief = buildBrief([a], []);
    assert.ok(brief.timeline.some((t) => /burned down/.test(t.text)));
    assert.ok(!brief.timeline.some((t) => /^Firefighters at/.test(t.text)));
    assert.ok(
      brief.diagnostics.some((d) => d.code === "page-furniture" && /caption/.test(d.message)),
    );
  });
});

describe("timeline dates of a sentence", () => {
  it("places a range at its start and drops a coarser repeat of a date", () => {
    const ref = referenceFrom("2024-07-11");
    const text =
      "Between August and February the port shipped 600 containers, officials said earlier this year.";
    const dates = findDates(text, ref);
    assert.deepEqual(
      timelineDates(text, dates).map((d) => d.iso),
      ["2023-08"],
    );
    const other = "The plant opened in May 2019 and closed in 2021.";
    assert.deepEqual(
      timelineDates(other, findDates(other, ref)).map((d) => d.iso),
      ["2019-05", "2021"],
    );
  });
});
