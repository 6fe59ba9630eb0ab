import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanMarks, singleShape } from "../src/text/quote-marks.js";
import { balanceQuotes, quotePassages } from "../src/analyse/quote-passage.js";
import { buildBrief } from "../src/brief/build-brief.js";
import { article, family, oneDoc, statements } from "./brief-fixtures.js";

/** The single marks of a text as "at:role", apostrophes left out. */
const singles = (text: string) =>
  scanMarks(text)
    .marks.filter((m) => m.single)
    .map((m) => `${m.at}:${m.role}`);
const shapeAt = (text: string, ch: string, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(ch, at + 1);
  return singleShape(text, at);
};

describe("single quote marks and apostrophes", () => {
  it("reads apostrophes inside words, before clitics and decades, as apostrophes", () => {
    for (const text of [
      "I don't think O'Hara can come.",
      "They played at the Bexleys' barn all through the '80s.",
      "The Tamsins’ dog ran off in the summer of ’71.",
      "Crews went back to the farmers’ sheds, the vets' van and the Coles’ yard.",
      "There ’ s no sign of the barge , said the clerk .",
      "She said they'd been goin' round in circles.",
    ]) {
      assert.deepEqual(singles(text), [], text);
      assert.deepEqual(scanMarks(text).end, [], text);
    }
  });

  it("pairs a lone-letter elision with itself: balanced either way", () => {
    assert.deepEqual(scanMarks("They played rock 'n' roll at the Bexleys' barn.").end, []);
    assert.deepEqual(scanMarks("‘We played rock 'n' roll all night. ").end, ["’"]);
  });

  it("reads shapes from neighbours: letters, spaces and punctuation", () => {
    assert.equal(shapeAt("Harl said ‘Move now", "‘"), "open");
    assert.equal(shapeAt("it was ‘grim’ then", "‘"), "open-weak");
    assert.equal(shapeAt("it was ‘grim’ then", "’"), "close-weak");
    assert.equal(shapeAt("‘Go,’ he said", "’"), "close");
    assert.equal(shapeAt("of the '60s", "'"), "apostrophe");
    assert.equal(shapeAt("O'Hara", "'"), "apostrophe");
    assert.equal(shapeAt("we waited. ' Then", "'"), "close");
  });

  it("pairs a lower-case quote only when it closes, and reads a close without punctuation", () => {
    assert.deepEqual(singles("He called the plan 'a farce', then left."), ["19:open", "27:close"]);
    // No close follows: an elision, not a quote.
    assert.deepEqual(singles("We'll see 'em at dawn, he said."), []);
    // Closed before an attribution, or before a comma, without punctuation inside.
    assert.deepEqual(singles("‘We will build it again’ she said."), ["0:open", "23:close"]);
    assert.deepEqual(singles("‘We will build it again’, she said."), ["0:open", "23:close"]);
  });

  it("keeps possessives inside a quote as apostrophes", () => {
    // A quote opening a sentence runs on past a possessive: it closes in a later sentence.
    assert.deepEqual(scanMarks("‘We went to the drivers’ depot first. ").end, ["’"]);
    // A phrase quoted after a word closes before a lower-case word when nothing else does.
    assert.deepEqual(singles("A law 'On Harbour Dues' was passed."), ["6:open", "22:close"]);
    const text = "‘We went to the drivers’ depot and the owners’ offices,’ said Pell.";
    assert.deepEqual(singles(text), ["0:open", "55:close"]);
    // A possessive before a comma is not the close when the real one follows.
    assert.deepEqual(singles("‘It was all the Hollins', every bit,’ she said."), [
      "0:open",
      "36:close",
    ]);
  });

  it("nests single quotes in double ones and double ones in single ones", () => {
    assert.deepEqual(scanMarks("“He shouted ‘Run’ at us,” she said.").end, []);
    assert.deepEqual(scanMarks("‘He shouted “Run” at us,’ she said.").end, []);
    assert.deepEqual(scanMarks("‘He shouted “Run” at us.").end, ["’"]);
  });

  it("balances a lone sentence of a single-quoted passage", () => {
    assert.equal(balanceQuotes("‘We asked twice."), "‘We asked twice.’");
    assert.equal(balanceQuotes("Nobody replied,’ said Pell."), "‘Nobody replied,’ said Pell.");
    assert.equal(
      balanceQuotes("The Tamsins’ dog barked at O'Hara."),
      "The Tamsins’ dog barked at O'Hara.",
    );
  });
});

describe("single-quoted passages", () => {
  it("shows each sentence of a single-quoted quote as the whole quote with its speaker", () => {
    const cases: [string[], string[]][] = [
      [
        [
          "The ferry stayed in port. ‘We checked the engines twice. The owners’ office never answered,’ said Nell Pike, the skipper.",
        ],
        [
          "The ferry stayed in port.",
          "‘We checked the engines twice. The owners’ office never answered,’ said Nell Pike, the skipper.",
        ],
      ],
      // Straight marks, over a paragraph that re-opens the quote (the mark is dropped).
      [
        [
          "Nell Pike said: 'The tide came in at six. We couldn't hold the pier.",
          "'By seven the harbourmaster's hut was gone.'",
          "The council will meet on Friday.",
        ],
        [
          "Nell Pike said: 'The tide came in at six. We couldn't hold the pier. By seven the harbourmaster's hut was gone.'",
          "The council will meet on Friday.",
        ],
      ],
    ];
    for (const [paragraphs, expected] of cases) {
      assert.deepEqual([...new Set(statements(paragraphs))], expected);
    }
  });

  it("does not link sentences over an apostrophe that looks like an opening mark", () => {
    const d = oneDoc([
      "'Tis the busiest week of the year at the quay. Boats queued from dawn.",
      "The harbourmaster counted forty of them.",
    ]);
    assert.equal(quotePassages(d).size, 0);
  });

  it("does not link sentences over plural possessives and elisions", () => {
    const d = oneDoc([
      "The Coles’ boat sank. The Pikes’ boat was fine.",
      "Nobody thought they'd see the ’70s storm again. The drivers' union met.",
    ]);
    assert.equal(quotePassages(d).size, 0);
  });

  it("merges the facts of a single-quoted passage two sources share, and keeps it out of the lead", () => {
    const quote = (who: string) =>
      `‘We told Dunmore Ferries in writing that the ramp was cracked. They chose to keep sailing,’ said ${who}, the crew’s union rep.`;
    const a = article(
      "a",
      ["A Dunmore Ferries ramp collapsed at Pellow Quay on Monday.", quote("Nell Pike")],
      "2025-03-04",
    );
    const b = article(
      "b",
      ["A ramp of Dunmore Ferries collapsed at Pellow Quay on Monday.", quote("Nell Pike")],
      "2025-03-04",
    );
    const brief = buildBrief([a, b], [family("a"), family("b")]);
    const withQuote = brief.facts.filter((f) => f.text.includes("keep sailing"));
    assert.equal(withQuote.length, 1);
    assert.ok(withQuote[0].text.startsWith("‘We told Dunmore Ferries"));
    assert.ok(withQuote[0].text.endsWith("union rep."));
    assert.equal(withQuote[0].independent, 2);
    assert.doesNotMatch(brief.lead, /We told Dunmore|keep sailing/);
  });
});
