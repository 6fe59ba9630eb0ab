/**
 * Actors of a story: merges entity mentions across all sources into people, places and
 * organisations with aliases ("Haldane", "Owen Haldane's" → "Owen Haldane"; "Kim" → the
 * Kim most mentioned in this story; "U.S." → "United States").
 */
import type { Actor, Doc, EntityKind } from "../model.js";
import { CITIES, COUNTRIES, PLACE_ALIASES } from "../text/entity-lists.js";
import { fold } from "../text/tokens.js";

/** The merged actors, and a way to name the actor behind any mention text. */
export interface ActorTable {
  /** Actors sorted by mentions (desc), then name. */
  actors: Actor[];
  /** Canonical name for a mention's text, or null when it is not an actor. */
  resolve(text: string): string | null;
  /** Kind of a canonical name. */
  kindOf(name: string): EntityKind | null;
  /** The most-mentioned organisation whose name ends in `word` ("the union" → "… Workers Union"). */
  byHead(word: string): string | null;
}

/** Single-word names of kind "other" need this many mentions to become actors (noise guard). */
const MIN_MENTIONS_OTHER = 3;

/**
 * A single word typed "place" this many times (and more often than "person") is not merged
 * into a person's full name: "in Brackwater" twice outweighs one "Hafen Brackwater".
 */
const MIN_PLACE_VOTES_BLOCKING_MERGE = 2;

/** Words that follow a company's own name ("Veltrane Chemicals", "Acme Corp"). */
const COMPANY_SUFFIXES = new Set(
  (
    "chemicals inc inc. corp corp. corporation co ltd llc plc group industries holdings systems " +
    "technologies energy motors pharmaceuticals partners capital enterprises labs laboratories " +
    "airlines airways bank press media"
  ).split(" "),
);

