import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDate } from "../src/extract/dates.js";
import { extractArticle } from "../src/extract/index.js";
import { copyrightHolder, outletFromText } from "../src/extract/text-outlet.js";
import type { Article, RawInput } from "../src/model.js";

const enc = (s: string) => new TextEncoder().encode(s);
const text = (body: string): Article => {
  const input: RawInput = { id: "t", origin: { kind: "file", name: "t.txt" }, bytes: enc(body) };
  return extractArticle(input);
};
const reasonOf = (a: Article, line: string) => a.removed.find((r) => r.text === line)?.reason;

const TITLE = "Council Passes Budget After Long Debate";
const P1 =
  "The city council approved the new budget on Tuesday, after a long debate that lasted well into the night.";
const P2 =
  "Critics said the plan, which raises fees for parking and public pools, would hurt families with children.";
const P3 =
  "The mayor said the vote showed the council could still agree on hard choices in a difficult year.";
const doc = (...lines: string[]) => lines.join("\n");

describe("extract: reader calls to action", () => {
  it("removes a newsdesk appeal with a phone number and e-mail address at the end", () => {
    const line =
      "Do you have a story about the flood? Contact the newsdesk on 01632 960 111 or email news@paper.example";
    const a = text(doc(TITLE, "", P1, "", P2, "", line));
    assert.equal(reasonOf(a, line), "call-to-action");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("removes a 'Got a story?' appeal without any contact details", () => {
    const line = "Got a story? Get in touch with our newsroom - we pay for stories.";
    const a = text(doc(TITLE, "", P1, "", P2, "", line));
    assert.equal(reasonOf(a, line), "call-to-action");
  });

  it("removes a follow prompt that asks for story ideas by e-mail", () => {
    const line =
      "Follow Valley Radio on Facebook and Instagram. Send your story ideas to desk@valley.example";
    const a = text(doc(TITLE, "", P1, "", P2, "", line));
    assert.equal(reasonOf(a, line), "call-to-action");
  });

  it("keeps a news sentence that reports a phone number", () => {
    const line =
      "Anyone with information is asked to call police on 101 or Crimestoppers anonymously on 0800 555 111.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });

  it("keeps a quoted appeal attributed to the police", () => {
    const line =
      "Police said anyone who saw the crash should contact them on 01632 960 222, quoting incident 42.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });
});

describe("extract: agency credits and standards lines", () => {
  it("removes a syndication note and a standards line", () => {
    const supplied =
      "This article was supplied by the Example Press news agency and has not been edited by our staff.";
    const standards = "Our Standards: The Example Press Trust Principles.";
    const a = text(doc(TITLE, "", P1, "", P2, "", supplied, standards));
    assert.equal(reasonOf(a, supplied), "credit");
    assert.equal(reasonOf(a, standards), "credit");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("keeps a sentence about a report published by an institution", () => {
    const line =
      "A report published by the World Bank on Tuesday found that growth had slowed in most of the region.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });
});

describe("extract: captions near pictures", () => {
  it("removes a line glued to the picture credit under it, in English and German", () => {
    const en = "Smoke drifts over the old harbour on Tuesday morning.";
    const de = "Feuerwehrleute löschen eine brennende Halle im Hafen.";
    for (const caption of [en, de]) {
      const a = text(doc(TITLE, caption, "Foto: Example Press/Jane Roe", "", P1, "", P2));
      assert.equal(reasonOf(a, caption), "caption");
      assert.deepEqual(a.paragraphs, [P1, P2]);
    }
  });

  it("removes a wire-photo caption ending with a place and a date before the body", () => {
    const caption =
      "Firefighters spray water on a burning warehouse in Lowtown, England, October 14, 2025.";
    const a = text(doc(TITLE, caption, "", P1, "", P2));
    assert.equal(reasonOf(a, caption), "caption");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("removes a labelled caption with a trailing picture credit", () => {
    const caption =
      "FLAMES: The blaze lit up the sky over the docks in the early hours. Credit: Example Pictures / Reader photo";
    const a = text(doc(TITLE, caption, "", P1, "", P2));
    assert.equal(reasonOf(a, caption), "caption");
  });

  it("keeps a present-tense lead paragraph with no picture next to it", () => {
    const lead =
      "Firefighters are battling a huge blaze at a warehouse in Lowtown, the fire service said on Tuesday.";
    const a = text(doc(TITLE, "", lead, "", P1, "", P2));
    assert.deepEqual(a.paragraphs, [lead, P1, P2]);
  });

  it("keeps a body paragraph separated from a picture credit by a blank line", () => {
    const a = text(doc(TITLE, "", P1, "", "Photo: Example Press/Jane Roe", "", P2, "", P3));
    assert.deepEqual(a.paragraphs, [P1, P2, P3]);
  });

  it("keeps a sentence where 'image:' introduces a clause, not a credit", () => {
    const line = "He described the image: a burnt warehouse and a column of smoke over the city.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });
});

describe("extract: captions and promos in HTML", () => {
  const page = (body: string) =>
    extractArticle({
      id: "h",
      origin: { kind: "file", name: "h.html" },
      bytes: enc(
        `<!doctype html><html><head><title>${TITLE}</title></head><body><article>${body}</article></body></html>`,
      ),
    });

  it("removes a long caption over a picture-agency credit", () => {
    const caption =
      "The mayor, centre, walks past the new tram with council members, transport officials and residents of the eastern districts during the opening ceremony at the central depot in Lowtown on Monday, Nov. 13, 2017, as crowds look on from the platform.";
    const a = page(
      `<p>${caption}</p><p>Jane Roe | Bloomberg | Getty Images</p><p>${P1}</p><p>${P2}</p>`,
    );
    assert.equal(reasonOf(a, caption), "caption");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("keeps a paragraph above a bare photo credit that names no agency", () => {
    const a = page(`<p>${P1}</p><p>Photo: Jane Roe</p><p>${P2}</p><p>${P3}</p>`);
    assert.deepEqual(a.paragraphs, [P1, P2, P3]);
  });

  it("removes a subscription pitch and a 'More … Stories' header after the body", () => {
    const pitch =
      "Subscribe to Lowtown Courier and stay smart with more of your favourite writers.";
    const a = page(`<p>${P1}</p><p>${pitch}</p><p>${P2}</p><p>More Great Courier Stories</p>`);
    assert.equal(reasonOf(a, pitch), "newsletter");
    assert.equal(reasonOf(a, "More Great Courier Stories"), "related");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("removes the short headlines listed under a closing 'More … Stories' header", () => {
    const items = [
      "Could a lost astronaut use gravity to get around the station?",
      "The plan to boost drone batteries with a tiny jet engine",
    ];
    const a = page(
      `<p>${P1}</p><p>${P2}</p><h3>More Great Courier Stories</h3>${items.map((t) => `<p>${t}</p>`).join("")}`,
    );
    assert.deepEqual(a.paragraphs, [P1, P2]);
    assert.equal(reasonOf(a, items[0]), "related");
  });

  it("keeps the article that continues after a 'Related stories' line", () => {
    const a = page(`<p>${P1}</p><p>Related stories</p><p>${P2}</p><p>${P3} ${P1}</p>`);
    assert.deepEqual(a.paragraphs, [P1, P2, `${P3} ${P1}`]);
  });
});

describe("extract: subscription promos", () => {
  it("removes an inbox pitch and a long subscription offer", () => {
    const inbox =
      "Let our news meet your inbox. The stories that matter, delivered weekday mornings.";
    const offer =
      "Get access to the region's fastest growing subscriptions service Courier Pro for as little as 5 euros for the first year. Use the code SAVE. Courier Pro offers you all the information you need, including ideas, independent research and analysis. For more information, check out the website or app.";
    const a = text(doc(TITLE, "", P1, "", inbox, "", P2, "", offer));
    assert.equal(reasonOf(a, inbox), "newsletter");
    assert.equal(reasonOf(a, offer), "newsletter");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("keeps a news sentence about e-mails landing in readers' inboxes", () => {
    const line =
      "Phishing emails pretending to be from the bank have been flooding your inbox this month, experts warned.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });
});

describe("extract: share prompts, moderation notices and dated bylines", () => {
  it("removes a share question, a stripped follow prompt and a moderation notice", () => {
    const share = "Like this story? Share it with a friend!";
    const follow = "Follow Courier on";
    const notice =
      "ATENÇÃO: Comentários com textos ofensivos ou que faltem com respeito ao usuário não serão aprovados pelo moderador.";
    const a = text(doc(TITLE, "", P1, "", P2, "", share, follow, notice));
    assert.equal(reasonOf(a, share), "share");
    assert.equal(reasonOf(a, follow), "share");
    assert.equal(reasonOf(a, notice), "comment-form");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });

  it("keeps a reported sentence about moderators approving comments", () => {
    const line =
      "The company said its moderators had approved the comments before they were reported by users.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });

  it("removes a name followed by a date as a byline", () => {
    const line = "Jane Roe - Nov 19, 2019, 10:31 pm CST";
    const a = text(doc(TITLE, line, "", P1, "", P2));
    assert.equal(reasonOf(a, line), "byline");
    assert.equal(a.published, "2019-11-19T22:31:00-06:00");
    assert.equal(a.byline, "Jane Roe");
  });
});

describe("extract: wire credits and sign-up steps", () => {
  it("removes a long wire credit listing reporters and editors", () => {
    const credit =
      "Reporting by Ann Roe; additional reporting by Bob Poe, Cy Doe and Di Moe in Lowtown and Eve Loe in Hightown; Editing by Fay Zoe and Gus Hoe";
    const a = text(doc(TITLE, "", P1, "", P2, "", credit));
    assert.equal(reasonOf(a, credit), "byline");
  });

  it("keeps a how-to step that tells readers to sign up for a service", () => {
    const step =
      "Sign up for the streaming bundle using the same email address as your existing account, then confirm the offer.";
    const a = text(doc(TITLE, "", P1, "", step, "", P2));
    assert.deepEqual(a.paragraphs, [P1, step, P2]);
  });
});

describe("extract: cookie banners and comment prompts in several languages", () => {
  it("removes German, French and Spanish cookie banners", () => {
    const banners = [
      "Wir verwenden Cookies, um Inhalte zu personalisieren. Alle akzeptieren | Einstellungen",
      "Nous utilisons des cookies pour améliorer votre expérience. Tout accepter | Paramètres",
      "Utilizamos cookies propias y de terceros. Aceptar todas | Configuración",
    ];
    for (const banner of banners) {
      const a = text(doc(TITLE, "", P1, "", P2, "", banner));
      assert.equal(reasonOf(a, banner), "cookie", banner);
    }
  });

  it("keeps a news sentence about cookies and consent", () => {
    const line =
      "The regulator fined the company for setting advertising cookies without the consent of its users.";
    const a = text(doc(TITLE, "", P1, "", line, "", P2));
    assert.deepEqual(a.paragraphs, [P1, line, P2]);
  });

  it("removes an invitation to sign in and comment", () => {
    const line = "Diskutieren Sie mit! Bitte melden Sie sich an, um einen Kommentar zu schreiben.";
    const a = text(doc(TITLE, "", P1, "", P2, "", line));
    assert.equal(reasonOf(a, line), "comment-form");
    assert.deepEqual(a.paragraphs, [P1, P2]);
  });
});

describe("extract: published dates with time zones", () => {
  it("gives a time written with a zone word its offset", () => {
    assert.deepEqual(parseDate("Published on October 14, 2025 8:52 pm BST"), {
      iso: "2025-10-14T20:52:00+01:00",
      precision: "minute",
    });
    assert.equal(parseDate("Oct 14, 2025 10:47 PM EDT")?.iso, "2025-10-14T22:47:00-04:00");
    assert.equal(parseDate("14 October 2025 18:30 UTC+1")?.iso, "2025-10-14T18:30:00+01:00");
    assert.equal(parseDate("Stand: 15.10.2025, 10:45 Uhr MESZ")?.iso, "2025-10-15T10:45:00+02:00");
  });

  it("reads a time written before the date", () => {
    assert.equal(parseDate("Published: 08:10 BST, 15 Oct 2025")?.iso, "2025-10-15T08:10:00+01:00");
  });

  it("keeps minute precision and no offset when no zone is written, in German too", () => {
    assert.deepEqual(parseDate("15. Oktober 2025, 10:45 Uhr"), {
      iso: "2025-10-15T10:45",
      precision: "minute",
    });
    assert.equal(parseDate("14 de octubre de 2025, 18:30")?.iso, "2025-10-14T18:30");
  });

  it("leaves an ambiguous zone abbreviation without an offset", () => {
    assert.equal(parseDate("October 14, 2025 8:52 pm IST")?.iso, "2025-10-14T20:52");
  });
});

describe("extract: the outlet of a plain-text scrape", () => {
  it("reads the holder of a copyright line, without the company form", () => {
    assert.equal(
      copyrightHolder("© 2025 Lowtown Courier Ltd. All rights reserved."),
      "Lowtown Courier",
    );
    assert.equal(copyrightHolder("© The Evening Lamp 2025"), "The Evening Lamp");
    assert.equal(copyrightHolder("Copyright 2019-2025 Nordblick Medien GmbH"), "Nordblick Medien");
    assert.equal(copyrightHolder("The copyright belongs to the author."), null);
  });

  it("takes the masthead line confirmed by the copyright holder", () => {
    const lines = ["Nordblick", "Startseite", "Politik", TITLE, P1, "© 2025 Nordblick Medien GmbH"];
    assert.equal(outletFromText(lines, 3), "Nordblick");
  });

  it("takes the masthead confirmed by a 'told the' mention", () => {
    const lines = ["The Evening Lamp", "News", TITLE, `One worker told the Lamp: "It was hot."`];
    assert.equal(outletFromText(lines, 2), "The Evening Lamp");
  });

  it("does not take a menu word that only shares a generic word with the copyright holder", () => {
    const lines = ["News", "Sport", TITLE, P1, "© 2025 Lowtown News Ltd."];
    assert.equal(outletFromText(lines, 2), "Lowtown News");
  });

  it("falls back to the agency of the dateline", () => {
    const lines = [TITLE, `LOWTOWN, England, Oct 14 (Example Press) - ${P1}`];
    assert.equal(outletFromText(lines, 0), "Example Press");
  });

  it("finds nothing in a scrape with no name", () => {
    assert.equal(outletFromText([TITLE, P1, P2], 0), null);
  });
});
