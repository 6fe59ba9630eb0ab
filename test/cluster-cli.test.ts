import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";

const line = (id: string, text: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ id, text, ...extra });

const WIRE =
  "The Norland central bank raised its main interest rate to 4.5 percent on Thursday, its third rise this year.\\n" +
  "Governor Elsa Marten said inflation of 6.1 percent was far above target and more rises could follow.\\n" +
  "The krone rose 1.2 percent against the euro after the announcement.";

const INPUT = [
  JSON.stringify({ id: "w1", text: WIRE.replace(/\\n/g, "\n"), title: "Norland raises rates" }),
  line(
    "f1",
    "Wildfires forced 2,000 people to leave their homes near Alvik on Friday as strong winds fanned the flames.\nFirefighters from three regions battled the blaze overnight.",
  ),
  JSON.stringify({ id: "w2", text: `Home | Markets\n${WIRE.replace(/\\n/g, "\n")}` }),
  line(
    "f2",
    "Firefighters near Alvik battled wildfires through the night after 2,000 residents fled their homes.\nWinds of 80 km/h fanned the flames, the regional fire service said.",
  ),
].join("\n");

describe("crosscheck cluster", () => {
  it("draws a progress line on a terminal's stderr, cleared before the output, same stdout", async () => {
    const plain = await runCli(["cluster", "-"], `${INPUT}\n`);
    const tty = await runCli(["cluster", "-"], `${INPUT}\n`, {}, true);
    assert.equal(tty.code, 0);
    assert.equal(tty.stdout, plain.stdout);
    assert.match(tty.stderr, /4\/4\s+100%/);
    assert.ok(tty.stderr.endsWith("\r\x1b[K"), JSON.stringify(tty.stderr));
    assert.equal(plain.stderr, "");
  });
  it("prints one line per article in input order with its story and copy family", async () => {
    const { code, stdout, stderr } = await runCli(["cluster", "-"], `${INPUT}\n`);
    assert.equal(stderr, "");
    assert.equal(code, 0);
    const rows = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(rows, [
      { id: "w1", story: "w1", family: "w1" },
      { id: "f1", story: "f1", family: "f1" },
      { id: "w2", story: "w1", family: "w1" },
      { id: "f2", story: "f1", family: "f2" },
    ]);
  });

  it("prints the stories with their sizes and titles in summary format", async () => {
    const { code, stdout } = await runCli(["cluster", "--format", "summary", "-"], `${INPUT}\n`);
    assert.equal(code, 0);
    assert.match(stdout, /^4 articles, 2 stories, 3 copy families\n/);
    assert.match(stdout, /w1\t2 articles\t1 family\tNorland raises rates\n/);
  });

  it("is deterministic: the same input gives the same bytes", async () => {
    const a = await runCli(["cluster", "-"], `${INPUT}\n`);
    const b = await runCli(["cluster", "-"], `${INPUT}\n`);
    assert.equal(a.stdout, b.stdout);
  });

  it("names a bad input on stderr, exits 1 and still clusters the rest", async () => {
    const { code, stdout, stderr } = await runCli(
      ["cluster", "-", "no/such/file.jsonl"],
      `${INPUT}\n`,
    );
    assert.equal(code, 1);
    assert.match(stderr, /^crosscheck: no\/such\/file\.jsonl: /m);
    assert.equal(stdout.trim().split("\n").length, 4);
  });

  it("keeps a line, with the reason, for an input that yields no article, in input order", async () => {
    const input = [
      JSON.parse(INPUT.split("\n")[0]),
      { id: "headline", text: "June 6, 2024\nHarbour pilot retires at 70" },
      { id: "empty", text: "" },
      JSON.parse(INPUT.split("\n")[2]),
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    const { code, stdout, stderr } = await runCli(["cluster", "-"], `${input}\n`);
    assert.equal(code, 1);
    assert.match(stderr, /^crosscheck: stdin:2: no article text found$/m);
    assert.match(stderr, /^crosscheck: stdin:3: empty input$/m);
    assert.deepEqual(
      stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
      [
        { id: "w1", story: "w1", family: "w1" },
        { id: "headline", story: null, family: null, error: "no article text found" },
        { id: "empty", story: null, family: null, error: "empty input" },
        { id: "w2", story: "w1", family: "w1" },
      ],
    );
  });

  it("gives a report that came before its story took shape a second look at the end", async () => {
    // a2 is too far from a1 alone when it arrives (a story of its own), but close to the story
    // a1, a3 and a4 make by the end of the batch.
    const reports = [
      [
        "a1",
        "A magnitude 6.3 earthquake struck near Port Avel on Sunday, killing 12 people. Rescue teams searched collapsed buildings through the night.",
      ],
      [
        "a2",
        "Aftershocks rattled Port Avel on Monday as the harbour stayed shut and ferries to Lenmor were cancelled.",
      ],
      [
        "a3",
        "The Port Avel earthquake killed 12 people on Sunday. Rescue teams searched collapsed buildings through the night as aftershocks rattled the town.",
      ],
      [
        "a4",
        "Rescue teams in Port Avel searched collapsed buildings after the magnitude 6.3 earthquake; the harbour stayed shut on Monday.",
      ],
      ["b1", "The Norland central bank raised its main interest rate to 4.5 percent on Thursday."],
    ];
    const input = reports.map(([id, text]) => line(id, text)).join("\n");
    const { code, stdout } = await runCli(["cluster", "-"], `${input}\n`);
    assert.equal(code, 0);
    const stories = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).story);
    assert.deepEqual(stories, ["a1", "a1", "a1", "a1", "b1"]);
  });

  it("says 1 story and 1 copy family in the summary, not 1 stories", async () => {
    const one = `${INPUT.split("\n")[0]}\n`;
    const { code, stdout } = await runCli(["cluster", "--format", "summary", "-"], one);
    assert.equal(code, 0);
    assert.match(stdout, /^1 article, 1 story, 1 copy family\n/);
  });

  it("exits 2 on an unknown format", async () => {
    const { code, stderr } = await runCli(["cluster", "--format", "xml", "-"], INPUT);
    assert.equal(code, 2);
    assert.match(stderr, /--format must be jsonl or summary/);
  });
});
