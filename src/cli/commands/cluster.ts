/**
 * `crosscheck cluster FILE…|-`: groups articles into stories (incremental clustering, in input
 * order) and copy families; prints one JSON line per article, or a summary of the stories.
 */
import type { Command } from "commander";
import { StoryClusterer } from "../../cluster/story-clusterer.js";
import { ProgressBar } from "../../ingest/progress.js";
import { findCopyFamilies } from "../../match/copy-families.js";
import { plural } from "../../text/plural.js";
import { type CliContext, UsageError } from "../context.js";
import {
  allowPrivateOption,
  extractWithProgress,
  INPUTS_HELP,
  type InputFlags,
  readCliInputs,
} from "../inputs.js";

export function registerCluster(program: Command, ctx: CliContext): void {
  program
    .command("cluster")
    .description(
      "Group articles into stories and copy families. Input: files, directories, JSONL (one " +
        "article a line: id, text or html, optional title, url, published) or - for stdin. " +
        'Output (jsonl): one line per article in input order: {"id","story","family"}, where ' +
        "story is the id of the story's first article and family the id of the first report of " +
        'its copy family; an input read but not extracted (no article text) keeps its line as {"id",' +
        '"story":null,"family":null,"error"}. Output (summary): the stories with their sizes and titles. On a ' +
        "terminal, progress lines on stderr while extracting and clustering.",
    )
    .argument("<inputs...>", INPUTS_HELP)
    .addOption(allowPrivateOption())
    .option("--format <format>", "jsonl or summary", "jsonl")
    .action(async (args: string[], options: { format: string } & InputFlags) => {
      if (options.format !== "jsonl" && options.format !== "summary")
        throw new UsageError(`--format must be jsonl or summary, not "${options.format}"`);
      const read = await readCliInputs(ctx, args, options);
      // Progress lines on a terminal's stderr: extraction, then clustering.
      const { articles, errors } = extractWithProgress(ctx, read.inputs);
      ctx.reportInputErrors([...read.errors, ...errors]);
      const clusterer = new StoryClusterer();
      const bar = new ProgressBar(ctx.io.stderr, articles.length);
      articles.forEach((article, i) => {
        clusterer.add(article);
        bar.update(i + 1);
      });
      bar.finish();
      // The end of the batch: stories of one article get a second look.
      clusterer.absorbSingletons();
      const families = findCopyFamilies(articles);
      const familyOf = new Map<string, string>();
      for (const family of families) for (const m of family.members) familyOf.set(m.id, family.id);
      if (options.format === "jsonl") {
        // Every input read keeps its line, in input order: one that yielded no article says why.
        const failed = new Map(errors.flatMap((e) => (e.id === undefined ? [] : [[e.id, e]])));
        const extracted = new Set(articles.map((a) => a.id));
        for (const input of read.inputs) {
          const error = failed.get(input.id);
          const line = extracted.has(input.id)
            ? {
                id: input.id,
                story: clusterer.storyOf(input.id),
                family: familyOf.get(input.id),
              }
            : { id: input.id, story: null, family: null, error: error?.message ?? "not extracted" };
          ctx.io.stdout.write(`${JSON.stringify(line)}\n`);
        }
        return;
      }
      const stories = clusterer.storyList();
      const sorted = [...stories].sort((a, b) => b.articles.length - a.articles.length);
      ctx.io.stdout.write(
        `${plural(articles.length, "article")}, ${plural(stories.length, "story", "stories")}, ${plural(families.length, "copy family", "copy families")}\n`,
      );
      for (const story of sorted) {
        const fams = new Set(story.articles.map((id) => familyOf.get(id)));
        const title = (story.title ?? "(untitled)").replace(/\s+/g, " ").slice(0, 90);
        ctx.io.stdout.write(
          `${story.id}\t${plural(story.articles.length, "article")}\t${plural(fams.size, "family", "families")}\t${title}\n`,
        );
      }
    });
}
