/**
 * The pipeline `crosscheck ingest` and `crosscheck worker` run. Until the real extractor and
 * story clusterer are merged and wired here, this is the simple stand-in (see simple-pipeline.ts).
 */
import type { Pipeline } from "./ingest-pipeline.js";
import { simplePipeline } from "./simple-pipeline.js";

/** The pipeline used by the CLI. */
export function defaultPipeline(): Pipeline {
  return simplePipeline;
}
