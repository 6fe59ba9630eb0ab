/** `crosscheck import <file>`: loads a `crosscheck export` JSONL into an empty store. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { ExportRecord } from "../../store/store.js";
import { type CliContext, EXIT_INPUT_FAILED } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";

async function* readRecords(
  stream: NodeJS.ReadableStream,
  name: string,
): AsyncIterable<ExportRecord> {
  let line = 0;
  for await (const text of createInterface({
    input: stream,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    line++;
    if (text.trim() === "") continue;
    try {
      yield JSON.parse(text) as ExportRecord;
    } catch (err) {
      throw new Error(`${name}:${line}: not valid JSON: ${(err as Error).message}`);
    }
  }
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description(
      "Load a JSONL file written by `crosscheck export` into an empty store, in one " +
        "transaction: all of it or nothing.",
    )
    .argument("<file>", "the export file, or - for stdin")
    .option("--db <path|url>", DB_OPTION_HELP)
    .action(async (file: string, opts: { db?: string }) => {
      const store = await openStoreForCli(ctx, opts.db);
      try {
        const stream = file === "-" ? ctx.io.stdin : createReadStream(file);
        const n = await store.importRecords(readRecords(stream, file));
        ctx.note(`imported ${n} records into ${store.location}`);
      } catch (err) {
        ctx.io.stderr.write(`crosscheck: ${file}: ${(err as Error).message}\n`);
        ctx.fail(EXIT_INPUT_FAILED);
      } finally {
        await store.close();
      }
    });
}
