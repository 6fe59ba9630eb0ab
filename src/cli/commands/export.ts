/** `crosscheck export`: the whole store as JSONL (lossless; re-import with `crosscheck import`). */
import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description(
      "Write the store as JSONL: a header line, then stories, families and articles (with their " +
        "raw input, fingerprint, LSH buckets and analyses). The job queue and cached briefs are " +
        "not exported. Export, import into an empty store and export again gives identical bytes.",
    )
    .option("--db <path|url>", DB_OPTION_HELP)
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (opts: { db?: string; output?: string }) => {
      const store = await openStoreForCli(ctx, opts.db);
      const file = opts.output ? createWriteStream(opts.output) : null;
      try {
        let n = 0;
        for await (const record of store.exportRecords()) {
          const line = `${JSON.stringify(record)}\n`;
          if (file) {
            if (!file.write(line)) await new Promise<void>((r) => file.once("drain", () => r()));
          } else ctx.io.stdout.write(line);
          n++;
        }
        if (file) ctx.note(`exported ${n} records to ${opts.output}`);
      } finally {
        if (file) await new Promise<void>((r) => file.end(() => r()));
        await store.close();
      }
    });
}
