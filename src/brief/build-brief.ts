/**
 * Assembles the cross-checked brief of one story from its articles and their copy families:
 * facts with independent support, single-source claims, disputes, conflicts, quotes,
 * timeline, actors and a lead. Pure: same inputs, same Brief.
 */
import { alignUnits } from "../analyse/align.js";
import { findConflicts } from "../analyse/conflicts.js";
import { findDisputes } from "../analyse/disputes.js";
import {
  extendSupport,
  type FactCandidate,
  factsFromGroups,
  MAX_SINGLE_SOURCE,
  mergePassages,
  orderFacts,
  rankClaims,
  type StatementOf,
} from "../analyse/facts.js";
import { buildLead, DEFAULT_LEAD_WORDS, type LeadOptions } from "../analyse/lead.js";
import { pickHeadline } from "../analyse/headline.js";
import { QuoteContext } from "../analyse/quote-passage.js";
import { findQuotes } from "../analyse/quotes.js";
import { indexStory } from "../analyse/story-index.js";
import { buildTimeline } from "../analyse/timeline.js";
import type { Article, Brief, BriefSource, Diagnostic, Doc, Family } from "../model.js";
import { referenceFrom } from "../text/dates.js";
import { storyEvidence, toDoc } from "../text/to-doc.js";
import { GENERATOR } from "../version.js";

export interface BriefOptions {
  /** Target length of the lead in words (default 80). */
  leadWords?: number;
  /** Story id written into the brief. */
  id?: string;
  /** Lead tuning knobs, for the benchmark's parameter search only. */
  lead?: Omit<LeadOptions, "words">;
}

/** Everything computed on the way to the brief, for callers that need more than the Brief. */
export interface BriefWork {
  brief: Brief;
  docs: Doc[];
  facts: FactCandidate[];
}

/** Builds the brief of one story. `families` may be partial: unlisted articles stand alone. */
export function buildBrief(
  articles: Article[],
  families: Family[],
  options: BriefOptions = {},
): Brief {
  return buildBriefWork(articles, families, options).brief;
}

export function buildBriefWork(
  articles: Article[],
  families: Family[],
  options: BriefOptions = {},
): BriefWork {
  const diagnostics: Brief["diagnostics"] = [];
  for (const a of articles) for (const d of a.diagnostics) diagnostics.push({ ...d, source: a.id });
  // Relative dates of undated articles are read against the latest dated report of the story.
  const dated = articles
    .map((a) => a.published)
    .filter((p): p is string => p !== null && referenceFrom(p) !== null)
    .sort();
  const latest = dated.length > 0 ? referenceFrom(dated[dated.length - 1]) : null;
  const storyReference = latest ? { ...latest, borrowed: true } : null;
  const evidence = storyEvidence(articles);
  const docs = articles.map((a) => {
    if (!a.published && storyReference) {
      diagnostics.push(borrowed(a.id, dated[dated.length - 1]));
    }
    if (
      a.language &&
      a.language !== "en" &&
      !a.diagnostics.some((d) => d.code === "language-unsupported")
    ) {
      diagnostics.push({
        severity: "warning",
        code: "language-unsupported",
        message: `article language is "${a.language}"; sentence, entity and date rules are English-only`,
        source: a.id,
      });
    }
    return toDoc(a, { reference: storyReference, evidence });
  });
  const index = indexStory(docs, families);
  const aligned = alignUnits(index);
  // A sentence inside a quote of several sentences is shown as the whole quoted passage.
  const quoteContext = new QuoteContext(docs);
  const statementOf: StatementOf = (u) => quoteContext.statement(u.doc, u.sentence.index);
  const candidates = factsFromGroups(index, aligned, statementOf);
  extendSupport(index, candidates);
  const factText = (g: number) => candidates[g].fact.text;
  const ordered = orderFacts(
    mergePassages(candidates, (c) =>
      quoteContext.passage(c.representative.doc, c.representative.sentence.index),
    ),
  );
  const facts = ordered.filter((c) => c.fact.independent >= 2);
  const single = rankClaims(ordered.filter((c) => c.fact.independent < 2)).slice(
    0,
    MAX_SINGLE_SOURCE,
  );
  const totalFamilies = new Set(index.familyOf.values()).size;
  const lead = buildLead(candidates, totalFamilies, {
    words: options.leadWords ?? DEFAULT_LEAD_WORDS,
    ...options.lead,
  });
  for (const f of index.furniture) {
    diagnostics.push({
      severity: "info",
      code: "page-furniture",
      message: `sentence ${f.sentence} left out as page furniture (${f.reason}): ${clip(f.text)}`,
      source: f.source,
    });
  }
  const sources: BriefSource[] = articles.map((a) => ({
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    published: a.published,
    url: a.url,
    language: a.language,
    family: index.familyOf.get(a.id)!,
  }));
  const original = new Set(families.map((f) => f.first));
  const title = pickHeadline(
    articles.map((a) => {
      const family = index.familyOf.get(a.id)!;
      return { article: a, family, original: family === a.id || original.has(a.id) };
    }),
  );
  const brief: Brief = {
    generator: { ...GENERATOR },
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(title !== null ? { title } : {}),
    lead,
    sources,
    facts: facts.map((c) => c.fact),
    singleSource: single.map((c) => c.fact),
    disputes: findDisputes(index, aligned),
    conflicts: findConflicts(index, aligned, factText),
    quotes: findQuotes(index),
    timeline: buildTimeline(index, aligned, candidates, statementOf),
    actors: index.actors.actors,
    diagnostics,
  };
  return { brief, docs, facts: candidates };
}

/** A sentence shortened for a diagnostic message. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function borrowed(source: string, date: string): Diagnostic & { source: string } {
  return {
    severity: "info",
    code: "date-reference-borrowed",
    message: `no publication date; coarse relative dates ("last September", "last year") read against the story's latest report (${date}), day-level ones left unresolved`,
    source,
  };
}
