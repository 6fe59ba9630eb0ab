/**
 * `crosscheck demo`: the cross-checked brief of the bundled example corpus (a fictional
 * chemical-fire story told by nine invented outlets), to see what crosscheck does in one step.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { readInputs } from "../../ingest/read-inputs.js";
import { type CliContext, UsageError } from "../context.js";
import { briefOf, type Format, render } from "./brief.js";

/** The example corpus shipped with the package: one folder per story. */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../../../examples/", import.meta.url));

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "write the brief of the bundled example story (fictional, nine outlets, in text and HTML)",
    )
    .argument("[story]", "example story folder name", "kestrel-wharf-fire")
    .option("-f, --format <format>", "output format: md, json or html", "md")
    .addHelpText(
      "after",
      `\nThe example corpus lives in ${EXAMPLES_DIR}; its README says what each file shows.\n` +
        "The same brief: crosscheck brief examples/kestrel-wharf-fire",
    )
    .action(async (story: string, flags: { format: string }) => {
      const format = flags.format as Format;
      if (!["md", "json", "html"].includes(format))
        throw new UsageError(`unknown --format "${flags.format}" (md, json or html)`);
      const stories = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      if (!stories.includes(story))
        throw new UsageError(`no example story "${story}" (have: ${stories.join(", ")})`);
      const read = await readInputs([`${EXAMPLES_DIR}${story}`]);
      ctx.reportInputErrors(read.errors);
      ctx.note(
        `crosscheck demo: ${read.inputs.length} reports of one fictional story from ${EXAMPLES_DIR}${story}`,
      );
      const brief = briefOf(ctx, read.inputs, { id: story });
      if (brief) ctx.io.stdout.write(render(brief, format));
    });
}
