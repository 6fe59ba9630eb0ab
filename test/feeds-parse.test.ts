import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeBytes } from "../src/ingest/feeds/decode.js";
import { parseFeedDate } from "../src/ingest/feeds/feed-dates.js";
import { itemId, itemToInput } from "../src/ingest/feeds/feed-inputs.js";
import { cleanTitle, decodeEntities, looksLikeTeaser } from "../src/ingest/feeds/feed-text.js";
import { parseFeed, sniffKind } from "../src/ingest/feeds/parse-feed.js";
import { parseOpml } from "../src/ingest/feeds/parse-opml.js";
import { REPO_ROOT } from "./helpers/shared.js";

const fixture = (name: string) => readFileSync(join(REPO_ROOT, "test", "fixtures", "feeds", name));
const text = (name: string) => decodeBytes(fixture(name)).text;

describe("RSS 2.0 parsing", () => {
  const feed = parseFeed(text("rss2.xml"), "https://news.example.org/feeds/rss2.xml");

  it("skips junk before the XML declaration and reads every item", () => {
    assert.equal(feed.format, "rss");
    assert.equal(feed.items.length, 3);
  });

  it("decodes a double-escaped title and named HTML entities", () => {
    assert.equal(feed.title, "The Example & Gazette");
    assert.equal(feed.items[0].title, 'Bridge reopens after "repairs"');
  });

  it("resolves relative links against the channel link", () => {
    assert.equal(feed.items[0].link, "https://news.example.org/2024/06/bridge-reopens");
  });

  it("uses a permalink guid as the link when there is no link element", () => {
    assert.equal(feed.items[1].link, "https://news.example.org/world/note-2");
  });

  it("converts pubDate with a named zone and with a numeric offset to ISO 8601", () => {
    assert.equal(feed.items[0].published, "2024-06-18T09:30:00-05:00");
    assert.equal(feed.items[1].published, "2024-06-18T10:05:00+02:00");
    assert.equal(feed.items[2].published, null);
  });

  it("reads dc:creator whatever prefix the feed chose, and the name inside an RSS author", () => {
    assert.equal(feed.items[0].author, "Ana Ruiz");
    assert.equal(feed.items[1].author, "News Desk");
  });

  it("prefers content:encoded from CDATA and flags full content as not a teaser", () => {
    assert.match(feed.items[0].content ?? "", /^<p>The bridge reopened on Tuesday/);
    assert.equal(feed.items[0].teaser, false);
    assert.deepEqual(feed.items[0].categories, ["Transport", "City"]);
  });

  it("flags a short escaped description ending in Read more as a teaser", () => {
    assert.equal(
      feed.items[1].content,
      '<p>Council votes on the budget. <a href="/more">Read more</a></p>',
    );
    assert.equal(feed.items[1].teaser, true);
  });

  it("keeps unescaped markup inside a description as HTML", () => {
    assert.equal(feed.items[2].content, "<p>Unescaped <b>markup</b> in a description.</p>");
  });
});

