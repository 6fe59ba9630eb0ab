/**
 * What every command gets: its streams and the exit-status convention
 * (0 all good, 1 some inputs failed, 2 usage error). Commands never call process.exit.
 */
import type { InputError } from "../model.js";

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A mistake in how the command was called: reported with exit status 2. */
export class UsageError extends Error {}

export class CliContext {
  private status = EXIT_OK;
  constructor(readonly io: CliIO) {}

  /** Raises the exit status; the worst status wins. */
  fail(code: number): void {
    this.status = Math.max(this.status, code);
  }

  get exitCode(): number {
    return this.status;
  }

  /** Prints one line per failed input, naming it, and records exit status 1. */
  reportInputErrors(errors: readonly InputError[]): void {
    for (const error of errors)
      this.io.stderr.write(`crosscheck: ${error.input}: ${error.message}\n`);
    if (errors.length > 0) this.fail(EXIT_INPUT_FAILED);
  }

  /** A note on stderr (progress, summaries): never mixed into stdout's data. */
  note(message: string): void {
    this.io.stderr.write(`${message}\n`);
  }
}
