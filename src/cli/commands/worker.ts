/**
 * `crosscheck worker`: processes inputs queued by `crosscheck ingest --queue`. Many workers can
 * share one PostgreSQL store: each job is claimed with FOR UPDATE SKIP LOCKED and committed in
 * the same transaction as its article, so none is lost or processed twice.
 */
import type { Command } from "commander";
import { openPipeline } from "../../ingest/default-pipeline.js";
import { emptySummary, workQueue } from "../../ingest/ingest-pipeline.js";
import { type CliContext, UsageError } from "../context.js";
import {
  checkPipeline,
  DB_OPTION_HELP,
  formatSummary,
  openStoreForCli,
  PIPELINE_OPTION_HELP,
} from "./ingest.js";

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command("worker")
    .description(
      "Process queued inputs (from `crosscheck ingest --queue`) until the queue is empty; " +
        "with --follow, keep polling for new ones. Run several at once on PostgreSQL.",
    )
    .option("--db <path|url>", DB_OPTION_HELP)
    .option("--follow", "keep waiting for new jobs instead of exiting when the queue is empty")
    .option("--poll <ms>", "with --follow: how long to wait when the queue is empty", "1000")
    .option("--max-jobs <n>", "stop after this many jobs")
    .option("--pipeline <name>", PIPELINE_OPTION_HELP, "default")
    .option("-q, --quiet", "no summary")
    .action(
      async (opts: {
        db?: string;
        follow?: boolean;
        poll: string;
        maxJobs?: string;
        quiet?: boolean;
        pipeline: string;
      }) => {
        const pipelineName = checkPipeline(opts.pipeline);
        const poll = Number(opts.poll);
        if (!(poll > 0)) throw new UsageError(`--poll must be a positive number, not ${opts.poll}`);
        const maxJobs = opts.maxJobs === undefined ? undefined : Number(opts.maxJobs);
        if (maxJobs !== undefined && !(Number.isInteger(maxJobs) && maxJobs > 0)) {
          throw new UsageError(`--max-jobs must be a positive whole number, not ${opts.maxJobs}`);
        }
        const store = await openStoreForCli(ctx, opts.db);
        const pipeline = await openPipeline(store, pipelineName);
        const total = emptySummary();
        try {
          for (;;) {
            const left = maxJobs === undefined ? undefined : maxJobs - total.total;
            const s = await workQueue(store, pipeline, { maxJobs: left });
            total.total += s.total;
            total.ingested += s.ingested;
            total.duplicates += s.duplicates;
            total.newStories += s.newStories;
            total.newVersions += s.newVersions;
            total.failed.push(...s.failed);
            if (!opts.follow || (maxJobs !== undefined && total.total >= maxJobs)) break;
            if (s.total === 0) await new Promise((r) => setTimeout(r, poll));
          }
          ctx.reportInputErrors(total.failed);
          if (!opts.quiet) ctx.note(`${formatSummary(total)} in ${store.location}`);
        } finally {
          await store.close();
        }
      },
    );
}
