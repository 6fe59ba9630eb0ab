/**
 * `crosscheck extract <input...>`: reads files, directories, JSONL or stdin, extracts each
 * article and prints it as readable text (default), one JSON document, or JSON lines.
 */
import type { Command } from "commander";
import type { Article } from "../../model.js";
import { GENERATOR } from "../../version.js";
import { type CliContext, UsageError } from "../context.js";
import {
  allowPrivateOption,
  extractWithProgress,
  INPUTS_HELP,
  type InputFlags,
  readCliInputs,
} from "../inputs.js";

const FORMATS = ["text", "json", "jsonl"] as const;
type Format = (typeof FORMATS)[number];

interface ExtractOptions {
  format: string;
  showRemoved?: boolean;
}

export function registerExtract(program: Command, ctx: CliContext): void {
  program
    .command("extract")
    .description(
      "Extract the article from each input: clean body, title, date, outlet, language, and the boilerplate lines removed with the reason for each. On a terminal, a progress line on stderr.",
    )
    .argument("<input...>", INPUTS_HELP)
    .addOption(allowPrivateOption())
    .option("-f, --format <format>", "output format: text, json or jsonl", "text")
    .option("--show-removed", "in text output, also list removed lines with their reasons")
    .addHelpText(
      "after",
      "\nExit status: 0 all extracted, 1 some inputs failed (each named on stderr), 2 usage error.",
    )
    .action(async (inputs: string[], options: ExtractOptions & InputFlags) => {
      if (!FORMATS.includes(options.format as Format)) {
        throw new UsageError(`unknown format "${options.format}" (use text, json or jsonl)`);
      }
      const read = await readCliInputs(ctx, inputs, options);
      const { articles, errors } = extractWithProgress(ctx, read.inputs);
      const out = ctx.io.stdout;
      switch (options.format as Format) {
        case "json":
          out.write(
            `${JSON.stringify({ generator: GENERATOR, articles: articles.map(toJson) }, null, 2)}\n`,
          );
          break;
        case "jsonl":
          for (const a of articles) {
            out.write(`${JSON.stringify({ generator: GENERATOR, ...toJson(a) })}\n`);
          }
          break;
        default:
          out.write(articles.map((a) => toText(a, options.showRemoved === true)).join("\n"));
      }
      ctx.reportInputErrors([...read.errors, ...errors]);
    });
}

/** The JSON shape of one extracted article (field order fixed for stable output). */
function toJson(a: Article): Record<string, unknown> {
  return {
    id: a.id,
    title: a.title,
    byline: a.byline,
    published: a.published,
    publishedPrecision: a.publishedPrecision,
    outlet: a.outlet,
    url: a.url,
    language: a.language,
    source: a.origin.name,
    paragraphs: a.paragraphs,
    headings: a.headings,
    removed: a.removed,
    diagnostics: a.diagnostics,
    contentHash: a.contentHash,
  };
}

function toText(a: Article, showRemoved: boolean): string {
  const lines: string[] = [];
  lines.push(`# ${a.title ?? "(no title)"}`);
  lines.push(`id: ${a.id}`);
  if (a.outlet) lines.push(`outlet: ${a.outlet}`);
  if (a.byline) lines.push(`byline: ${a.byline}`);
  if (a.published) lines.push(`published: ${a.published}`);
  if (a.url) lines.push(`url: ${a.url}`);
  lines.push(`language: ${a.language ?? "unknown"}`);
  for (const d of a.diagnostics) lines.push(`note: ${d.code}: ${d.message}`);
  lines.push("");
  a.paragraphs.forEach((p, i) => {
    lines.push(a.headings.includes(i) ? `## ${p}` : p);
    lines.push("");
  });
  if (showRemoved && a.removed.length > 0) {
    lines.push(`removed (${a.removed.length}):`);
    for (const r of a.removed) lines.push(`  [${r.reason}] ${r.text}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