describe("RSS 1.0, RSS 0.91, Atom and JSON Feed parsing", () => {
  it("reads RDF items that sit beside the channel, with dc:date and rdf:about", () => {
    const feed = parseFeed(text("rss1.rdf"), "https://rdf.example.net/index.rdf");
    assert.equal(feed.format, "rdf");
    assert.equal(feed.items.length, 2);
    assert.equal(feed.items[0].guid, "https://rdf.example.net/a");
    assert.equal(feed.items[0].published, "2024-06-18T07:00:00+09:00");
    assert.deepEqual(feed.items[0].categories, ["Economy"]);
    assert.equal(feed.items[1].link, "https://rdf.example.net/b");
  });

  it("reads an RSS 0.91 feed declared ISO-8859-1 with a named HTML entity", () => {
    const feed = parseFeed(text("rss091.xml"), "http://oldwire.example.com/rss");
    assert.equal(feed.title, "Old Wire");
    assert.equal(feed.items[0].title, "Wire story été");
    assert.equal(feed.items[0].teaser, true);
  });

  it("resolves Atom links through nested xml:base and reads html, xhtml and text content", () => {
    const feed = parseFeed(text("atom.xml"), "https://atom.example.com/feed.atom");
    assert.equal(feed.format, "atom");
    assert.equal(feed.title, "Atom Example Journal");
    assert.equal(feed.link, "https://atom.example.com/");
    const [one, two, three] = feed.items;
    assert.equal(one.link, "https://atom.example.com/blog/posts/one.html");
    assert.equal(one.published, "2024-06-18T11:00:00+01:00");
    assert.equal(one.content, "<p>Parliament passed the bill.</p>");
    assert.deepEqual(one.categories, ["Politics"]);
    assert.equal(one.author, "Lea Martin");
    assert.equal(two.link, "https://other.example.com/section/story-two");
    assert.equal(two.content, "<p>Floods hit the <b>north</b> &amp; east.</p>");
    assert.equal(two.published, "2024-06-17T08:00:00-04:00");
    assert.equal(two.author, "Journal Staff");
    assert.equal(three.contentType, "text");
    assert.equal(three.content, "Plain text summary [...]");
    assert.equal(three.teaser, true);
  });

  it("reads JSON Feed 1.1 with relative URLs, authors and de-duplicated tags", () => {
    const feed = parseFeed(text("feed.json"), "https://json.example.com/feed.json");
    assert.equal(feed.format, "json");
    assert.equal(feed.items[0].link, "https://json.example.com/articles/1");
    assert.equal(feed.items[0].title, "Storm & rain");
    assert.equal(feed.items[0].author, "JSON Desk");
    assert.deepEqual(feed.items[0].categories, ["weather", "alerts"]);
    assert.equal(feed.items[0].published, "2024-06-18T06:00:00-07:00");
    assert.equal(feed.items[1].guid, "2");
    assert.equal(feed.items[1].contentType, "text");
    assert.equal(feed.items[1].author, "Sam Lee");
  });

  it("falls back to the description when content:encoded is present but empty", () => {
    const feed = parseFeed(
      '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>x</title><content:encoded><![CDATA[ ]]></content:encoded><description>The summary.</description></item></channel></rss>',
    );
    assert.equal(feed.items[0].content, "The summary.");
  });

  it("sees past a stylesheet, comments and a DOCTYPE with an internal subset", () => {
    const text =
      '<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- <html> was here -->' +
      '<!DOCTYPE rss [<!ENTITY lol "lol"><!ELEMENT html ANY>]><rss><channel><title>T &lol;</title>' +
      "<item><title>i</title></item></channel></rss>";
    assert.equal(sniffKind(text), "rss");
    const feed = parseFeed(text);
    assert.equal(feed.items.length, 1);
    assert.equal(feed.title, "T &lol;");
  });

  it("survives hostile nesting 50,000 elements deep", () => {
    const deep = `<rss><channel><title>Deep</title><item><title>T</title><description>${"<b>".repeat(50_000)}x${"</b>".repeat(50_000)}</description></item></channel></rss>`;
    const feed = parseFeed(deep);
    assert.equal(feed.items.length, 1);
    assert.match(feed.items[0].content ?? "", /x/);
  });

  it("refuses an HTML page with a message naming its root element", () => {
    assert.throws(
      () => parseFeed("<!doctype html><html><body>x</body></html>"),
      /not a feed: the document element is <html>/,
    );
    assert.equal(sniffKind("<!doctype html><html>"), "html");
  });
});

describe("feed encodings", () => {
  it("decodes a windows-1252 feed that declares UTF-8 as windows-1252, with a diagnostic", () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>Caf'),
      Buffer.from([0xe9, 0x20, 0x93, 0x71, 0x94]), // "é “q”" in windows-1252
      Buffer.from("</title></channel></rss>"),
    ]);
    const decoded = decodeBytes(bytes);
    assert.equal(decoded.encoding, "windows-1252");
    assert.equal(decoded.diagnostics[0].code, "charset-guessed");
    assert.equal(parseFeed(decoded.text).title, "Café “q”");
  });

  it("decodes UTF-8 bytes declared as ISO-8859-1 as UTF-8", () => {
    const bytes = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Zürich</title></channel></rss>',
    );
    assert.equal(parseFeed(decodeBytes(bytes).text).title, "Zürich");
  });

  it("honours a BOM and a truthful single-byte declaration", () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("<rss><channel><title>Ünï</title></channel></rss>"),
    ]);
    assert.equal(parseFeed(decodeBytes(bom).text).title, "Ünï");
    const latin = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>'),
      Buffer.from([0xc9, 0x74, 0xe9]),
      Buffer.from("</title></channel></rss>"),
    ]);
    assert.equal(parseFeed(decodeBytes(latin).text).title, "Été");
  });
});

