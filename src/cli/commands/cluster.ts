/**
 * `crosscheck cluster FILE…|-`: groups articles into stories (incremental clustering, in input
 * order) and copy families; prints one JSON line per article, or a summary of the stories.
 */
import type { Command } from "commander";
import { plainArticle } from "../../cluster/plain-article.js";
import { StoryClusterer } from "../../cluster/story-clusterer.js";
import { readInputs } from "../../ingest/read-inputs.js";
import { findCopyFamilies } from "../../match/copy-families.js";
import type { Article, InputError, RawInput } from "../../model.js";
import { type CliContext, UsageError } from "../context.js";

/**
 * RawInput → Article. A minimal local adapter (plain text: non-empty lines are paragraphs;
 * HTML: tags stripped) with the same shape as the extractor's `extractBatch(inputs)`, so the
 * real extractor can replace it in one line once it lands.
 */
export function toArticles(inputs: readonly RawInput[]): {
  articles: Article[];
  errors: InputError[];
} {
  const articles: Article[] = [];
  const errors: InputError[] = [];
  for (const input of inputs) {
    let text = input.text;
    let html = input.html;
    if (text === undefined && html === undefined && input.bytes !== undefined) {
      const decoded = new TextDecoder("utf-8").decode(input.bytes);
      if (/^\s*<(!doctype|html|head|body|p|div)\b/i.test(decoded)) html = decoded;
      else text = decoded;
    }
    const article = plainArticle({
      id: input.id,
      text,
      html,
      title: input.meta?.title ?? null,
      published: input.meta?.published ?? null,
      outlet: input.meta?.outlet ?? null,
      url: input.meta?.url ?? null,
      origin: input.origin,
    });
    article.diagnostics.unshift(...(input.diagnostics ?? []));
    if (article.paragraphs.length === 0) {
      errors.push({ input: input.origin.name, message: "no text to cluster (empty body)" });
      continue;
    }
    articles.push(article);
  }
  return { articles, errors };
}

export function registerCluster(program: Command, ctx: CliContext): void {
  program
    .command("cluster")
    .description(
      "Group articles into stories and copy families. Input: files, directories, JSONL (one\n" +
        "article a line: id, text or html, optional title, url, published) or - for stdin.\n" +
        'Output (jsonl): one line per article in input order: {"id","story","family"}, where\n' +
        "story is the id of the story's first article and family the id of the first report of\n" +
        "its copy family. Output (summary): the stories with their sizes and titles.",
    )
    .argument("<inputs...>", "files, directories, JSONL files, or - for stdin")
    .option("--format <format>", "jsonl or summary", "jsonl")
    .action(async (args: string[], options: { format: string }) => {
      if (options.format !== "jsonl" && options.format !== "summary")
        throw new UsageError(`--format must be jsonl or summary, not "${options.format}"`);
      const read = await readInputs(args, { stdin: ctx.io.stdin });
      const { articles, errors } = toArticles(read.inputs);
      ctx.reportInputErrors([...read.errors, ...errors]);
      const clusterer = new StoryClusterer();
      for (const article of articles) clusterer.add(article);
      const families = findCopyFamilies(articles);
      const familyOf = new Map<string, string>();
      for (const family of families) for (const m of family.members) familyOf.set(m.id, family.id);
      if (options.format === "jsonl") {
        for (const article of articles) {
          const line = {
            id: article.id,
            story: clusterer.storyOf(article.id),
            family: familyOf.get(article.id),
          };
          ctx.io.stdout.write(`${JSON.stringify(line)}\n`);
        }
        return;
      }
      const stories = clusterer.storyList();
      const sorted = [...stories].sort((a, b) => b.articles.length - a.articles.length);
      ctx.io.stdout.write(
        `${articles.length} articles, ${stories.length} stories, ${families.length} copy families\n`,
      );
      for (const story of sorted) {
        const fams = new Set(story.articles.map((id) => familyOf.get(id)));
        const title = (story.title ?? "(untitled)").replace(/\s+/g, " ").slice(0, 90);
        ctx.io.stdout.write(
          `${story.id}\t${story.articles.length} articles\t${fams.size} families\t${title}\n`,
        );
      }
    });
}
