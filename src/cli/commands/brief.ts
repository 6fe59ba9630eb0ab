/**
 * `crosscheck brief`: reads the reports of one story (files, directories, JSONL, stdin) and
 * writes its cross-checked brief as Markdown, JSON or HTML; `--batch` writes one JSON brief
 * per story line of a JSONL file.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { buildBrief } from "../../brief/build-brief.js";
import { renderHtml } from "../../brief/render-html.js";
import { renderMarkdown } from "../../brief/render-markdown.js";
import { extractBatch } from "../../extract/index.js";
import { findCopyFamilies } from "../../match/copy-families.js";
import type { Article, Brief, InputError, RawInput } from "../../model.js";
import { errorMessage } from "../../ingest/read-inputs.js";
import { uniqueIds } from "../../ids.js";
import { type CliContext, UsageError } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";
import { allowPrivateOption, INPUTS_HELP, type InputFlags, readCliInputs } from "../inputs.js";

const FORMATS = ["md", "json", "html"] as const;
export type Format = (typeof FORMATS)[number];

interface BriefFlags extends InputFlags {
  story?: string;
  db?: string;
  format: string;
  leadWords?: string;
  batch?: string;
  id?: string;
}

/** Extraction: the extract stage, whole batch at once (it learns site furniture across inputs). */
function extract(inputs: RawInput[]): { articles: Article[]; errors: InputError[] } {
  return extractBatch(inputs);
}

export function registerBrief(program: Command, ctx: CliContext): void {
  program
    .command("brief")
    .description(
      "write the cross-checked brief of one story (lead, established facts, single-source claims, " +
        "disputes, contradictions, quotes, timeline, actors, sources)",
    )
    .argument("[inputs...]", INPUTS_HELP)
    .addOption(allowPrivateOption())
    .option("-f, --format <format>", "output format: md, json or html", "md")
    .option("--lead-words <n>", "target length of the lead in words (default 80)")
    .option("--id <id>", "story id written into the brief")
    .option("--story <id>", "brief a stored story (see `crosscheck stories`) instead of inputs")
    .option("--db <path|url>", DB_OPTION_HELP)
    .option(
      "--batch <file>",
      'JSONL of stories, one per line: {"id", "articles": [{"id", "title"?, "text"|"html", "published"?}]};\n' +
        "writes one JSON brief per line",
    )
    .addHelpText(
      "after",
      "\nSource ids are input file names without extension (or the JSONL id).\n" +
        "Exit status: 0 all good, 1 some inputs or batch lines failed (named on stderr), 2 usage error.",
    )
    .action(async (inputs: string[], flags: BriefFlags) => {
      const format = flags.format as Format;
      if (!FORMATS.includes(format))
        throw new UsageError(`unknown --format "${flags.format}" (md, json or html)`);
      let leadWords: number | undefined;
      if (flags.leadWords !== undefined) {
        leadWords = Number(flags.leadWords);
        if (!Number.isInteger(leadWords) || leadWords < 10 || leadWords > 1000) {
          throw new UsageError(
            `--lead-words must be a whole number from 10 to 1000, not "${flags.leadWords}"`,
          );
        }
      }
      if (flags.story !== undefined) {
        if (inputs.length > 0 || flags.batch !== undefined)
          throw new UsageError("--story takes no inputs and no --batch");
        await briefStoredStory(ctx, flags.story, flags.db, format, leadWords);
        return;
      }
      if (flags.batch !== undefined) {
        if (inputs.length > 0) throw new UsageError("--batch takes no other inputs");
        if (format !== "json") ctx.note("crosscheck: --batch writes JSON lines; --format ignored");
        await runBatch(ctx, flags.batch, leadWords);
        return;
      }
      if (inputs.length === 0)
        throw new UsageError("brief needs at least one input (or --batch FILE)");
      const read = await readCliInputs(ctx, inputs, flags);
      ctx.reportInputErrors(read.errors);
      const brief = briefOf(ctx, read.inputs, { id: flags.id, leadWords });
      if (!brief) return;
      ctx.io.stdout.write(render(brief, format));
    });
}

export function render(brief: Brief, format: Format): string {
  if (format === "json") return `${JSON.stringify(brief, null, 2)}\n`;
  if (format === "html") return renderHtml(brief);
  return renderMarkdown(brief);
}

export function briefOf(
  ctx: CliContext,
  inputs: RawInput[],
  options: { id?: string; leadWords?: number },
): Brief | null {
  const extracted = extract(inputs);
  ctx.reportInputErrors(extracted.errors);
  if (extracted.articles.length === 0) {
    ctx.note("crosscheck: no articles to brief");
    ctx.fail(1);
    return null;
  }
  return buildBrief(extracted.articles, findCopyFamilies(extracted.articles), {
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(options.leadWords !== undefined ? { leadWords: options.leadWords } : {}),
  });
}

