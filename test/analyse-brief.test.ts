import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildBrief } from "../src/brief/build-brief.js";
import { article, family } from "./brief-fixtures.js";

// A small invented story told by four outlets: "wire" and "copy" are one family.
const wire = article(
  "wire",
  [
    "A fire destroyed a warehouse at the Norvale Chemicals plant in Eastport on Tuesday, injuring 14 people, officials said.",
    "The Eastport Workers Union accused Norvale Chemicals of ignoring warnings about a broken cooling system.",
    "Norvale Chemicals denied the allegations and said it had followed every safety rule.",
    "“This was the worst fire our crews have seen in twenty years,” fire chief Maria Okafor said.",
  ],
  "2025-10-15",
);
const copy = article("copy", [...wire.paragraphs], "2025-10-15");
const local = article(
  "local",
  [
    "Fire tore through a warehouse of Norvale Chemicals in Eastport on Tuesday and 14 people were hurt.",
    "Okafor told reporters: “This was the worst fire our crews have seen in twenty years.”",
    "The union said it had written to the company last month about the cooling system.",
    "Mayor Tom Reyes said the plant would stay closed until an inspection next week.",
  ],
  "2025-10-15",
);
const tabloid = article(
  "tabloid",
  [
    "A huge blaze ripped through the Norvale Chemicals warehouse in Eastport yesterday, leaving 17 people injured.",
    "Company bosses rejected the union's claims as baseless.",
  ],
  "2025-10-15",
);
const articles = [wire, copy, local, tabloid];
const families = [family("wire", "copy"), family("local"), family("tabloid")];
const brief = buildBrief(articles, families, { id: "eastport-fire" });

