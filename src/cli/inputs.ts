/**
 * How commands read their inputs: files, directories, JSONL, stdin, `.gz`, and also feed files,
 * feed URLs and article URLs (fetched safely: private addresses refused unless
 * --allow-private). One place, so every command takes the same inputs and flag.
 */
import { Option } from "commander";
import { readAnyInputs } from "../ingest/feeds/read-any-inputs.js";
import { extractBatch } from "../extract/index.js";
import { ProgressBar } from "../ingest/progress.js";
import type { Article, InputError, RawInput } from "../model.js";
import type { CliContext } from "./context.js";

export const INPUTS_HELP =
  "files (.txt, .html, .htm, .jsonl, any .gz), directories, - for stdin, feed files\n" +
  "(RSS, Atom, JSON Feed, OPML), feed URLs or article URLs";

export interface InputFlags {
  allowPrivate?: boolean;
}

/** The --allow-private option of every command that reads inputs. */
export function allowPrivateOption(): Option {
  return new Option(
    "--allow-private",
    "let URLs reach loopback and private-network addresses (local testing only)",
  );
}

/** Reads every input in argument order; ids unique over the batch. */
export function readCliInputs(
  ctx: CliContext,
  args: readonly string[],
  flags: InputFlags,
): Promise<{ inputs: RawInput[]; errors: InputError[] }> {
  return readAnyInputs(args, {
    stdin: ctx.io.stdin,
    fetch: { allowPrivate: flags.allowPrivate === true },
  });
}

/** `extractBatch` with a progress line on a terminal's stderr (cleared when done). */
export function extractWithProgress(
  ctx: CliContext,
  inputs: readonly RawInput[],
): { articles: Article[]; errors: InputError[] } {
  const bar = new ProgressBar(ctx.io.stderr, 2 * inputs.length);
  const result = extractBatch(inputs, (done) => bar.update(done));
  bar.finish();
  return result;
}
