/**
 * Finds ../shared (seeds and datasets) for tests. On a developer's machine without it a test
 * skips with a message naming what is missing; under CI=true a missing folder is a failure.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests run from dist/test/…). */
export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** Absolute path of a file or folder under ../shared, e.g. sharedPath("seeds"). */
export function sharedPath(...parts: string[]): string {
  return resolve(REPO_ROOT, "..", "shared", ...parts);
}

/**
 * Returns the path when it exists. Otherwise: under CI throws (the resource must be there);
 * elsewhere returns a skip message for `t.skip()` / `{ skip }`.
 */
export function requireShared(
  ...parts: string[]
): { path: string; skip: false } | { path: string; skip: string } {
  const path = sharedPath(...parts);
  if (existsSync(path)) return { path, skip: false };
  const message = `needs ${path} (the shared seeds and datasets), which this machine lacks`;
  if (process.env.CI === "true") throw new Error(`CI: ${message}`);
  return { path, skip: message };
}