describe("buildBrief on a hand-made story", () => {
  it("counts a fact's support in families, not articles", () => {
    const fire = brief.facts.find((f) => /warehouse/.test(f.text) && f.sources.includes("local"));
    assert.ok(fire, "the fire fact is established");
    assert.deepEqual(fire.sources, ["copy", "local", "tabloid", "wire"]);
    assert.equal(fire.independent, 3);
    assert.equal(brief.facts[0].independent, 3);
  });
  it("cites each supporting sentence by source and index", () => {
    const fire = brief.facts.find((f) => f.sources.includes("local") && /warehouse/.test(f.text))!;
    assert.deepEqual(
      fire.evidence.map((e) => [e.source, e.sentence]),
      [
        ["copy", 0],
        ["local", 0],
        ["tabloid", 0],
        ["wire", 0],
      ],
    );
  });
  it("reports the injured count given differently as a conflict with each value's sources", () => {
    const conflict = brief.conflicts.find((c) => c.values.some((v) => v.value.startsWith("17")));
    assert.ok(conflict, "14 vs 17 is a conflict");
    const values = conflict.values.map((v) => [v.value.replace(/\D+$/, ""), v.sources]);
    assert.deepEqual(values[values.length - 1], ["17", ["tabloid"]]);
    assert.ok(values[0][1].includes("wire"));
  });
  it("raises no conflict between different quantities sharing nothing but a noun", () => {
    assert.equal(brief.conflicts.length, 1);
  });
  it("pairs the accusation with the denials, naming who asserts and who denies", () => {
    assert.equal(brief.disputes.length, 1);
    const d = brief.disputes[0];
    assert.match(d.claim, /ignoring warnings/);
    assert.deepEqual([...new Set(d.asserted.map((s) => s.by))], ["Eastport Workers Union"]);
    assert.ok(d.denied.every((s) => s.by === "Norvale Chemicals"));
    assert.deepEqual([...new Set(d.denied.map((s) => s.source))].sort(), [
      "copy",
      "tabloid",
      "wire",
    ]);
  });
  it("attributes the quote to its full speaker and links the same quote in other sources", () => {
    const q = brief.quotes.find((x) => /worst fire/.test(x.text));
    assert.ok(q);
    assert.equal(q.speaker, "Maria Okafor");
    assert.equal(q.source, "wire");
    assert.deepEqual(q.alsoIn, ["copy", "local"]);
    assert.equal(
      q.text,
      "This was the worst fire our crews have seen in twenty years",
      "the comma before the attribution is not part of the quote",
    );
  });
  it("puts relative dates on the timeline at their precision, in order", () => {
    const dates = brief.timeline.map((t) => t.date);
    assert.deepEqual(dates, [...dates].sort());
    const find = (date: string, source: string) =>
      brief.timeline.find((t) => t.date === date && t.sources.includes(source));
    assert.equal(find("2025-09", "local")?.precision, "month"); // "last month"
    assert.equal(find("2025-10-14", "wire")?.precision, "day"); // "on Tuesday"
    assert.equal(find("2025-10-14", "tabloid")?.precision, "day"); // "yesterday"
    assert.equal(find("2025-10", "local")?.precision, "month"); // "next week": known to the month
  });
  it("merges short names into actors with their aliases and sources", () => {
    const okafor = brief.actors.find((a) => a.name === "Maria Okafor");
    assert.ok(okafor);
    assert.equal(okafor.kind, "person");
    assert.deepEqual(okafor.aliases, ["Okafor"]);
    assert.deepEqual(okafor.sources, ["copy", "local", "wire"]);
    const company = brief.actors.find((a) => a.name === "Norvale Chemicals");
    assert.equal(company?.kind, "organization");
  });
  it("lists single-source claims only from one family", () => {
    const mayor = brief.singleSource.find((f) => /Reyes/.test(f.text));
    assert.ok(mayor);
    assert.equal(mayor.independent, 1);
    assert.deepEqual(mayor.sources, ["local"]);
  });
  it("writes a lead of whole sentences within the word budget", () => {
    const short = buildBrief(articles, families, { leadWords: 25 });
    const n = short.lead.split(/\s+/).length;
    assert.ok(n >= 10 && n <= 25 + 12, `lead has ${n} words`);
    assert.match(short.lead, /[.!?”"]$/);
    assert.match(short.lead, /Norvale Chemicals/);
  });
  it("lists sources with their family and carries the id and generator", () => {
    assert.deepEqual(
      brief.sources.map((s) => [s.id, s.family]),
      [
        ["wire", "wire"],
        ["copy", "wire"],
        ["local", "local"],
        ["tabloid", "tabloid"],
      ],
    );
    assert.equal(brief.id, "eastport-fire");
    assert.equal(brief.generator.name, "crosscheck");
  });
  it("gives the same bytes for the same input", () => {
    const again = buildBrief(articles, families, { id: "eastport-fire" });
    assert.equal(JSON.stringify(again), JSON.stringify(brief));
  });
  it("reads only coarse relative dates of an undated report against another report's date", () => {
    const dated = article(
      "dated",
      ["The council met on Monday to discuss the port."],
      "2025-10-15",
    );
    const undated = article("undated", [
      "The port opened last September and the council met yesterday.",
    ]);
    const b = buildBrief([dated, undated], [], {});
    const fromUndated = b.timeline.filter((t) => t.sources.includes("undated")).map((t) => t.date);
    assert.deepEqual(fromUndated, ["2025-09"]); // "yesterday" stays unresolved
    assert.ok(
      b.diagnostics.some((d) => d.code === "date-reference-borrowed" && d.source === "undated"),
    );
  });
  it("survives empty and odd articles", () => {
    const odd = buildBrief(
      [article("empty", []), article("junk", ["!!! ??? ...", "\u0000\u0001"])],
      [],
      {},
    );
    assert.equal(odd.facts.length, 0);
    assert.equal(typeof odd.lead, "string");
  });
});

describe("short sentences", () => {
  it("aligns a short sentence several sources write word for word, not one they merely share a word with", () => {
    const reports = [
      article("a", [
        "A barge sank in the Orvik canal on Monday after hitting a lock gate.",
        "Harlan denied the allegations.",
      ]),
      article("b", [
        "The Orvik canal was closed after a barge sank there on Monday.",
        "Harlan has denied the allegations.",
      ]),
      article("c", [
        "Divers reached the barge that sank in the Orvik canal.",
        "Harlan denied the allegations.",
      ]),
      article("d", ["Crews pumped water from the Orvik canal lock.", "Harlan denied nothing."]),
    ];
    const b = buildBrief(reports, []);
    const denial = b.facts.find((f) => /denied the allegations/.test(f.text));
    assert.ok(denial, b.facts.map((f) => f.text).join(" | "));
    assert.equal(denial.independent, 3);
    assert.deepEqual(denial.sources, ["a", "b", "c"]);
  });
});