describe("feed dates", () => {
  it("reads RFC 822 variants and keeps the offset", () => {
    assert.equal(parseFeedDate("Wed, 02 Oct 2002 13:00:00 GMT"), "2002-10-02T13:00:00Z");
    assert.equal(parseFeedDate("Wed, 02 Oct 02 08:00 PDT"), "2002-10-02T08:00:00-07:00");
    assert.equal(parseFeedDate("2 October 2002 13:00:00 +0530"), "2002-10-02T13:00:00+05:30");
    assert.equal(parseFeedDate("June 18, 2024 09:30 CEST"), "2024-06-18T09:30:00+02:00");
  });

  it("reads W3C-DTF dates and returns null for nonsense", () => {
    assert.equal(parseFeedDate("2024-06-18T09:30:00.123Z"), "2024-06-18T09:30:00Z");
    assert.equal(parseFeedDate("2024-06-18"), "2024-06-18");
    assert.equal(parseFeedDate("2024-02-30T00:00:00Z"), null);
    assert.equal(parseFeedDate("yesterday"), null);
    assert.equal(parseFeedDate(""), null);
  });
});

describe("titles and teasers", () => {
  it("strips markup and double escapes from titles", () => {
    assert.equal(cleanTitle("<b>Bold</b> &amp;amp; plain"), "Bold & plain");
    assert.equal(cleanTitle("   "), null);
  });

  it("decodes entities in one pass, named HTML ones included", () => {
    assert.equal(decodeEntities("&amp;lt;b&gt; &eacute;&#233;&#x2019;&nbsp;"), "&lt;b> éé’\u00a0");
    assert.equal(decodeEntities("no entities"), "no entities");
  });

  it("calls long content ending in an ellipsis a teaser and long plain content not", () => {
    const long = "word ".repeat(200);
    assert.equal(looksLikeTeaser(`${long}…`, "text"), true);
    assert.equal(looksLikeTeaser(`${long}end.`, "text"), false);
    assert.equal(looksLikeTeaser(null, "html"), true);
  });
});

describe("OPML", () => {
  it("collects feeds from nested outlines with their folders, once each, with absolute URLs", () => {
    const opml = parseOpml(text("nested.opml"), "https://lists.example.com/me/subs.opml");
    assert.equal(opml.title, "My subscriptions");
    assert.deepEqual(
      opml.subscriptions.map((s) => [s.url, s.folders.join("/")]),
      [
        ["https://news.example.org/world/rss.xml", "News/World"],
        ["https://rdf.example.net/index.rdf", "News/World"],
        ["https://lists.example.com/me/feeds/atom.xml", ""],
      ],
    );
    assert.equal(opml.subscriptions[0].title, "The Gazette");
  });

  it("refuses a document that is not OPML", () => {
    assert.throws(() => parseOpml("<rss/>"), /not an OPML file/);
  });
});

describe("feed items as pipeline inputs", () => {
  it("gives deterministic, distinct ids and carries the feed's metadata", () => {
    const url = "https://news.example.org/feeds/rss2.xml";
    const feed = parseFeed(text("rss2.xml"), url);
    const input = itemToInput(feed, url, feed.items[0]);
    assert.match(input.id, /^the-example-gazette-[0-9a-f]{10}$/);
    assert.equal(input.id, itemId(feed, url, feed.items[0]));
    assert.notEqual(input.id, itemId(feed, url, feed.items[1]));
    assert.deepEqual(input.origin, { kind: "feed", name: `${url}#gazette-1001` });
    assert.equal(input.meta?.outlet, "The Example & Gazette");
    assert.equal(input.meta?.published, "2024-06-18T09:30:00-05:00");
    assert.deepEqual(input.meta?.categories, ["Transport", "City"]);
    assert.match(input.html ?? "", /eight months of repairs/);
  });
});
