/**
 * `crosscheck stories`: the stored stories, most recently grown first, with size and sources;
 * `--search WORDS` keeps those whose articles hold every word (best match first).
 */
import type { Command } from "commander";
import { GENERATOR } from "../../version.js";
import { type CliContext, UsageError } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";

export function registerStories(program: Command, ctx: CliContext): void {
  program
    .command("stories")
    .description(
      "List stored stories, most recently grown first: id, articles, independent sources " +
        "(copy families) and title.",
    )
    .option("--db <path|url>", DB_OPTION_HELP)
    .option("--format <format>", "text or json", "text")
    .option("--limit <n>", "show at most n stories (a search shows 50 unless told)")
    .option(
      "--search <words>",
      "only stories with an article whose title or body holds every word (as a word prefix), best match first",
    )
    .action(async (opts: { db?: string; format: string; limit?: string; search?: string }) => {
      if (opts.format !== "text" && opts.format !== "json") {
        throw new UsageError(`--format must be text or json, not ${opts.format}`);
      }
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
        throw new UsageError(`--limit must be a whole number, not ${opts.limit}`);
      }
      const store = await openStoreForCli(ctx, opts.db);
      try {
        const stories =
          opts.search === undefined
            ? await store.listStories({ limit })
            : await store.searchStories(opts.search, { limit });
        if (opts.format === "json") {
          ctx.io.stdout.write(`${JSON.stringify({ generator: GENERATOR, stories }, null, 2)}\n`);
          return;
        }
        if (stories.length === 0) {
          ctx.note(
            opts.search === undefined
              ? `no stories in ${store.location}`
              : `no story in ${store.location} matches ${JSON.stringify(opts.search)}`,
          );
          return;
        }
        const idWidth = Math.max(2, ...stories.map((s) => s.id.length));
        ctx.io.stdout.write(`${"ID".padEnd(idWidth)}  ARTICLES  SOURCES  TITLE\n`);
        for (const s of stories) {
          ctx.io.stdout.write(
            `${s.id.padEnd(idWidth)}  ${String(s.size).padStart(8)}  ${String(s.families).padStart(7)}  ${s.title ?? "(untitled)"}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