interface StoryLine {
  id: string;
  articles: {
    id?: unknown;
    title?: unknown;
    text?: unknown;
    html?: unknown;
    published?: unknown;
  }[];
}

function parseStory(line: string): StoryLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`not JSON: ${errorMessage(err)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("not a JSON object");
  const story = value as Record<string, unknown>;
  if (typeof story.id !== "string" || story.id === "") throw new Error('missing string "id"');
  if (!Array.isArray(story.articles) || story.articles.length === 0)
    throw new Error('missing non-empty "articles" array');
  story.articles.forEach((a, i) => {
    if (typeof a !== "object" || a === null) throw new Error(`articles[${i}] is not an object`);
    const r = a as Record<string, unknown>;
    if (typeof r.text !== "string" && typeof r.html !== "string")
      throw new Error(`articles[${i}] has no "text" or "html"`);
  });
  return story as unknown as StoryLine;
}

async function runBatch(
  ctx: CliContext,
  file: string,
  leadWords: number | undefined,
): Promise<void> {
  let content: string;
  try {
    content = await readFile(file, "utf8");
  } catch (err) {
    ctx.reportInputErrors([{ input: file, message: errorMessage(err) }]);
    return;
  }
  const lines = content.split("\n");
  const total = lines.filter((l) => l.trim() !== "").length;
  const tty = ctx.io.stderr.isTTY === true;
  let done = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const where = `${file}:${i + 1}`;
    try {
      const story = parseStory(line);
      const ids = uniqueIds(
        story.articles.map((a, k) => (typeof a.id === "string" && a.id ? a.id : `${k + 1}`)),
      );
      const inputs: RawInput[] = story.articles.map((a, k) => ({
        id: ids.ids[k],
        origin: { kind: "jsonl", name: `${where}#${k + 1}`, line: i + 1 },
        ...(typeof a.text === "string" ? { text: a.text } : {}),
        ...(typeof a.html === "string" ? { html: a.html } : {}),
        meta: {
          ...(typeof a.title === "string" ? { title: a.title } : {}),
          ...(typeof a.published === "string" ? { published: a.published } : {}),
        },
      }));
      const extracted = extract(inputs);
      if (extracted.articles.length === 0) throw new Error("no usable article");
      for (const e of extracted.errors)
        ctx.reportInputErrors([{ input: `${where}: ${e.input}`, message: e.message }]);
      const brief = buildBrief(extracted.articles, findCopyFamilies(extracted.articles), {
        id: story.id,
        ...(leadWords !== undefined ? { leadWords } : {}),
      });
      ctx.io.stdout.write(`${JSON.stringify(brief)}\n`);
    } catch (err) {
      ctx.reportInputErrors([{ input: where, message: errorMessage(err) }]);
    }
    done++;
    if (tty) {
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      ctx.io.stderr.write(
        `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`,
      );
    }
  }
  if (tty) ctx.io.stderr.write("\n");
}

/**
 * The brief of a stored story, from the store's articles and copy families. A brief rendered
 * at the story's current revision is served from the store's cache; otherwise it is built,
 * rendered and cached.
 */
async function briefStoredStory(
  ctx: CliContext,
  storyId: string,
  db: string | undefined,
  format: Format,
  leadWords: number | undefined,
): Promise<void> {
  const store = await openStoreForCli(ctx, db);
  try {
    const loaded = await store.loadStory(storyId);
    if (!loaded) {
      ctx.reportInputErrors([
        { input: storyId, message: `no such story in ${store.location} (see crosscheck stories)` },
      ]);
      return;
    }
    const cacheKey = leadWords === undefined ? `cli-${format}` : `cli-${format}-lead${leadWords}`;
    const cached = await store.getCachedBrief(loaded.story.id, cacheKey);
    if (cached && cached.revision === loaded.revision) {
      ctx.io.stdout.write(cached.body);
      return;
    }
    const brief = buildBrief(loaded.articles, loaded.families, {
      id: loaded.story.id,
      ...(leadWords !== undefined ? { leadWords } : {}),
    });
    const body = render(brief, format);
    await store.putCachedBrief(
      { storyId: loaded.story.id, format: cacheKey, revision: loaded.revision, body },
      new Date().toISOString(),
    );
    ctx.io.stdout.write(body);
  } finally {
    await store.close();
  }
}
