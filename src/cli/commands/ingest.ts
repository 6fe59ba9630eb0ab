/**
 * `crosscheck ingest <inputs...>`: extract, fingerprint, cluster and store each input,
 * one transaction per article; `--queue` enqueues them for `crosscheck worker` instead.
 */
import type { Command } from "commander";
import { openPipeline, PIPELINES, type PipelineName } from "../../ingest/default-pipeline.js";
import { type IngestSummary, ingestInputs } from "../../ingest/ingest-pipeline.js";
import { ProgressBar } from "../../ingest/progress.js";
import { openStore, resolveDbSpec } from "../../store/open-store.js";
import type { Store } from "../../store/store.js";
import { type CliContext, UsageError } from "../context.js";
import { allowPrivateOption, INPUTS_HELP, type InputFlags, readCliInputs } from "../inputs.js";

/** The --db option's help, shared by every store command. */
export const DB_OPTION_HELP =
  "store: a SQLite file path or a postgres:// URL (default: $CROSSCHECK_DB, else ./crosscheck.db)";

/** Opens the store named by --db / $CROSSCHECK_DB; an unusable store is a usage error (exit 2). */
export async function openStoreForCli(ctx: CliContext, db: string | undefined): Promise<Store> {
  const spec = resolveDbSpec(db, ctx.io.env);
  try {
    return await openStore(spec);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The --pipeline option's help, shared with `crosscheck worker`. */
export const PIPELINE_OPTION_HELP =
  "default (real extractor + story clusterer) or simple (fast stand-in, for tests and benchmarks)";

/** Checks a --pipeline value. */
export function checkPipeline(name: string): PipelineName {
  if (!(PIPELINES as readonly string[]).includes(name)) {
    throw new UsageError(`--pipeline must be ${PIPELINES.join(" or ")}, not ${name}`);
  }
  return name as PipelineName;
}

/** "ingested 10, duplicates 2, failed 1 (…)" */
export function formatSummary(summary: IngestSummary): string {
  const reasons = new Map<string, number>();
  for (const f of summary.failed) reasons.set(f.message, (reasons.get(f.message) ?? 0) + 1);
  const why = [...reasons.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([message, n]) => `${n}× ${message}`)
    .join("; ");
  return (
    `ingested ${summary.ingested} (${summary.newStories} new stories, ${summary.newVersions} new versions), ` +
    `duplicates ${summary.duplicates}, failed ${summary.failed.length}${why ? ` (${why})` : ""}`
  );
}

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command("ingest")
    .description(
      "Store inputs incrementally: extract, fingerprint, assign to a story and copy family, " +
        "one transaction per article. Inputs already stored (same content) are skipped, so a " +
        "rerun after a crash picks up where it stopped.",
    )
    .argument("<inputs...>", INPUTS_HELP)
    .addOption(allowPrivateOption())
    .option("--db <path|url>", DB_OPTION_HELP)
    .option("--queue", "enqueue the inputs for `crosscheck worker` instead of processing them")
    .option("--pipeline <name>", PIPELINE_OPTION_HELP, "default")
    .option("-q, --quiet", "no progress bar and no summary")
    .action(
      async (
        args: string[],
        opts: { db?: string; queue?: boolean; quiet?: boolean; pipeline: string } & InputFlags,
      ) => {
        const pipelineName = checkPipeline(opts.pipeline);
        const store = await openStoreForCli(ctx, opts.db);
        try {
          const { inputs, errors } = await readCliInputs(ctx, args, opts);
          const now = () => new Date().toISOString();
          if (opts.queue) {
            const queued = await store.enqueue(inputs, now());
            ctx.reportInputErrors(errors);
            if (!opts.quiet) {
              ctx.note(`queued ${queued}, failed ${errors.length} in ${store.location}`);
            }
            return;
          }
          const bar = opts.quiet
            ? null
            : new ProgressBar(ctx.io.stderr, inputs.length + errors.length);
          const pipeline = await openPipeline(store, pipelineName);
          const summary = await ingestInputs(store, pipeline, inputs, errors, {
            now,
            onProgress: (done) => bar?.update(done),
          });
          bar?.update(summary.total, true);
          bar?.finish();
          ctx.reportInputErrors(summary.failed);
          if (!opts.quiet) ctx.note(`${formatSummary(summary)} in ${store.location}`);
        } finally {
          await store.close();
        }
      },
    );
}
