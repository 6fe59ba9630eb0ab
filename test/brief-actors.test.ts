import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildActors } from "../src/analyse/actors.js";
import { toDoc, storyEvidence } from "../src/text/to-doc.js";
import type { Article } from "../src/model.js";
import { article } from "./brief-fixtures.js";

// An invented story told by three outlets.
const post: Article = {
  ...article(
    "post",
    [
      "Flood Hits Dunmere",
      "EASTPORT, Oct 3 (Wire Press) - Floods swept through the Dunmere and Holloway areas on Monday, and Mayor Ilse Marwick ordered an evacuation.",
      "Marwick's office said the Eastport Regional Water Authority (ERWA) had opened two reservoirs.",
      "A resident told the Post that the water rose within minutes.",
      "The United Nations sent a team, and the UN said the risk was falling.",
    ],
    "2025-10-03",
  ),
  headings: [0],
  outlet: "The Eastport Post",
};
const courier = article(
  "courier",
  [
    "Ilse Marwick, the mayor of Eastport, said 300 homes were flooded in Dunmere.",
    "Mrs Marwick said ERWA engineers worked through the night near Warehouse 4, a storage depot; the warehouse was empty.",
    "Ilse thanked volunteers, and Ilse's husband Tobias Marwick joined them.",
  ],
  "2025-10-03",
);
const daily = article(
  "daily",
  [
    "Mayor Marwick said the Eastport Regional Water Authority had made the right call.",
    "Ilse Marwick added that schools in Holloway would reopen on Friday.",
  ],
  "2025-10-04",
);

const articles = [post, courier, daily];
/** The actor table of a story's articles, each read with the story's shared evidence. */
const actorTable = (list: typeof articles) => {
  const evidence = storyEvidence(list);
  return buildActors(list.map((a) => toDoc(a, { evidence })));
};
const table = actorTable(articles);
const actor = (name: string) => table.actors.find((a) => a.name === name);

describe("actors of a story", () => {
  it("merges surname, possessive, title + name, Mr/Mrs X and the given name into one person", () => {
    const mayor = actor("Ilse Marwick");
    assert.ok(mayor);
    assert.equal(mayor.kind, "person");
    assert.deepEqual(mayor.aliases, ["Ilse", "Marwick"]);
    assert.deepEqual(mayor.sources, ["courier", "daily", "post"]);
    assert.equal(table.resolve("Marwick's"), "Ilse Marwick");
    assert.equal(table.resolve("Ilse"), "Ilse Marwick");
    // The other Marwick of the story stays apart.
    assert.equal(actor("Tobias Marwick")?.kind, "person");
  });
  it("merges an acronym into the name it stands for", () => {
    const authority = actor("Eastport Regional Water Authority");
    assert.equal(authority?.kind, "organization");
    assert.deepEqual(authority?.aliases, ["ERWA"]);
    assert.equal(table.resolve("ERWA"), "Eastport Regional Water Authority");
  });
  it("names a newspaper's short name after the source outlet it matches", () => {
    assert.equal(actor("Eastport Post")?.kind, "organization");
    assert.equal(table.resolve("Post"), "Eastport Post");
  });
  it("types places by cue and coordination, organisations by alias", () => {
    assert.equal(actor("Dunmere")?.kind, "place");
    assert.equal(actor("Holloway")?.kind, "place");
    assert.equal(actor("United Nations")?.kind, "organization");
    assert.deepEqual(actor("United Nations")?.aliases, ["UN"]);
  });
  it("keeps fragments, common nouns and heading-only names out", () => {
    const names = table.actors.map((a) => a.name);
    for (const junk of ["Press", "Wire", "Warehouse", "Flood Hits Dunmere", "Mayor", "Post"])
      assert.ok(!names.includes(junk), `${junk} is not an actor: ${names.join(", ")}`);
  });
});

describe("actor kinds from context over shape", () => {
  // An invented story: an album, a band, a football team and a town none of the lists know.
  const a = article("a", [
    "Salt Roads, the new record by Ivy Penrose, sold 40,000 copies in its first week.",
    "Critics praised the album Salt Roads on Monday, and Kota Sarang residents queued for it.",
    "Penrose recorded it in a barn near Kota Sarang last winter.",
  ]);
  const b = article("b", [
    "Salt Roads will be reissued on vinyl, Ivy Penrose said.",
    "She wrote ‘Salt Roads’ after a flood hit Kota Sarang.",
    "Lisbon Herons striker Tom Vale played the album before the match against the Dunmere Foxes.",
  ]);
  const table = actorTable([a, b]);
  const kind = (name: string) => table.actors.find((x) => x.name === name)?.kind;
  it("outvotes the person shape with a work noun and quote marks", () => {
    assert.equal(kind("Salt Roads"), "other");
    assert.equal(kind("Ivy Penrose"), "person");
  });
  it("outvotes the person shape with a place cue", () => {
    assert.equal(kind("Kota Sarang"), "place");
  });
  it("reads a known place and a plural as a team", () => {
    assert.equal(kind("Lisbon Herons"), "organization");
    assert.equal(kind("Tom Vale"), "person");
  });
});

describe("short and long forms of one name", () => {
  // An invented story: a ship named with and without its prefix, a corridor whose first word
  // opens a sentence, and names whose tails are other actors.
  const a = article("a", [
    "The patrol ship KMS Ardent stopped two skiffs off Cape Lorrel on Friday.",
    "Ardent had sailed from Port Hadley at dawn, and the KMS Ardent crew boarded both skiffs.",
    "The ship was escorting tankers through the Western Lorrel Shipping Lane.",
    "Lorrel Shipping Lane traffic resumed at noon, the Bureau of Marine Safety said.",
  ]);
  const b = article("b", [
    "The crew of Kestrel Marine Ship Ardent seized fuel and rope, KMS Ardent's captain said.",
    "Ardent is on its third patrol this year, and the Western Lorrel Shipping Lane stays open.",
    "Marine Safety officials praised the crew.",
  ]);
  const table = actorTable([a, b]);
  const find = (name: string) => table.actors.find((x) => x.name === name);
  it("folds a bare name and an acronym-prefixed name into the full one", () => {
    const ship = find("KMS Ardent");
    assert.ok(ship, table.actors.map((x) => x.name).join(", "));
    assert.deepEqual(ship.aliases, ["Ardent", "Kestrel Marine Ship Ardent"]);
    assert.equal(find("Ardent"), undefined);
  });
  it("folds a name missing its first word into the longer name", () => {
    assert.ok(find("Western Lorrel Shipping Lane")?.aliases.includes("Lorrel Shipping Lane"));
  });
  it("keeps the tail after 'of' as its own actor", () => {
    assert.ok(
      !find("Bureau of Marine Safety")?.aliases.includes("Marine Safety"),
      JSON.stringify(table.actors),
    );
  });
});
