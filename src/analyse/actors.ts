/**
 * Actors of a story: merges entity mentions across all sources into people, places and
 * organisations with aliases ("Haldane", "Owen Haldane's" → "Owen Haldane"; "Kim" → the
 * Kim most mentioned in this story; "U.S." → "United States").
 */
import type { Actor, Doc, EntityKind } from "../model.js";
import { CITIES, COUNTRIES, MEDIA_HEADS, PLACE_ALIASES } from "../text/entity-lists.js";
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

/**
 * A mention whose kind its context gives ("in X", "the film X", "Mr X", a head word) counts
 * this many times in the vote on a name's kind; one typed by its shape alone (two to four
 * capitalised words read as a person) counts once. "Eastport Herons" read as a person in "the
 * Eastport Herons coach said" is outvoted by one "the Herons beat …".
 */
const CUED_VOTE_WEIGHT = 3;

interface Group {
  key: string;
  surfaces: Map<string, number>;
  /** Mentions by kind. */
  kinds: Map<EntityKind, number>;
  /** Votes by kind: mentions typed by a cue count CUED_VOTE_WEIGHT, by their shape 1. */
  votes: Map<EntityKind, number>;
  sources: Set<string>;
  mentions: number;
  /** Mentions outside headings. */
  body: number;
}

/** The canonical spelling of a name PLACE_ALIASES knows ("us" → "United States"). */
function canonicalPlace(key: string): string | null {
  for (const name of Object.values(PLACE_ALIASES)) if (fold(name) === key) return name;
  return PLACE_ALIASES[key] ?? null;
}

/** Kind of a name known from PLACE_ALIASES: a country, or an organisation ("UN", "EU"). */
function aliasKind(alias: string): EntityKind {
  const f = fold(alias);
  return COUNTRIES.has(f) || CITIES.has(f) ? "place" : "organization";
}

/**
 * The outlets of the story's sources by the last word of their name ("The Brackwater Post"
 * → post → "Brackwater Post"), for "told the Post". A word shared by two outlets is left out.
 */
function outletsByHead(docs: readonly Doc[]): Map<string, string> {
  const byHead = new Map<string, string | null>();
  for (const doc of docs) {
    const outlet = doc.article.outlet?.replace(/^the\s+/i, "").trim();
    if (!outlet?.includes(" ")) continue;
    const head = fold(outlet.split(/\s+/).pop() ?? "");
    if (!MEDIA_HEADS.has(head)) continue;
    const seen = byHead.get(head);
    byHead.set(head, seen === undefined || seen === outlet ? outlet : null);
  }
  const out = new Map<string, string>();
  for (const [head, outlet] of byHead) if (outlet) out.set(head, outlet);
  return out;
}

/** Acronyms written just after the name they stand for: "Group of Seven (G7)". */
function parentheticalAcronyms(docs: readonly Doc[], canonical: (t: string) => string) {
  const pairs = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    const byIndex = new Map(doc.sentences.map((s) => [s.index, s.text]));
    for (const m of doc.mentions) {
      const after = (byIndex.get(m.sentence) ?? "").slice(m.end);
      const hit = /^['’]?s?\s*\(([\p{Lu}][\p{Lu}\d.&]{1,7})\)/u.exec(after);
      if (!hit || !m.text.includes(" ")) continue;
      if (fold(hit[1])[0] !== fold(m.text)[0]) continue;
      const acronym = keyOf(hit[1]);
      const full = keyOf(canonical(m.text));
      const votes = pairs.get(acronym) ?? new Map<string, number>();
      votes.set(full, (votes.get(full) ?? 0) + 1);
      pairs.set(acronym, votes);
    }
  }
  return pairs;
}

/** Initials of a name's capitalised words ("Eastport Regional Water Authority" → "erwa"). */
function initials(key: string): string {
  return key
    .split(/[\s-]+/)
    .filter((w) => w && !CONNECTOR_WORDS.has(w))
    .map((w) => w[0])
    .join("");
}

const CONNECTOR_WORDS = new Set(["of", "and", "&", "de", "du", "da", "for", "la", "the"]);

