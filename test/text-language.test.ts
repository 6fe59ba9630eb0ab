import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDates, referenceFrom } from "../src/text/dates.js";
import { caseEvidence, findEntities } from "../src/text/entities.js";
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

describe("named entities: kind from context, fragments dropped", () => {
  const e = (text: string) => findEntities(text).map((x) => `${x.text}/${x.kind}`);
  it("keeps a name's head word with it and drops a lone head word", () => {
    assert.deepEqual(e("Leaders met at the Group of Seven summit."), [
      "Group of Seven/organization",
    ]);
    // "(Wire Press)" opens a bracket: "Wire" is unproven, and "Press" alone is a common noun.
    assert.deepEqual(e("EASTPORT (Wire Press) - A fire broke out."), []);
    assert.deepEqual(e("He spoke at the Lindqvist State Guest House on Monday."), [
      "Lindqvist State Guest House/place",
    ]);
    assert.deepEqual(e("Officers from the Police Department and the District Attorney came."), []);
  });
  it("reads a newspaper's short name after told the / according to the", () => {
    assert.deepEqual(e("One worker told the Courier that nobody listened."), [
      "Courier/organization",
    ]);
    assert.deepEqual(e("The blaze, the Courier said, began at night."), ["Courier/organization"]);
    assert.deepEqual(e("Crews reached the Courier building at night."), []);
  });
  it("types by the noun after the name and by coordination", () => {
    assert.deepEqual(e("He said so, according to the official Tarvek Sinmun newspaper."), [
      "Tarvek Sinmun/organization",
    ]);
    assert.deepEqual(e("Residents of the Dunmere and Holloway areas left."), [
      "Dunmere/place",
      "Holloway/place",
    ]);
    assert.deepEqual(e("Mrs Vane, who runs the Harbour Café with her son, said no."), [
      "Vane/person",
      "Harbour Café/place",
    ]);
    assert.deepEqual(e("Crews worked through the night in Bandar Kelam."), ["Bandar Kelam/place"]);
  });
  it("splits two places joined by a hyphen and reads X-based as a place", () => {
    assert.deepEqual(e("The growth of Chile-South Africa ties pleased Oslo."), [
      "Chile/place",
      "South Africa/place",
      "Oslo/place",
    ]);
    assert.deepEqual(e("A Dunmere-based Orvik Trust grant was paid."), [
      "Dunmere/place",
      "Orvik Trust/organization",
    ]);
  });
  it("strips compound titles and keeps nationality-led names from the person shape", () => {
    assert.deepEqual(e("Chief of Police Anna Berg said the bank was robbed."), [
      "Anna Berg/person",
    ]);
    assert.deepEqual(e("The crowd watched American Harvest at the fair."), [
      "American Harvest/other",
    ]);
    assert.deepEqual(e("Delays hit the Carrow and Dunmere Fire and Rescue Service."), [
      "Carrow and Dunmere Fire and Rescue Service/organization",
    ]);
  });
  it("drops a lone word the text also writes in lower case, and model numbers", () => {
    const evidence = caseEvidence(["The warehouse burned.", "Staff said Warehouse 3 failed."]);
    assert.deepEqual(
      findEntities("The fire began in Warehouse 3 on Kestrel Quay.", evidence).map((x) => x.text),
      ["Kestrel Quay"],
    );
    assert.deepEqual(e("Police seized six AK 47 rifles and two AK-47s."), []);
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

describe("named entities: works, teams and places from context", () => {
  const e = (text: string) => findEntities(text).map((x) => `${x.text}/${x.kind}`);
  it("reads a title after a work noun, before one, or alone in quote marks as a work", () => {
    const cases: [string, string[]][] = [
      ["Critics praised the film Silver Lanterns on Friday.", ["Silver Lanterns/other"]],
      ["A Glass Orchard sequel is planned.", ["Glass Orchard/other"]],
      // A possessive name owns the work: "author X's trilogy" is a person.
      ["It is the last book in author Ivy Penrose's trilogy.", ["Ivy Penrose/person"]],
    ];
    for (const [text, expected] of cases) assert.deepEqual(e(text), expected, text);
    // A word after an opening mark may open a quoted sentence: the story must show it is a name.
    const evidence = caseEvidence(["She wrote Harbour Lights in May."]);
    const quoted = findEntities("Fans queued for ‘Harbour Lights’ at the hall.", evidence);
    assert.deepEqual(
      quoted.map((x) => `${x.text}/${x.kind}`),
      ["Harbour Lights/other"],
    );
  });
  it("reads a known place and a plural, or the and a plural, as a team", () => {
    assert.deepEqual(e("Fans of the New York Herons cheered the Dunmere Foxes."), [
      "New York Herons/organization",
      "Dunmere Foxes/organization",
    ]);
    // A surname in -s or -os stays out of it.
    assert.deepEqual(e("Officials met Anna Douglas and Piet Marcos in Lisbon."), [
      "Anna Douglas/person",
      "Piet Marcos/person",
      "Lisbon/place",
    ]);
  });
  it("reads unlisted places from of-phrases, a following country and street abbreviations", () => {
    const cases: [string, string[]][] = [
      ["Boats reached the port town of Bandar Kelam at dawn.", ["Bandar Kelam/place"]],
      ["Floods hit Kota Sarang, Malaysia, overnight.", ["Kota Sarang/place", "Malaysia/place"]],
      ["Shots were fired on Kestrel Ave late on Friday.", ["Kestrel Ave/place"]],
      // A possessive after "in" names the owner of a place, not a place.
      ["The fire began in Tom Haldane's kitchen.", ["Tom Haldane/person"]],
      ["The Marsh family left the house.", ["Marsh/person"]],
    ];
    for (const [text, expected] of cases) assert.deepEqual(e(text), expected, text);
  });
  it("marks the kinds that come from context, not from the shape of the name", () => {
    const cued = (text: string) => findEntities(text).map((x) => `${x.text}:${x.cued === true}`);
    assert.deepEqual(cued("Then Lena Moor spoke in Bandar Kelam."), [
      "Lena Moor:false",
      "Bandar Kelam:true",
    ]);
  });
});