function keyOf(text: string): string {
  const f = fold(text)
    .replace(/['’]s?$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const alias = PLACE_ALIASES[f];
  return alias ? fold(alias) : f;
}

interface Group {
  key: string;
  surfaces: Map<string, number>;
  kinds: Map<EntityKind, number>;
  sources: Set<string>;
  mentions: number;
  /** Mentions outside headings. */
  body: number;
}

/** Builds the actor table of a story from its docs. */
export function buildActors(docs: readonly Doc[]): ActorTable {
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    const headings = new Set(doc.sentences.filter((s) => s.heading).map((s) => s.index));
    for (const m of doc.mentions) {
      const key = keyOf(m.text);
      if (!key || key.length < 2) continue;
      let g = groups.get(key);
      if (!g) {
        g = {
          key,
          surfaces: new Map(),
          kinds: new Map(),
          sources: new Set(),
          mentions: 0,
          body: 0,
        };
        groups.set(key, g);
      }
      const alias = PLACE_ALIASES[fold(m.text).replace(/['’]s?$/, "")];
      const surface = alias ?? m.text.replace(/['’]s?$/u, "");
      g.surfaces.set(surface, (g.surfaces.get(surface) ?? 0) + 1);
      g.kinds.set(alias ? "place" : m.kind, (g.kinds.get(alias ? "place" : m.kind) ?? 0) + 1);
      g.sources.add(doc.article.id);
      g.mentions++;
      if (!headings.has(m.sentence)) g.body++;
    }
  }
  // Names seen only in headings are not actors.
  for (const [key, g] of groups) if (g.body === 0) groups.delete(key);

  const kindVote = (g: Group): EntityKind => {
    let best: EntityKind = "other";
    let bestN = 0;
    for (const kind of ["person", "organization", "place"] as EntityKind[]) {
      const n = g.kinds.get(kind) ?? 0;
      if (n > bestN) {
        best = kind;
        bestN = n;
      }
    }
    return best;
  };
  // Full person names: two or more words, voted person.
  const keys = [...groups.keys()].sort();
  const fullNames = keys.filter((k) => k.includes(" ") && kindVote(groups.get(k)!) === "person");
  const parent = new Map<string, string>();
  for (const key of keys) {
    const g = groups.get(key)!;
    const tokens = key.split(" ");
    const kind = kindVote(g);
    // A company's short name: "Veltrane" for "Veltrane Chemicals" (not "Millbrook" for
    // "Millbrook Academy": institutions are named after places, companies after themselves).
    if (tokens.length === 1 && !COUNTRIES.has(key) && !CITIES.has(key)) {
      const company = keys.find((k) => {
        const t = k.split(" ");
        return t.length > 1 && t[0] === key && t.slice(1).every((w) => COMPANY_SUFFIXES.has(w));
      });
      if (company) {
        parent.set(key, company);
        continue;
      }
    }
    // Known places and multi-word places/organisations never fold into a person's name;
    // a single word typed "place" by a weak cue ("to Haldane") still may.
    if (COUNTRIES.has(key) || CITIES.has(key) || isAcronymKey(key)) continue;
    if ((kind === "place" || kind === "organization") && tokens.length > 1) continue;
    if (kind === "organization" && (g.kinds.get("person") ?? 0) === 0) continue;
    // A word mostly used as a place ("in Brackwater") is not the short form of a person.
    const placeVotes = g.kinds.get("place") ?? 0;
    if (placeVotes > (g.kinds.get("person") ?? 0) && placeVotes >= MIN_PLACE_VOTES_BLOCKING_MERGE)
      continue;
    let best: string | null = null;
    let bestN = -1;
    for (const full of fullNames) {
      if (full === key) continue;
      const fullTokens = full.split(" ");
      if (fullTokens.length <= tokens.length) continue;
      if (!isSubsequence(tokens, fullTokens)) continue;
      const n = groups.get(full)!.mentions;
      if (n > bestN || (n === bestN && best !== null && full < best)) {
        best = full;
        bestN = n;
      }
    }
    if (best) parent.set(key, best);
  }
  const root = (key: string): string => {
    let k = key;
    for (let i = 0; i < 5 && parent.has(k); i++) k = parent.get(k)!;
    return k;
  };
  interface Merged {
    key: string;
    kinds: Map<EntityKind, number>;
    surfaces: Map<string, number>;
    sources: Set<string>;
    mentions: number;
    members: string[];
  }
  const merged = new Map<string, Merged>();
  for (const key of keys) {
    const r = root(key);
    const g = groups.get(key)!;
    let m = merged.get(r);
    if (!m) {
      m = {
        key: r,
        kinds: new Map(),
        surfaces: new Map(),
        sources: new Set(),
        mentions: 0,
        members: [],
      };
      merged.set(r, m);
    }
    for (const [k, n] of g.kinds) m.kinds.set(k, (m.kinds.get(k) ?? 0) + n);
    for (const [s, n] of g.surfaces) m.surfaces.set(s, (m.surfaces.get(s) ?? 0) + n);
    for (const s of g.sources) m.sources.add(s);
    m.mentions += g.mentions;
    m.members.push(key);
  }
  const actors: Actor[] = [];
  const nameOfKey = new Map<string, string>();
  const kinds = new Map<string, EntityKind>();
  for (const m of merged.values()) {
    const rootGroup = groups.get(m.key)!;
    const name = mostCommon(rootGroup.surfaces);
    let kind: EntityKind = kindVote({ ...rootGroup, kinds: m.kinds });
    if (fullNames.includes(m.key)) kind = "person";
    if (kind === "other" && m.mentions < MIN_MENTIONS_OTHER) continue;
    const aliases = [...m.surfaces.keys()].filter((s) => s !== name).sort();
    actors.push({ name, kind, mentions: m.mentions, aliases, sources: [...m.sources].sort() });
    for (const k of m.members) nameOfKey.set(k, name);
    kinds.set(name, kind);
  }
  actors.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return {
    actors,
    resolve: (text) => nameOfKey.get(keyOf(text)) ?? null,
    kindOf: (name) => kinds.get(name) ?? null,
    byHead: (word) => {
      const w = fold(word);
      const hit = actors.find(
        (a) => a.kind === "organization" && fold(a.name).split(" ").pop() === w,
      );
      return hit ? hit.name : null;
    },
  };
}

function isAcronymKey(key: string): boolean {
  return /^[a-z.]{2,6}$/.test(key) && key === key.replace(/[aeiou]/g, "");
}

function isSubsequence(short: string[], long: string[]): boolean {
  let i = 0;
  for (const t of long) if (i < short.length && t === short[i]) i++;
  return i === short.length;
}

function mostCommon(counts: Map<string, number>): string {
  let best = "";
  let bestN = -1;
  for (const [s, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n > bestN || (n === bestN && s.length > best.length)) {
      best = s;
      bestN = n;
    }
  }
  return best;
}
