/**
 * What the story pages and API show beyond the Brief itself: each article's sentences marked
 * by what the brief says of them (agreed by N families, single-source, disputed, contradicted)
 * and the articles grouped by copy family. Pure: values in, values out.
 */
import { buildBriefWork } from "../brief/build-brief.js";
import type { Article, Brief, Derivation, Evidence, Family, Sentence } from "../model.js";
import type { LoadedStory } from "../store/store.js";
import { toDoc } from "../text/to-doc.js";

export type MarkKind = "agreed" | "single" | "disputed" | "contradicted";

/** What the brief says of one sentence; `families` is the independent support of the best fact citing it. */
export interface SentenceMark {
  kind: MarkKind;
  families: number;
}

export interface MarkedSentence {
  index: number;
  paragraph: number;
  text: string;
  heading: boolean;
  mark: SentenceMark | null;
}

export interface SourceArticle {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
  family: string;
  relation: Derivation;
  /** True for the family's first report. */
  first: boolean;
  sentences: MarkedSentence[];
}

export interface SourcesView {
  story: { id: string; title: string | null; revision: number };
  families: { id: string; first: string; articles: SourceArticle[] }[];
}

/** Precedence when one sentence is cited in several roles: a disagreement outranks agreement. */
const MARK_RANK: Record<MarkKind, number> = { disputed: 3, contradicted: 2, agreed: 1, single: 0 };

/** The brief and the marked sources of a loaded story, computed in one pass. */
export function viewStory(loaded: LoadedStory): { brief: Brief; sources: SourcesView } {
  const work = buildBriefWork(loaded.articles, loaded.families, { id: loaded.story.id });
  const sentences = new Map(work.docs.map((d) => [d.article.id, d.sentences]));
  return {
    brief: work.brief,
    sources: sourcesView(loaded, work.brief, (a) => sentences.get(a.id) ?? toDoc(a).sentences),
  };
}

/** Sentence marks keyed "source\u0000index". */
export function sentenceMarks(brief: Brief): Map<string, SentenceMark> {
  const marks = new Map<string, SentenceMark>();
  const put = (source: string, sentence: number | undefined, mark: SentenceMark) => {
    if (sentence === undefined) return;
    const key = `${source}\u0000${sentence}`;
    const old = marks.get(key);
    if (
      !old ||
      MARK_RANK[mark.kind] > MARK_RANK[old.kind] ||
      (mark.kind === old.kind && mark.families > old.families)
    ) {
      marks.set(key, mark);
    }
  };
  const evidence = (list: Evidence[] | undefined, mark: SentenceMark) => {
    for (const e of list ?? []) put(e.source, e.sentence, mark);
  };
  for (const f of brief.facts) evidence(f.evidence, { kind: "agreed", families: f.independent });
  for (const f of brief.singleSource)
    evidence(f.evidence, { kind: "single", families: f.independent });
  for (const c of brief.conflicts) {
    for (const v of c.values) evidence(v.evidence, { kind: "contradicted", families: 0 });
  }
  for (const d of brief.disputes) {
    for (const s of [...d.asserted, ...d.denied])
      put(s.source, s.sentence, { kind: "disputed", families: 0 });
  }
  return marks;
}

export function sourcesView(
  loaded: LoadedStory,
  brief: Brief,
  sentencesOf: (a: Article) => Sentence[],
): SourcesView {
  const marks = sentenceMarks(brief);
  const byId = new Map(loaded.articles.map((a) => [a.id, a]));
  const families: Family[] = [...loaded.families];
  // Articles no family lists stand alone, as they do in the brief.
  const listed = new Set(families.flatMap((f) => f.members.map((m) => m.id)));
  for (const a of loaded.articles) {
    if (!listed.has(a.id)) {
      families.push({
        id: a.id,
        first: a.id,
        members: [{ id: a.id, relation: "original", outlet: a.outlet }],
      });
    }
  }
  return {
    story: { id: loaded.story.id, title: loaded.story.title, revision: loaded.revision },
    families: families.map((f) => ({
      id: f.id,
      first: f.first,
      articles: f.members
        .map((m) => ({ m, a: byId.get(m.id) }))
        .filter((x): x is { m: (typeof f.members)[number]; a: Article } => x.a !== undefined)
        // The first report leads its family; the rest keep the family's order.
        .sort((x, y) => Number(y.m.id === f.first) - Number(x.m.id === f.first))
        .map(({ m, a }) => ({
          id: a.id,
          title: a.title,
          outlet: a.outlet,
          published: a.published,
          url: a.url,
          language: a.language,
          family: f.id,
          relation: m.relation,
          first: a.id === f.first,
          sentences: sentencesOf(a).map((s) => ({
            index: s.index,
            paragraph: s.paragraph,
            text: s.text,
            heading: s.heading,
            mark: marks.get(`${a.id}\u0000${s.index}`) ?? null,
          })),
        })),
    })),
  };
}
