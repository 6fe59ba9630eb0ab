#!/usr/bin/env node
// The crosscheck executable: a thin shim over the compiled CLI (built by `npm ci` via `prepare`).
import { main } from "../dist/src/cli/main.js";

// A closed pipe (`crosscheck … | head`) ends the program quietly, as other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`crosscheck: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
