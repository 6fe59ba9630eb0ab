/**
 * Stable source ids. An input's id is its file name without extensions (or a JSONL `id`);
 * when two inputs of one batch would share an id, the later ones (in input order) get
 * "~2", "~3", … appended and a diagnostic that says so, so output stays deterministic.
 */
import type { Diagnostic } from "./model.js";

/** Strips directories and known extensions: "a/b/report.html.gz" → "report". */
export function idFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  let id = base.replace(/\.gz$/i, "");
  id = id.replace(/\.(txt|text|html?|xhtml|jsonl|ndjson|json|xml|rss|atom|md)$/i, "");
  return id || base;
}

/**
 * Makes ids unique in order of appearance. Returns the new ids and, for each renamed input,
 * a diagnostic naming the id it would have had.
 */
export function uniqueIds(ids: readonly string[]): {
  ids: string[];
  renamed: Map<number, Diagnostic>;
} {
  const taken = new Set<string>();
  const count = new Map<string, number>();
  const out: string[] = [];
  const renamed = new Map<number, Diagnostic>();
  ids.forEach((id, i) => {
    if (!taken.has(id)) {
      taken.add(id);
      count.set(id, 1);
      out.push(id);
      return;
    }
    let n = count.get(id) ?? 1;
    let candidate: string;
    do {
      n += 1;
      candidate = `${id}~${n}`;
    } while (taken.has(candidate));
    count.set(id, n);
    taken.add(candidate);
    out.push(candidate);
    renamed.set(i, {
      severity: "warning",
      code: "id-renamed",
      message: `id "${id}" was already used by an earlier input; this one is "${candidate}"`,
    });
  });
  return { ids: out, renamed };
}
