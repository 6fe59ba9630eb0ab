/**
 * Incremental ingestion: each input is hashed (already stored: skipped), extracted,
 * fingerprinted, then committed to the store in one transaction together with its story and
 * copy-family assignment. The stages are injected (`Pipeline`), so the loop is testable with
 * fakes and runs the real extractor and clusterer once they are wired in.
 */
import type { Article, InputError, RawInput } from "../model.js";
import { hashRawInput } from "../store/raw-input-codec.js";
import type {
  AssignContext,
  Assignment,
  CommitOutcome,
  FailedInput,
  Fingerprint,
  PreparedArticle,
  Store,
} from "../store/store.js";

/** The pipeline stages ingestion runs; each is pure (no I/O, no clock). */
export interface Pipeline {
  /** A short name recorded in summaries ("simple", "default", …). */
  readonly name: string;
  /** Turns one raw input into an article, or says why it cannot. */
  extract(input: RawInput): Article | InputError;
  /** The article's fingerprint (opaque data) and its LSH bucket keys (integers below 2^52). */
  fingerprint(article: Article): Fingerprint;
  /** Story and copy family of a new article, given its stored neighbours. */
  assign(article: Article, ctx: AssignContext): Assignment;
  /** Per-article analysis results worth keeping, by kind (optional). */
  analyse?(article: Article): Record<string, unknown>;
  /**
   * Stateful clusterers only: the last arrival number the pipeline has seen; the store then
   * hands `assign` every article committed after it (`AssignContext.log`), under the lock.
   */
  logSince?(): number;
  /** Stateful clusterers only: told how each commit ended (null: it threw and rolled back). */
  settled?(outcome: CommitOutcome | null, article: Article): void;
  /**
   * Stateful clusterers only: awaited before each input with the store being written (bind to
   * it on first use, reload after a failure, save checkpoints).
   */
  sync?(now: string, store: Store): Promise<void>;
}

/** Counts and failures of one ingest run. */
export interface IngestSummary {
  /** Inputs seen (including ones that failed while being read). */
  total: number;
  ingested: number;
  duplicates: number;
  /** Of the ingested: articles that started a new story. */
  newStories: number;
  /** Of the ingested: changed versions of a URL already stored. */
  newVersions: number;
  failed: InputError[];
}

export interface IngestOptions {
  /** ISO timestamp recorded on rows; injected so tests are deterministic. */
  now?: () => string;
  /** Called after each input with the number done so far. */
  onProgress?: (done: number, summary: IngestSummary) => void;
}

/** True when a pipeline's extract returned an error rather than an article. */
function isInputError(value: Article | InputError): value is InputError {
  return !("contentHash" in value) && "message" in value;
}

/** Runs the pure stages on one input: extraction, fingerprint, analyses. Never throws. */
export function prepareInput(pipeline: Pipeline, input: RawInput): PreparedArticle | FailedInput {
  try {
    const extracted = pipeline.extract(input);
    if (isInputError(extracted)) return { kind: "failed", error: extracted };
    return {
      kind: "article",
      input,
      inputHash: hashRawInput(input),
      article: extracted,
      fingerprint: pipeline.fingerprint(extracted),
      analyses: pipeline.analyse?.(extracted),
      logSince: pipeline.logSince?.(),
    };
  } catch (err) {
    return {
      kind: "failed",
      error: { input: input.origin.name, message: `cannot process: ${(err as Error).message}` },
    };
  }
}

export function emptySummary(): IngestSummary {
  return { total: 0, ingested: 0, duplicates: 0, newStories: 0, newVersions: 0, failed: [] };
}

/** Adds one commit outcome to a summary. */
export function countOutcome(summary: IngestSummary, outcome: CommitOutcome): void {
  if (outcome.status === "stored") {
    summary.ingested++;
    if (outcome.newStory) summary.newStories++;
    if (outcome.version > 1) summary.newVersions++;
  } else if (outcome.status === "duplicate") summary.duplicates++;
  else summary.failed.push(outcome.error);
}

/**
 * Extracts, fingerprints and assigns one input and commits it in its own transaction. The
 * caller runs `pipeline.sync` first (ingestInputs does, once per input).
 */
export async function commitInput(
  store: Store,
  pipeline: Pipeline,
  input: RawInput,
  now: () => string,
): Promise<CommitOutcome> {
  const prepared = prepareInput(pipeline, input);
  if (prepared.kind === "failed") return { status: "failed", error: prepared.error };
  let outcome: CommitOutcome;
  try {
    outcome = await store.commitArticle(
      prepared,
      (article, ctx) => pipeline.assign(article, ctx),
      now(),
    );
  } catch (err) {
    pipeline.settled?.(null, prepared.article);
    throw err;
  }
  pipeline.settled?.(outcome, prepared.article);
  return outcome;
}

/**
 * Ingests inputs one by one, each in its own transaction. `readErrors` (inputs that failed
 * while being read) are counted as failed. Safe to rerun after a crash: stored inputs are
 * recognised by hash and skipped before extraction.
 */
export async function ingestInputs(
  store: Store,
  pipeline: Pipeline,
  inputs: Iterable<RawInput> | AsyncIterable<RawInput>,
  readErrors: readonly InputError[] = [],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const now = options.now ?? (() => new Date().toISOString());
  const summary = emptySummary();
  for (const error of readErrors) {
    summary.total++;
    summary.failed.push(error);
  }
  let done = readErrors.length;
  for await (const input of inputs) {
    summary.total++;
    await pipeline.sync?.(now(), store);
    if (await store.hasInput(hashRawInput(input))) {
      summary.duplicates++;
    } else {
      countOutcome(summary, await commitInput(store, pipeline, input, now));
    }
    done++;
    options.onProgress?.(done, summary);
  }
  return summary;
}

/**
 * Processes queued jobs until the queue is empty (or `maxJobs` are done). Each job is claimed,
 * processed and committed in one transaction: a worker killed mid-job leaves it queued.
 */
export async function workQueue(
  store: Store,
  pipeline: Pipeline,
  options: IngestOptions & { maxJobs?: number } = {},
): Promise<IngestSummary> {
  const now = options.now ?? (() => new Date().toISOString());
  const summary = emptySummary();
  const max = options.maxJobs ?? Number.POSITIVE_INFINITY;
  while (summary.total < max) {
    await pipeline.sync?.(now(), store);
    let article: Article | null = null;
    let job: Awaited<ReturnType<Store["processNextJob"]>>;
    try {
      job = await store.processNextJob(
        (input) => prepareInput(pipeline, input),
        (a, ctx) => {
          article = a;
          return pipeline.assign(a, ctx);
        },
        now(),
      );
    } catch (err) {
      if (article) pipeline.settled?.(null, article);
      throw err;
    }
    if (!job) break;
    if (article) pipeline.settled?.(job.outcome, article);
    summary.total++;
    countOutcome(summary, job.outcome);
    options.onProgress?.(summary.total, summary);
  }
  return summary;
}
