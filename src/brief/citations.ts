/** Citation numbers shared by the renderers: a source's number is its 1-based place in the brief. */
import type { Brief } from "../model.js";

/** Each source id's citation number. */
export function sourceNumbers(brief: Brief): Map<string, number> {
  return new Map(brief.sources.map((s, i) => [s.id, i + 1]));
}

/** A function from source ids to their distinct citation numbers, ascending. */
export function citationNumbers(
  number: ReadonlyMap<string, number>,
): (ids: readonly string[]) => number[] {
  return (ids) =>
    [...new Set(ids)]
      .map((id) => number.get(id))
      .filter((n): n is number => n !== undefined)
      .sort((a, b) => a - b);
}
