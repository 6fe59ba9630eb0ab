/**
 * The CLI door: parses arguments with commander, runs one command, returns the exit status
 * (0 all good, 1 some inputs failed, 2 usage error). Testable in-process with fake streams.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../version.js";
import { COMMANDS } from "./commands/index.js";
import { CliContext, type CliIO, EXIT_USAGE, UsageError } from "./context.js";

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("crosscheck");
  program
    .description(
      "Cross-check many reports of one news story: extract the articles, group copies,\n" +
        "and write a brief of what independent sources agree on, dispute or contradict.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for crosscheck or a command")
    .addHelpCommand("help [command]", "show help for a command")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .addHelpText(
      "after",
      "\nExit status: 0 all good, 1 some inputs failed (each is named on stderr), 2 usage error.\n" +
        "Docs: README.md and docs/ in the crosscheck repository.",
    );
  for (const register of COMMANDS) register(program, ctx);
  // Sub-commands inherit the same output routing and error handling.
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    });
    command.showHelpAfterError("(run with --help for usage)");
  }
  return program;
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  const ctx = new CliContext(io);
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
      ) {
        return ctx.exitCode;
      }
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`crosscheck: ${err.message}\n(run with --help for usage)\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  return ctx.exitCode;
}
