/**
 * The nouns every stage of crosscheck speaks. Stages import these types and their upstream
 * neighbours' outputs, never sideways or backwards. Everything here is plain data: JSON-safe,
 * no classes, no methods, so a value can cross a worker boundary or be stored as-is.
 */

/** Where a piece of input came from: a file, stdin, a JSONL line, a URL or a feed item. */
export interface Origin {
  /** How the input reached us. */
  kind: "file" | "stdin" | "jsonl" | "url" | "feed" | "inline";
  /** Human-readable name used in error messages: a path, a URL, or "path:line" for JSONL. */
  name: string;
  /** 1-based line number inside a JSONL file, when the input is one line of it. */
  line?: number;
  /** Content type declared by the transport (HTTP header), when there was one. */
  contentType?: string;
}

/** Metadata supplied alongside an input (JSONL fields, feed item fields), before extraction. */
export interface SuppliedMeta {
  title?: string;
  published?: string;
  url?: string;
  outlet?: string;
  author?: string;
  /** Categories or tags given by a feed item (additive: feeds). */
  categories?: string[];
}

/** One input as the ingest door hands it on: raw bytes (or already-decoded text) and origin. */
export interface RawInput {
  /** Source id: file name without extension, or the JSONL `id`; made unique per batch. */
  id: string;
  origin: Origin;
  /** Undecoded bytes, when the input is a file or a fetched page. */
  bytes?: Uint8Array;
  /** Already-decoded plain text (a JSONL `text` field). */
  text?: string;
  /** Already-decoded HTML (a JSONL `html` field). */
  html?: string;
  /** Metadata that came with the input and should win over guesses from the content. */
  meta?: SuppliedMeta;
  /** Diagnostics raised while reading (e.g. the id was renamed to stay unique). */
  diagnostics?: Diagnostic[];
}

/** A message that travels with a document: what was dropped, guessed or could not be parsed. */
export interface Diagnostic {
  severity: "info" | "warning" | "error";
  /** Stable machine-readable code, e.g. "id-renamed", "charset-guessed", "language-unsupported". */
  code: string;
  message: string;
}

/** A line or block the extractor removed from the article, kept for audit. */
export interface RemovedLine {
  text: string;
  /** Why it was removed, e.g. "navigation", "see-also", "comment-form", "image-credit". */
  reason: string;
}

/** How precisely a date is known. */
export type DatePrecision = "year" | "month" | "day" | "minute" | "second";

/** The article itself, extracted from its wrapping: metadata, clean body, what was removed. */
export interface Article {
  /** Source id (unique within a batch or store). */
  id: string;
  origin: Origin;
  title: string | null;
  byline: string | null;
  /** ISO 8601 publication date at the precision known ("2024-06-18", "2024-06-18T09:30:00+09:00"). */
  published: string | null;
  publishedPrecision: DatePrecision | null;
  /** Outlet or site name ("The Daily Example"). */
  outlet: string | null;
  /** Canonical URL when known. */
  url: string | null;
  /** ISO 639-1 code of the body's language, or null when it could not be told. */
  language: string | null;
  /** Clean body paragraphs in reading order; headings are paragraphs too (see `headings`). */
  paragraphs: string[];
  /** Indices into `paragraphs` that are section headings rather than running text. */
  headings: number[];
  /** Boilerplate removed from the input, with reasons. */
  removed: RemovedLine[];
  diagnostics: Diagnostic[];
  /** Hex SHA-256 of the normalised body text: equal bodies have equal hashes. */
  contentHash: string;
}

/** A sentence of an article's body, located by paragraph and character span. */
export interface Sentence {
  /** 0-based index among the article's sentences: the citation unit. */
  index: number;
  /** Index of the paragraph that holds it. */
  paragraph: number;
  /** Character span [start, end) inside its paragraph. */
  start: number;
  end: number;
  text: string;
  /** True when the sentence is a section heading. */
  heading: boolean;
}

/** Kind of a named entity. */
export type EntityKind = "person" | "place" | "organization" | "other";

/** One mention of a named entity in a sentence. */
export interface Mention {
  text: string;
  kind: EntityKind;
  sentence: number;
  start: number;
  end: number;
  /** The kind comes from the mention's context, not only its shape (see text/entities.ts). */
  cued?: boolean;
}

