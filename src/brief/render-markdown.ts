/**
 * Renders a Brief as readable Markdown: numbered [n] citations into a source list, one section
 * per part of the brief (Lead, Established, Single-source claims, Disputes, Contradictions,
 * Quotes, Timeline, Actors, Sources).
 */
import type { Brief, Fact } from "../model.js";
import { plural } from "../text/plural.js";
import { citationNumbers, sourceNumbers } from "./citations.js";

/** Markdown-escapes text that came from articles, so it cannot inject links, HTML or headings. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/([\\`*_[\]<>#|])/g, "\\$1")
    .trim();
}

export function renderMarkdown(brief: Brief): string {
  const number = sourceNumbers(brief);
  const numbers = citationNumbers(number);
  const cite = (ids: readonly string[]) =>
    numbers(ids)
      .map((n) => `[${n}]`)
      .join("");
  const out: string[] = [];
  if (brief.title) {
    out.push(`# ${escapeMarkdown(brief.title)}`, "");
    if (brief.id) out.push(`Story: ${escapeMarkdown(brief.id)}`, "");
  } else {
    out.push(`# Brief${brief.id ? `: ${escapeMarkdown(brief.id)}` : ""}`, "");
  }
  out.push(
    "## Lead",
    "",
    brief.lead ? escapeMarkdown(brief.lead) : "_No lead: no usable sentences._",
    "",
  );
  const factList = (facts: Fact[], empty: string) => {
    if (facts.length === 0) return [empty, ""];
    const lines = facts.map((f) => {
      const ev = f.evidence
        .map((e) => `${number.get(e.source) ?? e.source}:${e.sentence}`)
        .join(", ");
      return `- ${escapeMarkdown(f.text)} ${cite(f.sources)} — ${f.independent} independent ${f.independent === 1 ? "source" : "sources"} (sentences ${ev})`;
    });
    return [...lines, ""];
  };
  out.push(
    "## Established",
    "",
    "Facts stated by at least two independent sources (copy families).",
    "",
  );
  out.push(...factList(brief.facts, "_None._"));
  out.push("## Single-source claims", "", "Notable statements only one source family makes.", "");
  out.push(...factList(brief.singleSource, "_None._"));
  out.push("## Disputes", "");
  if (brief.disputes.length === 0) out.push("_None found._", "");
  for (const d of brief.disputes) {
    const who = (list: typeof d.asserted) => {
      const by = new Map<string, string[]>();
      for (const s of list) by.set(s.by, [...(by.get(s.by) ?? []), s.source]);
      return [...by].map(([name, ids]) => `${escapeMarkdown(name)} ${cite(ids)}`).join("; ");
    };
    out.push(`- **Claim:** ${escapeMarkdown(d.claim)}`);
    out.push(`  - asserted by: ${who(d.asserted)}`);
    out.push(`  - denied by: ${who(d.denied)}`);
  }
  if (brief.disputes.length > 0) out.push("");
  out.push("## Contradictions", "");
  if (brief.conflicts.length === 0) out.push("_None found._", "");
  for (const c of brief.conflicts) {
    out.push(`- **${escapeMarkdown(c.about)}**`);
    for (const v of c.values) out.push(`  - ${escapeMarkdown(v.value)} ${cite(v.sources)}`);
  }
  if (brief.conflicts.length > 0) out.push("");
  out.push("## Quotes", "");
  if (brief.quotes.length === 0) out.push("_None found._", "");
  for (const q of brief.quotes) {
    const speaker = q.speaker ? escapeMarkdown(q.speaker) : "unattributed";
    out.push(`- “${escapeMarkdown(q.text)}” — ${speaker} ${cite([q.source, ...(q.alsoIn ?? [])])}`);
  }
  if (brief.quotes.length > 0) out.push("");
  out.push("## Timeline", "");
  if (brief.timeline.length === 0) out.push("_No dated events._", "");
  for (const t of brief.timeline)
    out.push(`- **${t.date}** ${escapeMarkdown(t.text)} ${cite(t.sources)}`);
  if (brief.timeline.length > 0) out.push("");
  out.push("## Actors", "");
  if (brief.actors.length === 0) out.push("_None found._", "");
  for (const a of brief.actors) {
    const aliases =
      a.aliases.length > 0 ? `; also ${a.aliases.map(escapeMarkdown).join(", ")}` : "";
    out.push(
      `- ${escapeMarkdown(a.name)} (${a.kind}, ${plural(a.mentions, "mention")}${aliases}) ${cite(a.sources)}`,
    );
  }
  if (brief.actors.length > 0) out.push("");
  out.push("## Sources", "");
  brief.sources.forEach((s, i) => {
    const parts = [escapeMarkdown(s.id)];
    if (s.title) parts.push(`“${escapeMarkdown(s.title)}”`);
    if (s.outlet) parts.push(escapeMarkdown(s.outlet));
    if (s.published) parts.push(s.published);
    const members = brief.sources.filter((x) => x.family === s.family).length;
    const fam =
      members === 1
        ? "own family"
        : s.family === s.id
          ? `first of a family of ${members}`
          : `family of ${escapeMarkdown(s.family)}`;
    out.push(`${i + 1}. ${parts.join(", ")} (${fam})`);
  });
  out.push("");
  const warnings = brief.diagnostics.filter((d) => d.severity !== "info");
  if (warnings.length > 0) {
    out.push("## Diagnostics", "");
    for (const d of warnings)
      out.push(
        `- ${d.severity} ${d.code}${d.source ? ` (${escapeMarkdown(d.source)})` : ""}: ${escapeMarkdown(d.message)}`,
      );
    out.push("");
  }
  out.push(`_Generated by ${brief.generator.name} ${brief.generator.version}._`, "");
  return out.join("\n");
}
