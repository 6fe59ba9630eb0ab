/**
 * Disputes: accusations ("X accused Y of …", "alleges that …") matched with denials ("Y
 * denied …", "rejected the allegations", "called the claims ridiculous") by shared content,
 * in the same sentence, a nearby sentence of the same source, or another source.
 */
import type { Dispute, Stance } from "../model.js";
import type { AlignResult } from "./align.js";
import { type StoryIndex, similarity, type Unit } from "./story-index.js";

const ACCUSE =
  /\b(accus(?:e|es|ed|ing|ation|ations)|alleg(?:e|es|ed|ing|ation|ations)|blam(?:e|es|ed|ing)|charg(?:es|ed) (?:that|with)|claim(?:s|ed)? that)\b/i;
const DENY =
  /\b(den(?:y|ies|ied|ying|ial)|refut(?:e|es|ed|ing)|rebuff(?:s|ed)?|(?:reject|dismiss)(?:s|ed|ing)?\b(?=[^.]*\b(?:allegation|claim|accusation|charge|report|suggestion)s?\b)|call(?:s|ed)? (?:the |such |those |these )?(?:allegations?|claims?|accusations?|charges?|reports?)\b)/i;
/** Words that point a denial back to an accusation just made ("such transfers", "the claims"). */
const ANAPHOR =
  /\b(such|those|these|the (?:allegations?|claims?|accusations?|charges?|reports?))\b/i;

/** A denial and an accusation of different sentences share this much (Dice) to be matched. */
export const DISPUTE_MATCH = 0.12;
/** Overlap enough for a denial that names what it denies ("the allegations", "the claims"). */
export const DISPUTE_WEAK_MATCH = 0.03;
const CLAIM_NOUN = /\b(?:allegations?|claims?|accusations?|charges?)\b/i;
/** A denial this many sentences after an accusation in the same source, with an anaphor, matches it. */
const NEARBY_SENTENCES = 3;
/** Accusations that overlap this much (Dice) are the same claim. */
const SAME_CLAIM = 0.3;

interface Accusation {
  unit: Unit;
  by: string[];
  accused: string[];
  claim: string;
  verbAt: number;
}

interface Denial {
  unit: Unit;
  by: string[];
  verbAt: number;
}

function actorsAround(
  index: StoryIndex,
  unit: Unit,
  from: number,
  to: number,
): { name: string; at: number }[] {
  const doc = index.docs[unit.doc];
  const out: { name: string; at: number }[] = [];
  for (const m of doc.mentions) {
    if (m.sentence !== unit.sentence.index || m.start < from || m.start >= to) continue;
    const name = index.actors.resolve(m.text);
    if (name && !out.some((o) => o.name === name)) out.push({ name, at: m.start });
  }
  return out;
}

/** With no name before the verb, "the union" / "the company" stands for the organisation so headed. */
function withDescription(
  index: StoryIndex,
  before: string,
  found: { name: string; at: number }[],
): { name: string; at: number }[] {
  if (found.length > 0) return found;
  const m =
    /\b(?:the|a|its)\s+([a-z]+)\b[^,]*$/i.exec(before) ?? /^\s*(\p{Lu}\p{Ll}+)\b/u.exec(before);
  if (!m) return found;
  const name =
    index.actors.byHead(m[1]) ??
    (/^(?:company|firm|operator|group)$/i.test(m[1]) ? companyOf(index) : null);
  return name ? [{ name, at: m.index }] : found;
}

/** The story's most-mentioned organisation named like a company ("… Chemicals", "… Inc"). */
function companyOf(index: StoryIndex): string | null {
  const hit = index.actors.actors.find(
    (a) =>
      a.kind === "organization" &&
      /\b(?:chemicals|inc|corp|corporation|co|ltd|llc|plc|group|industries|holdings)\.?$/i.test(
        a.name,
      ),
  );
  return hit ? hit.name : null;
}

