/**
 * Server test fixtures: a temp SQLite store holding the demo corpus (examples/kestrel-wharf-fire)
 * ingested with the CLI's pipeline, and a helper to call an App in-process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPipeline } from "../../src/ingest/default-pipeline.js";
import { ingestInputs } from "../../src/ingest/ingest-pipeline.js";
import { readInputs } from "../../src/ingest/read-inputs.js";
import type { App } from "../../src/server/app.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store, StorySummary } from "../../src/store/store.js";
import { REPO_ROOT } from "./shared.js";

export const DEMO_DIR = join(REPO_ROOT, "examples", "kestrel-wharf-fire");

export interface TempStore {
  store: Store;
  path: string;
  cleanup(): Promise<void>;
}

/** A fresh SQLite store in a temp folder. */
export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-server-"));
  const path = join(dir, "store.db");
  const store = await openSqliteStore(path);
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ingests the demo corpus; resolves to its largest story. */
export async function ingestDemo(store: Store): Promise<StorySummary> {
  const { inputs, errors } = await readInputs([DEMO_DIR]);
  if (errors.length > 0) throw new Error(`demo corpus unreadable: ${errors[0].message}`);
  await ingestInputs(store, await openPipeline(store), inputs, [], {
    now: () => "2025-10-16T08:00:00Z",
  });
  const stories = await store.listStories();
  return [...stories].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1))[0];
}

/** Calls the app in-process. */
export function call(app: App, path: string, init: RequestInit = {}, remoteAddress = "10.0.0.1") {
  return app(new Request(`http://localhost${path}`, init), { remoteAddress });
}
