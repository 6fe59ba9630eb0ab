import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDateLine, parseDate } from "../src/extract/dates.js";
import { decodeBytes, looksLikeHtml } from "../src/extract/decode.js";
import { extractBatch } from "../src/extract/index.js";
import { normalizeLine } from "../src/extract/normalize.js";

describe("extract: dates", () => {
  it("keeps the precision and the offset that were given", () => {
    assert.deepEqual(parseDate("2024-07-11"), { iso: "2024-07-11", precision: "day" });
    assert.deepEqual(parseDate("2024-06-18T09:30:00+0900"), {
      iso: "2024-06-18T09:30:00+09:00",
      precision: "second",
    });
    assert.deepEqual(parseDate("2019-11-19T13:03:00.000Z"), {
      iso: "2019-11-19T13:03:00Z",
      precision: "second",
    });
    assert.deepEqual(parseDate("2024-06"), { iso: "2024-06", precision: "month" });
  });

  it("reads written dates in several languages, with 12-hour times", () => {
    assert.equal(parseDate("Thursday, July 11, 2024")?.iso, "2024-07-11");
    assert.equal(parseDate("Published on March 4, 2025 10:32 pm")?.iso, "2025-03-04T22:32");
    assert.equal(parseDate("11 juillet 2024")?.iso, "2024-07-11");
    assert.equal(parseDate("sexta-feira, 22 de outubro de 2010 às 20:13")?.iso, "2010-10-22T20:13");
    assert.equal(parseDate("18. Juni 2024")?.iso, "2024-06-18");
    assert.equal(parseDate("Tue, 19 Nov 2019 13:03:00 GMT")?.iso, "2019-11-19T13:03:00+00:00");
  });

  it("rejects impossible dates", () => {
    assert.equal(parseDate("0001-01-01T00:00:00Z"), null);
    assert.equal(parseDate("February 30, 2024"), null);
    assert.equal(parseDate("no date here"), null);
  });

  it("tells date lines from sentences that contain a date", () => {
    assert.equal(isDateLine("Updated: March 11, 2006, 4:17 PM ET"), true);
    assert.equal(isDateLine("Veröffentlicht am 18.06.2024 um 09:30 Uhr"), true);
    assert.equal(isDateLine("Putin arrived on June 19, 2024."), false);
    // A spaced "p. m." (as some text dumps write it), the time before the date.
    assert.equal(isDateLine("9:15 p. m. EDT March 14, 2021"), true);
  });

  it("keeps a numeric date line under a long headline apart (not a hard wrap) and reads it", () => {
    const text = [
      "Harbour authority shuts the old quay after cracks found, engineers say",
      "05/02/2013",
      "The harbour authority closed the old quay on Thursday after engineers found cracks in two of its piers.",
      "Ferries will use the north berth until repairs end, a spokesman said.",
    ].join("\n");
    const { articles } = extractBatch([{ id: "q", origin: { kind: "inline", name: "q" }, text }]);
    assert.equal(articles[0].published, "2013-05-02");
    assert.equal(
      articles[0].title,
      "Harbour authority shuts the old quay after cracks found, engineers say",
    );
    // A long line not ending a sentence, followed by one starting with a digit that is not a
    // date line, is still a hard wrap.
    const wrapped = extractBatch([
      {
        id: "w",
        origin: { kind: "inline", name: "w" },
        text: "Inspectors said the quay, which opened in the year\n1912 and was last repaired in 1987, must stay shut for months while the piers are rebuilt.",
      },
    ]);
    assert.match(wrapped.articles[0].paragraphs.join(" "), /in the year 1912 and/);
  });
});

describe("extract: decoding and normalisation helpers", () => {
  it("tells HTML by content and not by a stray angle bracket", () => {
    assert.equal(looksLikeHtml("<!DOCTYPE html><title>x</title>"), true);
    assert.equal(looksLikeHtml("<div><p>a</p><p>b</p></div>"), true);
    assert.equal(looksLikeHtml("Prices rose 3% (from <5% last year) in May."), false);
  });

  it("decodes UTF-16 big-endian with its byte order mark", () => {
    const bytes = new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0xe9]);
    assert.equal(decodeBytes(bytes).text, "Hé");
  });

  it("normalises a line to NFC with plain spaces", () => {
    assert.equal(normalizeLine("  Cafe\u0301\u00A0\u00A0au   lait\u200B "), "Café au lait");
  });
});
