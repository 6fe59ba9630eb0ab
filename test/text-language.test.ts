import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDates, referenceFrom } from "../src/text/dates.js";
import { findEntities } from "../src/text/entities.js";
import { extractQuantities } from "../src/text/numbers.js";
import { splitSentences } from "../src/text/sentences.js";
import { statementText } from "../src/analyse/facts.js";
import { toDoc } from "../src/text/to-doc.js";
import { stem, terms } from "../src/text/tokens.js";
import { article } from "./brief-fixtures.js";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("sentence splitting", () => {
  it("keeps titles, months, initials and No. inside one sentence", () => {
    assert.deepEqual(
      split(
        "Mr. Smith met Gen. Lee on Jan. 5 at No. 10 Downing St. with J. K. Rowling. They talked.",
      ),
      [
        "Mr. Smith met Gen. Lee on Jan. 5 at No. 10 Downing St. with J. K. Rowling.",
        "They talked.",
      ],
    );
  });
  it("keeps decimals and U.S. inside a sentence but ends one after U.S. before an opener", () => {
    assert.deepEqual(split("Growth was 3.5 percent in the U.S. economy. It slowed."), [
      "Growth was 3.5 percent in the U.S. economy.",
      "It slowed.",
    ]);
    assert.deepEqual(split("He flew to the U.S. The trip was short."), [
      "He flew to the U.S.",
      "The trip was short.",
    ]);
  });
  it("does not end a sentence at a.m. before a lower-case word", () => {
    assert.deepEqual(split("It began at 4 a.m. on Tuesday and ended at 2 p.m. Crews stayed."), [
      "It began at 4 a.m. on Tuesday and ended at 2 p.m.",
      "Crews stayed.",
    ]);
  });
  it("ends a sentence inside closing quotes and after an ellipsis", () => {
    assert.deepEqual(split("“We are ready.” The minister left... Then rain fell."), [
      "“We are ready.”",
      "The minister left...",
      "Then rain fell.",
    ]);
  });
  it("treats a line break as a sentence end", () => {
    assert.deepEqual(split("Headline Without Stop\nBody text here."), [
      "Headline Without Stop",
      "Body text here.",
    ]);
  });
});

describe("quantities", () => {
  const q = (text: string) => extractQuantities(text).map((x) => [x.value, x.unit, x.qualifier]);
  it("reads counts with thousands separators, hedges and units", () => {
    assert.deepEqual(q("the city moved about 2,300 residents"), [[2300, "resid", "about"]]);
    assert.deepEqual(q("more than 100 countries attended"), [[100, "countri", "more"]]);
    assert.deepEqual(q("shells of 120 mm calibre"), [[120, "mm", "exact"]]);
    assert.deepEqual(q("14 people were hurt"), [[14, "peopl", "exact"]]);
  });
  it("scales money and reads number words and hyphenated compounds", () => {
    assert.deepEqual(q("a package of $4 billion in aid"), [[4e9, "$", "exact"]]);
    assert.deepEqual(q("a two-day visit"), [[2, "dai", "exact"]]);
    assert.deepEqual(q("three firefighters were treated"), [[3, "firefight", "exact"]]);
  });
  it("leaves years and dates to the date reader and reads clock times", () => {
    assert.deepEqual(q("in 2000 and on June 12"), []);
    assert.deepEqual(q("it broke out at about 4:10 a.m."), [[250, "time", "about"]]);
  });
});

describe("dates", () => {
  const ref = referenceFrom("2024-06-17");
  const d = (text: string) => extractDates(text, ref).map((x) => [x.iso, x.precision]);
  it("reads absolute dates at their precision", () => {
    assert.deepEqual(d("on June 12, 2024"), [["2024-06-12", "day"]]);
    assert.deepEqual(d("in September 2023"), [["2023-09", "month"]]);
    assert.deepEqual(d("first visit since 2000"), [["2000", "year"]]);
    assert.deepEqual(d("born 11/27/2005"), [["2005-11-27", "day"]]);
  });
  it("resolves relative dates against the reference", () => {
    assert.deepEqual(d("during a visit last September"), [["2023-09", "month"]]);
    assert.deepEqual(d("the minister said yesterday"), [["2024-06-16", "day"]]);
    assert.deepEqual(d("last month"), [["2024-05", "month"]]);
    assert.deepEqual(d("earlier this year"), [["2024", "year"]]);
    assert.deepEqual(d("he told reporters on Tuesday"), [["2024-06-11", "day"]]);
    assert.deepEqual(d("he will travel on Tuesday"), [["2024-06-18", "day"]]);
    assert.deepEqual(d("the meeting next Wednesday"), [["2024-06-19", "day"]]);
  });
  it("leaves relative dates unresolved without a reference", () => {
    assert.deepEqual(
      extractDates("last September", null).map((x) => x.iso),
      [null],
    );
  });
});

describe("named entities", () => {
  const e = (text: string) => findEntities(text).map((x) => `${x.text}/${x.kind}`);
  it("strips titles and demonyms and types the person", () => {
    assert.deepEqual(e("Talks began as Russian President Vladimir Putin arrived."), [
      "Vladimir Putin/person",
    ]);
    assert.deepEqual(e("He met North Korean leader Kim Jong Un there."), ["Kim Jong Un/person"]);
  });
  it("knows countries, cities and organisation head words", () => {
    assert.deepEqual(e("Officials in Moscow and the Ministry of Defence spoke."), [
      "Moscow/place",
      "Ministry of Defence/organization",
    ]);
    assert.deepEqual(e("A letter from the Dockside and Chemical Workers Union arrived."), [
      "Dockside and Chemical Workers Union/organization",
    ]);
  });
  it("drops possessives and keeps a place before a title", () => {
    assert.deepEqual(e("Later, US Defense Secretary Lloyd Austin's aide spoke."), [
      "US/place",
      "Lloyd Austin/person",
    ]);
  });
});

describe("toDoc", () => {
  it("numbers sentences across paragraphs and keeps headings apart", () => {
    const a = article("a", ["Big Fire Downtown", "A fire broke out. Crews came."]);
    a.headings = [0];
    const doc = toDoc(a);
    assert.deepEqual(
      doc.sentences.map((s) => [s.index, s.paragraph, s.heading, s.text]),
      [
        [0, 0, true, "Big Fire Downtown"],
        [1, 1, false, "A fire broke out."],
        [2, 1, false, "Crews came."],
      ],
    );
  });
  it("resolves relative dates against the article's publication date", () => {
    const doc = toDoc(article("a", ["The union wrote last month."], "2025-10-14"));
    assert.deepEqual(
      doc.dates?.map((x) => x.iso),
      ["2025-09"],
    );
  });
  it("keeps the shared token helpers working", () => {
    assert.equal(stem("visiting"), "visit");
    assert.deepEqual(terms("The visits of 2,300 people"), ["visit", "2300", "peopl"]);
  });
});

describe("statement text", () => {
  it("drops a wire dateline but keeps ordinary openings", () => {
    assert.equal(
      statementText("EASTPORT, England, Oct 14 (Wire Press) - A fire broke out."),
      "A fire broke out.",
    );
    assert.equal(statementText("WASHINGTON (AP) — The Senate voted."), "The Senate voted.");
    assert.equal(
      statementText("US President Joe Biden - who spoke - left."),
      "US President Joe Biden - who spoke - left.",
    );
    assert.equal(statementText("NATO said it would meet."), "NATO said it would meet.");
  });
});
