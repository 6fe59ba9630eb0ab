/**
 * The pipeline `crosscheck ingest` and `crosscheck worker` run: the real extractor
 * (src/extract) and the incremental story clusterer (src/cluster) as a stateful pipeline
 * (global assignment lock, checkpoints, replay), copy families within a story from the match
 * module's pairwise copy/rewrite classifier (stateful-pipeline-families.ts). `--pipeline simple` runs the fast stand-in instead (simple-pipeline.ts).
 */
import { StoryClusterer, type ClustererSnapshot } from "../cluster/story-clusterer.js";
import { extractArticle } from "../extract/index.js";
import type { Article, InputError, RawInput } from "../model.js";
import type { Store } from "../store/store.js";
import type { Pipeline } from "./ingest-pipeline.js";
import { simplePipeline } from "./simple-pipeline.js";
import { StatefulPipeline } from "./stateful-pipeline.js";
import { decideFamily, familyFingerprint } from "./stateful-pipeline-families.js";

/** Names accepted by `--pipeline`. */
export const PIPELINES = ["default", "simple"] as const;
export type PipelineName = (typeof PIPELINES)[number];

/** Key of the clusterer's saved state in the store. */
export const CLUSTERER_STATE_KEY = "story-clusterer";

/** The real extractor, one input at a time; its plain failure message becomes an InputError. */
export function extractOne(input: RawInput): Article | InputError {
  try {
    return extractArticle(input);
  } catch (err) {
    return { input: input.origin.name, message: (err as Error).message ?? String(err) };
  }
}

/**
 * The default pipeline for callers that cannot await `openPipeline` (it binds itself to the
 * store on the first `sync`, which ingestInputs and workQueue call before each input).
 */
export function defaultPipeline(): Pipeline {
  let inner: Pipeline | null = null;
  let boundTo: Store | null = null;
  const bound = (): Pipeline => {
    if (!inner) throw new Error("defaultPipeline() used before ingestInputs/workQueue bound it");
    return inner;
  };
  return {
    name: "default",
    async sync(now, store) {
      if (!inner || boundTo !== store) {
        inner = await openPipeline(store, "default");
        boundTo = store;
      }
      await inner.sync?.(now, store);
    },
    extract: (input) => bound().extract(input),
    fingerprint: (article) => bound().fingerprint(article),
    assign: (article, ctx) => bound().assign(article, ctx),
    logSince: () => bound().logSince?.() ?? 0,
    settled: (outcome, article) => bound().settled?.(outcome, article),
  };
}

/** Opens the named pipeline against a store (the default one restores its clusterer state). */
export async function openPipeline(
  store: Store,
  name: PipelineName = "default",
): Promise<Pipeline> {
  if (name === "simple") return simplePipeline;
  return StatefulPipeline.open(store, {
    key: CLUSTERER_STATE_KEY,
    create: () => new StoryClusterer(),
    restore: (snapshot) => StoryClusterer.restore(snapshot as ClustererSnapshot),
    extract: extractOne,
    fingerprint: familyFingerprint,
    family: (article, ctx, story) =>
      decideFamily(article, ctx.fingerprint.data, ctx.candidates, story),
  });
}