/** Finds the disputes of a story. */
export function findDisputes(index: StoryIndex, aligned: AlignResult): Dispute[] {
  const accusations: Accusation[] = [];
  const denials: Denial[] = [];
  for (const u of index.units) {
    const text = u.sentence.text;
    const a = ACCUSE.exec(text);
    const d = DENY.exec(text);
    // "called such allegations ridiculous" is a denial that names the accusation, not one.
    const accusationInDenial = a && d && (a.index > d.index || /(?:ation|ations|ims)$/i.test(a[0]));
    if (a && !accusationInDenial) {
      const verbAt = a.index;
      const verbEnd = verbAt + a[0].length;
      const before = withDescription(
        index,
        text.slice(0, verbAt),
        actorsAround(index, u, 0, verbAt),
      );
      const after = actorsAround(index, u, verbEnd, d && d.index > verbEnd ? d.index : text.length);
      let claim = text.slice(verbAt);
      const cut = claim.search(/,\s*(?:which|but|and (?:both|they))\b|;|\s—\s/);
      if (cut > 20) claim = claim.slice(0, cut);
      // Passive voice ("X was accused of … by Y"): the accused stand before the verb and
      // the accusers after "by".
      const passive =
        /ed$/i.test(a[0]) && /\b(?:was|were|is|are|been|being|be)\s+$/i.test(text.slice(0, verbAt));
      let accusers = before.map((x) => x.name);
      let accused = after.slice(0, 1).map((x) => x.name);
      if (passive) {
        accused = before.map((x) => x.name);
        const byClause = /\bby\s+(?:the\s+)?/i.exec(text.slice(verbEnd));
        accusers = byClause
          ? actorsAround(index, u, verbEnd + byClause.index, text.length)
              .map((x) => x.name)
              .filter((n) => !accused.includes(n))
              .slice(0, 1)
          : [];
      }
      accusations.push({
        unit: u,
        by: accusers,
        accused,
        claim: claim.trim().replace(/[.,;:]$/, ""),
        verbAt,
      });
    }
    if (d) {
      const verbAt = d.index;
      const byClause = /\bby\s+(?:both\s+)?/i.exec(text.slice(verbAt));
      let by: string[];
      if (byClause) {
        const start = verbAt + byClause.index;
        by = actorsAround(index, u, start, Math.min(text.length, start + 60)).map((x) => x.name);
      } else {
        by = withDescription(index, text.slice(0, verbAt), actorsAround(index, u, 0, verbAt)).map(
          (x) => x.name,
        );
      }
      denials.push({ unit: u, by, verbAt });
    }
  }
  if (accusations.length === 0 || denials.length === 0) return [];
  // Group accusations that state the same claim.
  const claimOf = new Map<Accusation, number>();
  const claims: Accusation[][] = [];
  for (const a of accusations) {
    let found = -1;
    for (let c = 0; c < claims.length && found < 0; c++) {
      for (const b of claims[c]) {
        const sameGroup = aligned.groupOf[a.unit.id] === aligned.groupOf[b.unit.id];
        if (sameGroup || similarity(a.unit, b.unit) >= SAME_CLAIM) {
          found = c;
          break;
        }
      }
    }
    if (found < 0) {
      found = claims.length;
      claims.push([]);
    }
    claims[found].push(a);
    claimOf.set(a, found);
  }
  const denied = new Map<number, { denial: Denial; by: string[] }[]>();
  for (const d of denials) {
    let best: Accusation | null = null;
    let bestScore = 0;
    for (const a of accusations) {
      let score: number;
      if (a.unit.id === d.unit.id) score = d.verbAt > a.verbAt ? 2 : 0;
      else {
        score = similarity(a.unit, d.unit);
        const gap = d.unit.sentence.index - a.unit.sentence.index;
        if (
          a.unit.doc === d.unit.doc &&
          gap > 0 &&
          gap <= NEARBY_SENTENCES &&
          ANAPHOR.test(d.unit.sentence.text)
        ) {
          score += 1 - gap / 10;
        }
        // A denial that names a claim ("rejected the union's claims") needs less overlap.
        const threshold = CLAIM_NOUN.test(d.unit.sentence.text)
          ? DISPUTE_WEAK_MATCH
          : DISPUTE_MATCH;
        if (score < threshold) score = 0;
      }
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    if (!best) continue;
    // Who denies: named deniers, else the accused party ("Both countries have denied …").
    let by = d.by.filter((n) => !best!.by.includes(n));
    if (by.length === 0) by = best.accused.length > 0 ? best.accused : [];
    const c = claimOf.get(best)!;
    const list = denied.get(c) ?? [];
    list.push({ denial: d, by });
    denied.set(c, list);
  }
  const out: Dispute[] = [];
  claims.forEach((group, c) => {
    const denials = denied.get(c);
    if (!denials) return;
    // The target of the claim is never one of its asserters; a denier is not either, unless
    // some accusation names it as accuser (a mis-read denial subject then loses).
    const accusers = new Set(group.flatMap((a) => a.by));
    const against = new Set<string>();
    for (const a of group) for (const n of a.accused) against.add(n);
    for (const { by } of denials) for (const n of by) if (!accusers.has(n)) against.add(n);
    const asserted: Stance[] = [];
    for (const a of group) {
      const named = a.by.filter((n) => !against.has(n));
      const by = named.length > 0 ? named : ["(unnamed)"];
      for (const name of by)
        addStance(asserted, { by: name, source: a.unit.source, sentence: a.unit.sentence.index });
    }
    const deniedStances: Stance[] = [];
    const accusedNames = group.flatMap((a) => a.accused);
    for (const { denial, by } of denials) {
      const own = by.filter((n) => !accusers.has(n) || against.has(n));
      const names =
        own.length > 0 ? own : accusedNames.length > 0 ? accusedNames.slice(0, 1) : ["(unnamed)"];
      for (const name of names) {
        addStance(deniedStances, {
          by: name,
          source: denial.unit.source,
          sentence: denial.unit.sentence.index,
        });
      }
    }
    // The claim as worded by the cleanest, most-shared accusation.
    const rep = group
      .slice()
      .sort((x, y) => x.unit.garble - y.unit.garble || x.unit.id - y.unit.id)[0];
    out.push({
      claim: rep.claim,
      asserted: sortStances(asserted),
      denied: sortStances(deniedStances),
    });
  });
  return out.sort(
    (a, b) =>
      b.asserted.length + b.denied.length - (a.asserted.length + a.denied.length) ||
      (a.claim < b.claim ? -1 : 1),
  );
}

function addStance(list: Stance[], s: Stance): void {
  if (!list.some((x) => x.by === s.by && x.source === s.source)) list.push(s);
}

function sortStances(list: Stance[]): Stance[] {
  return list.sort((a, b) =>
    a.source !== b.source ? (a.source < b.source ? -1 : 1) : a.by < b.by ? -1 : a.by > b.by ? 1 : 0,
  );
}
