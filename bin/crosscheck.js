#!/usr/bin/env node
// The crosscheck executable: a thin shim over the compiled CLI (built by `npm ci` via `prepare`).
import { main } from "../dist/src/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`crosscheck: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