/** An article ready for matching and analysis: its sentences and what was found in them. */
export interface Doc {
  article: Article;
  sentences: Sentence[];
  mentions: Mention[];
  /** Quantities found in the sentences ("2,300 residents"), when the text stage ran them. */
  quantities?: QuantityMention[];
  /** Dates found in the sentences, resolved against the publication date where known. */
  dates?: DateMentionInDoc[];
}

/** A quantity in a sentence: value, counted noun's stem, hedge ("more than"). */
export interface QuantityMention {
  sentence: number;
  text: string;
  value: number;
  unit: string;
  qualifier: "exact" | "more" | "less" | "about";
  start: number;
  end: number;
}

/** A date expression in a sentence; `iso` is null when it needs a reference date we lack. */
export interface DateMentionInDoc {
  sentence: number;
  text: string;
  iso: string | null;
  precision: "year" | "month" | "day";
  relative: boolean;
  start: number;
  end: number;
}

/** How one member of a copy family relates to the family's first report. */
export type Derivation = "original" | "copy" | "rewrite";

/** Articles that are copies or rewrites of one another: they count as one independent source. */
export interface Family {
  /** Stable id: the id of the family's first report. */
  id: string;
  /** The first report: earliest published, then the one that contains the others. */
  first: string;
  members: { id: string; relation: Derivation; outlet: string | null }[];
}

/** Articles that report one event. */
export interface Story {
  id: string;
  title: string | null;
  /** Article ids in arrival order. */
  articles: string[];
  families: Family[];
}

/** A pointer to the exact sentence that supports a statement. */
export interface Evidence {
  /** Source (article) id. */
  source: string;
  /** Sentence index within that source. */
  sentence: number;
  /** The sentence text, so a reader needs no second look-up. */
  text: string;
}

/** A statement made by one or more sources, with its evidence. */
export interface Fact {
  text: string;
  /** Source ids that state it, sorted. */
  sources: string[];
  /** Number of independent source families that state it. */
  independent: number;
  evidence: Evidence[];
}

/** A party asserting or denying a claim, in one source. */
export interface Stance {
  by: string;
  source: string;
  sentence?: number;
}

/** A claim that some actors assert and others deny. */
export interface Dispute {
  claim: string;
  asserted: Stance[];
  denied: Stance[];
}

/** The same quantity, date or name given differently by different sources. */
export interface Conflict {
  about: string;
  values: { value: string; sources: string[]; evidence?: Evidence[] }[];
}

/** A direct quote with its speaker. */
export interface Quote {
  speaker: string | null;
  text: string;
  source: string;
  sentence?: number;
  /** Other sources that carry the same quote. */
  alsoIn?: string[];
}

/** A dated event. */
export interface TimelineEntry {
  /** ISO 8601 at the known precision ("2024-06", "2024-06-18"). */
  date: string;
  precision: DatePrecision;
  text: string;
  sources: string[];
  evidence?: Evidence[];
}

/** A person, place or organisation the story is about. */
export interface Actor {
  name: string;
  kind: EntityKind;
  mentions: number;
  aliases: string[];
  sources: string[];
}

/** A source as listed in a brief. */
export interface BriefSource {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url?: string | null;
  language?: string | null;
  /** Id of the copy family it belongs to. */
  family: string;
}

/** The cross-checked brief of one story: what is established, by whom, and what is not. */
export interface Brief {
  /** Name and version of the program that made it. */
  generator: { name: "crosscheck"; version: string };
  /** Story id, when the brief was made for a stored story or a batch line. */
  id?: string;
  /** The story's headline: the most representative source title (absent when none is usable). */
  title?: string;
  lead: string;
  sources: BriefSource[];
  facts: Fact[];
  singleSource: Fact[];
  disputes: Dispute[];
  conflicts: Conflict[];
  quotes: Quote[];
  timeline: TimelineEntry[];
  actors: Actor[];
  diagnostics: (Diagnostic & { source?: string })[];
}

/** A failure to read or process one input: the batch goes on, the exit status records it. */
export interface InputError {
  /** The input's name (path, URL, "file:line"). */
  input: string;
  message: string;
  /** The input's id, when it was read but could not become an article. */
  id?: string;
}
