/**
 * Runs a stateful incremental clusterer (one in-memory index of all stories, such as
 * src/cluster/story-clusterer.ts) as an ingest Pipeline: assignments take the store's global
 * lock, the articles other writers committed meanwhile are replayed first, the state is saved
 * as a checkpoint every CHECKPOINT_EVERY articles and restored + replayed on start. Copy
 * families, within the clusterer's story, come from injected `fingerprint`/`family` stages
 * (default: the stand-in's shingle MinHash buckets).
 */
import type { Article, Derivation, InputError, RawInput } from "../model.js";
import {
  type AssignContext,
  type Assignment,
  type CommitOutcome,
  type Fingerprint,
  GLOBAL_LOCK_KEY,
  type Store,
} from "../store/store.js";
import type { Pipeline } from "./ingest-pipeline.js";
import { copyFamilyOf, simpleFingerprint } from "./simple-pipeline.js";

/**
 * Stored articles between checkpoints of the clusterer's state. A restart replays at most this
 * many; each checkpoint writes the whole snapshot (it grows with the store), so much smaller
 * values make saving dominate.
 */
export const CHECKPOINT_EVERY = 1000;
/** Articles read per page when replaying after a checkpoint. */
const REPLAY_PAGE = 500;

/** The shape of an incremental clusterer: add one article, say where it went; snapshot. */
export interface IncrementalClusterer {
  add(article: Article): {
    story: string;
    created: boolean;
    merges: { from: string; into: string }[];
  };
  snapshot(): unknown;
}

export interface StatefulPipelineOptions {
  /** Key of the state row, e.g. "story-clusterer". */
  key: string;
  create(): IncrementalClusterer;
  restore(snapshot: unknown): IncrementalClusterer;
  extract(input: RawInput): Article | InputError;
  checkpointEvery?: number;
  /** Fingerprint data and candidate buckets (default: the stand-in's family buckets). */
  fingerprint?(article: Article): Fingerprint;
  /**
   * The copy family of a new article among its candidates in `story`, or null for a new one
   * (default: the stand-in's most similar copy). `relabel`: stored members whose relation changes.
   */
  family?(
    article: Article,
    ctx: AssignContext,
    story: string,
  ): {
    family: string;
    relation: Derivation;
    relabel?: { articleId: string; relation: Derivation }[];
  } | null;
}

export class StatefulPipeline implements Pipeline {
  readonly name: string;
  private clusterer: IncrementalClusterer;
  private lastSeq = 0;
  private sinceCheckpoint = 0;
  /** Set when the in-memory state may hold an article the store does not: reload first. */
  private dirty = false;
  private assigned = false;

  private constructor(
    private readonly store: Store,
    private readonly options: StatefulPipelineOptions,
  ) {
    this.name = `stateful:${options.key}`;
    this.clusterer = options.create();
  }

  /** Restores the latest checkpoint and replays what was stored after it. */
  static async open(store: Store, options: StatefulPipelineOptions): Promise<StatefulPipeline> {
    const pipeline = new StatefulPipeline(store, options);
    await pipeline.load();
    return pipeline;
  }

  private async load(): Promise<void> {
    const state = await this.store.getState(this.options.key);
    this.clusterer = state ? this.options.restore(state.data) : this.options.create();
    this.lastSeq = state?.seq ?? 0;
    await this.catchUp();
    this.dirty = false;
  }

  /** Adds the articles stored since lastSeq (by other writers), outside any lock. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.articlesSince(this.lastSeq, REPLAY_PAGE);
      if (page.length === 0) break;
      for (const entry of page) {
        this.clusterer.add(entry.article);
        this.lastSeq = entry.seq;
      }
    }
  }

  /**
   * Call between inputs: reloads after a failed commit, catches up with other writers' articles
   * before the lock is taken (so the locked section replays only what arrived meanwhile), and
   * saves a checkpoint when due.
   */
  async sync(now: string): Promise<void> {
    if (this.dirty) await this.load();
    else await this.catchUp();
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? CHECKPOINT_EVERY)) {
      await this.store.putState(this.options.key, this.lastSeq, this.clusterer.snapshot(), now);
      this.sinceCheckpoint = 0;
    }
  }

  extract(input: RawInput): Article | InputError {
    return this.options.extract(input);
  }

  fingerprint(article: Article): Fingerprint {
    const own = this.options.fingerprint?.(article) ?? simpleFingerprint(article, false);
    return { ...own, lockKeys: [GLOBAL_LOCK_KEY] };
  }

  logSince(): number {
    return this.lastSeq;
  }

  assign(article: Article, ctx: AssignContext): Assignment {
    if (this.dirty || this.assigned) {
      // A retried or failed transaction already added an article: the state is not the store's.
      this.dirty = true;
      throw new Error(
        "clusterer state is out of date with the store; it reloads before the next input",
      );
    }
    for (const entry of ctx.log) {
      this.clusterer.add(entry.article);
      this.lastSeq = entry.seq;
    }
    this.assigned = true;
    const result = this.clusterer.add(article);
    const merges = result.merges.map((m) => ({ from: m.from, into: m.into }));
    // Candidates still name stories as stored; follow this article's merges to compare.
    const follow = (id: string) => merges.reduce((s, m) => (s === m.from ? m.into : s), id);
    const followed = {
      ...ctx,
      candidates: ctx.candidates.map((c) => ({ ...c, storyId: follow(c.storyId) })),
    };
    const copy = result.created
      ? null
      : this.options.family
        ? this.options.family(article, followed, result.story)
        : copyFamilyOf(followed, result.story);
    const assignment: Assignment = {
      story: result.created ? null : result.story,
      family: copy?.family ?? null,
      relation: copy?.relation ?? "original",
      merges,
    };
    if (copy && "relabel" in copy && copy.relabel && copy.relabel.length > 0)
      assignment.relabel = copy.relabel;
    return assignment;
  }

  settled(outcome: CommitOutcome | null, article: Article): void {
    const assigned = this.assigned;
    this.assigned = false;
    if (outcome?.status === "stored") {
      this.lastSeq = outcome.seq;
      this.sinceCheckpoint++;
      // The clusterer knows the article by its pre-store id; a renamed one needs a reload.
      if (outcome.articleId !== article.id) this.dirty = true;
    } else if (assigned) {
      this.dirty = true;
    }
  }
}