/** Builds the actor table of a story from its docs. */
export function buildActors(docs: readonly Doc[]): ActorTable {
  const outlets = outletsByHead(docs);
  // "the Post" in a story some source of which is "The Brackwater Post" is that paper.
  const canonical = (text: string): string => {
    const f = fold(text).replace(/['’]s?$/, "");
    return outlets.get(f) ?? text;
  };
  const groups = new Map<string, Group>();
  for (const doc of docs) {
    const headings = new Set(doc.sentences.filter((s) => s.heading).map((s) => s.index));
    for (const mention of doc.mentions) {
      const m = { ...mention, text: canonical(mention.text) };
      const key = keyOf(m.text);
      if (!key || key.length < 2) continue;
      let g = groups.get(key);
      if (!g) {
        g = {
          key,
          surfaces: new Map(),
          kinds: new Map(),
          votes: new Map(),
          sources: new Set(),
          mentions: 0,
          body: 0,
        };
        groups.set(key, g);
      }
      const alias = PLACE_ALIASES[fold(m.text).replace(/['’]s?$/, "")];
      // "U.S." stays an alias of "United States"; the canonical name is the actor's name.
      const surface = m.text.replace(/['’]s?$/u, "");
      g.surfaces.set(surface, (g.surfaces.get(surface) ?? 0) + 1);
      const kind = alias ? aliasKind(alias) : m.kind;
      g.kinds.set(kind, (g.kinds.get(kind) ?? 0) + 1);
      // A name nothing tells the kind of ("other" by default) has no say.
      const weight = alias || m.cued ? CUED_VOTE_WEIGHT : kind === "other" ? 0 : 1;
      g.votes.set(kind, (g.votes.get(kind) ?? 0) + weight);
      g.sources.add(doc.article.id);
      g.mentions++;
      if (!headings.has(m.sentence)) g.body++;
    }
  }
  // Names seen only in headings are not actors.
  for (const [key, g] of groups) if (g.body === 0) groups.delete(key);

  const kindVote = (g: Pick<Group, "votes">): EntityKind => {
    let best: EntityKind = "other";
    let bestN = 0;
    for (const kind of ["person", "organization", "place", "other"] as EntityKind[]) {
      const n = g.votes.get(kind) ?? 0;
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
  const acronyms = parentheticalAcronyms(docs, canonical);
  for (const key of keys) {
    const g = groups.get(key)!;
    const tokens = key.split(" ");
    const kind = kindVote(g);
    // A company's short name: "Veltrane" for "Veltrane Chemicals", "Acme Lending" for "Acme
    // Lending Bank" (not "Millbrook" for "Millbrook Academy": institutions are named after
    // places, companies after themselves).
    if (!COUNTRIES.has(key) && !CITIES.has(key)) {
      const company = keys.find((k) => {
        const t = k.split(" ");
        return (
          t.length > tokens.length &&
          tokens.every((w, i) => t[i] === w) &&
          t.slice(tokens.length).every((w) => COMPANY_SUFFIXES.has(w))
        );
      });
      if (company) {
        parent.set(key, company);
        continue;
      }
    }
    // An acronym: of the name it follows in brackets, else of a longer name with its initials.
    const acronym = isAcronymKey(key) || isAcronymGroup(g);
    if (acronym && !PLACE_ALIASES[key]) {
      const full = acronymTarget(key, acronyms.get(key), groups, kindVote);
      if (full) {
        parent.set(key, full);
        continue;
      }
    }
    // Known places and multi-word places/organisations never fold into a person's name;
    // a single word typed "place" by a weak cue ("to Haldane") still may.
    if (COUNTRIES.has(key) || CITIES.has(key) || acronym) continue;
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
  const byLastWord = keysByLastWord(keys);
  mergeAcronymPrefixes(keys, byLastWord, groups, parent);
  mergeTailFragments(keys, byLastWord, groups, parent, root, kindVote);
  interface Merged {
    key: string;
    votes: Map<EntityKind, number>;
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
        votes: new Map(),
        surfaces: new Map(),
        sources: new Set(),
        mentions: 0,
        members: [],
      };
      merged.set(r, m);
    }
    for (const [k, n] of g.votes) m.votes.set(k, (m.votes.get(k) ?? 0) + n);
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
    const name = canonicalPlace(m.key) ?? mostCommon(rootGroup.surfaces);
    let kind: EntityKind = kindVote(m);
    if (fullNames.includes(m.key)) kind = "person";
    if (kind === "other" && m.mentions < MIN_MENTIONS_OTHER) continue;
    // Aliases differ from the name by more than case ("BRACKWATER" in a dateline is no alias).
    const aliases = [...m.surfaces.keys()].filter((s) => fold(s) !== fold(name)).sort();
    actors.push({ name, kind, mentions: m.mentions, aliases, sources: [...m.sources].sort() });
    for (const k of m.members) nameOfKey.set(k, name);
    kinds.set(name, kind);
  }
  actors.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return {
    actors,
    resolve: (text) => nameOfKey.get(keyOf(canonical(text))) ?? null,
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

/** A name written in capitals ("ERWA", "G7"), but not a dateline's "BRACKWATER". */
function isAcronymGroup(g: Group): boolean {
  return [...g.surfaces.keys()].every((s) => /^[\p{Lu}.&\d]{2,7}$/u.test(s));
}

function isAcronymKey(key: string): boolean {
  return (
    (/^[a-z.]{2,6}$/.test(key) && key === key.replace(/[aeiou]/g, "")) ||
    /^[a-z]{1,3}\d{1,2}$/.test(key)
  );
}

/**
 * The longer name an acronym stands for: the name it was written after in brackets most
 * often, else the most-mentioned non-person name of two or more words whose initials it spells
 * ("ERWA" → "Eastport Regional Water Authority"), else none.
 */
function acronymTarget(
  key: string,
  bracketed: Map<string, number> | undefined,
  groups: Map<string, Group>,
  kindVote: (g: Group) => EntityKind,
): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const [full, n] of [...(bracketed ?? [])].sort()) {
    if (groups.has(full) && n > bestN) {
      best = full;
      bestN = n;
    }
  }
  if (best) return best;
  const letters = key.replace(/\./g, "");
  if (letters.length < 3) return null;
  for (const [full, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!full.includes(" ") || kindVote(g) === "person") continue;
    if (initials(full) !== letters) continue;
    if (g.mentions > bestN) {
      best = full;
      bestN = g.mentions;
    }
  }
  return best;
}

/** A key with its words. */
type KeyWords = [key: string, words: string[]];

/**
 * Keys by their last word, in key order: the two merges below only compare names that end
 * alike, so each looks at a handful of names instead of all of them.
 */
function keysByLastWord(keys: readonly string[]): Map<string, KeyWords[]> {
  const out = new Map<string, KeyWords[]>();
  for (const key of keys) {
    const words = key.split(" ");
    const last = words[words.length - 1];
    const list = out.get(last);
    if (list) list.push([key, words]);
    else out.set(last, [[key, words]]);
  }
  return out;
}

/**
 * A name opening with an acronym of the words another name opens with, the rest the same:
 * "INS Sukanya" and "Indian Naval Ship Sukanya" are one actor (under the more mentioned).
 */
function mergeAcronymPrefixes(
  keys: readonly string[],
  byLastWord: Map<string, KeyWords[]>,
  groups: Map<string, Group>,
  parent: Map<string, string>,
): void {
  for (const short of keys) {
    if (parent.has(short)) continue;
    const [head, ...rest] = short.split(" ");
    if (rest.length === 0 || head.length < 2 || !isAcronymSurface(groups.get(short)!, head))
      continue;
    for (const [long, t] of byLastWord.get(rest[rest.length - 1]) ?? []) {
      if (long === short || parent.has(long)) continue;
      const lead = t.length - rest.length;
      if (lead < 2 || !rest.every((w, i) => t[lead + i] === w)) continue;
      if (initials(t.slice(0, lead).join(" ")) !== head) continue;
      const [from, into] =
        groups.get(long)!.mentions > groups.get(short)!.mentions ? [short, long] : [long, short];
      parent.set(from, into);
      break;
    }
  }
}

/** Whether a name's first word is written in capitals wherever it appears ("INS Sukanya"). */
function isAcronymSurface(g: Group, head: string): boolean {
  return [...g.surfaces.keys()].every((s) => {
    const first = s.split(/\s+/)[0];
    return fold(first) === head && /^[\p{Lu}.&]{2,7}$/u.test(first);
  });
}

/**
 * A name that is the tail of longer names which are all one actor joins it: "Sukanya" of "INS
 * Sukanya", "Recognised Transit Corridor" of "Internationally Recognised Transit Corridor" (a
 * prefix dropped, or a sentence's capitalised first word read as a separate name). Persons are
 * matched by their own rule; known places and a tail shared by two actors ("Korea" of North and
 * South Korea) stay apart.
 */
function mergeTailFragments(
  keys: readonly string[],
  byLastWord: Map<string, KeyWords[]>,
  groups: Map<string, Group>,
  parent: Map<string, string>,
  root: (key: string) => string,
  kindVote: (g: Group) => EntityKind,
): void {
  for (const key of keys) {
    if (parent.has(key) || COUNTRIES.has(key) || CITIES.has(key) || PLACE_ALIASES[key]) continue;
    if (kindVote(groups.get(key)!) === "person") continue;
    const tokens = key.split(" ");
    const owners = new Set<string>();
    for (const [k, t] of byLastWord.get(tokens[tokens.length - 1]) ?? []) {
      if (t.length <= tokens.length) continue;
      const at = t.length - tokens.length;
      // "Gulf of Aden", "CEO of Tallgrass", "Fund for Human Rights": another actor's tail.
      if (TAIL_CONNECTORS.has(t[at - 1])) continue;
      if (tokens.every((w, i) => t[at + i] === w)) owners.add(root(k));
    }
    owners.delete(key);
    if (owners.size !== 1) continue;
    const owner = [...owners][0];
    const own = groups.get(key)!.mentions;
    const long = groups.get(owner)!.mentions;
    // A single word more common alone than in the longer name is its own actor ("Christmas"
    // after a company's name run into it); a longer fragment more common than the full name
    // ("Red Sox", "INS Mysore") becomes the actor's name.
    if (tokens.length === 1 && own > long) continue;
    if (own > long) parent.set(owner, key);
    else parent.set(key, owner);
  }
}

/** Words after which a name's tail is another actor ("of", "for", "and", "at"…). */
const TAIL_CONNECTORS = new Set([...CONNECTOR_WORDS, "at", "in", "on", "to"]);

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
