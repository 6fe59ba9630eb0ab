/**
 * `crosscheck serve`: the web UI and JSON API over a store, on 127.0.0.1 by default. Runs until
 * interrupted (SIGINT/SIGTERM), then closes the server and the store.
 */
import type { Command } from "commander";
import { createApp } from "../../server/app.js";
import { listen } from "../../server/node-adapter.js";
import { type CliContext, UsageError } from "../context.js";
import { DB_OPTION_HELP, openStoreForCli } from "./ingest.js";

/** Port used when --port is not given. */
export const DEFAULT_PORT = 8080;

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  token?: string;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description(
      "Serve the web UI and the JSON API over a store: stories, briefs with clickable\n" +
        "citations, sources side by side, articles. Adding reports needs a token.",
    )
    .option("--db <path|url>", DB_OPTION_HELP)
    .option(
      "--port <n>",
      "port to listen on; 0 picks a free one (the URL is printed)",
      String(DEFAULT_PORT),
    )
    .option(
      "--host <address>",
      "address to bind; other than 127.0.0.1 exposes the server",
      "127.0.0.1",
    )
    .option(
      "--token <token>",
      "write token (default: $CROSSCHECK_TOKEN); without one the server is read-only",
    )
    .addHelpText(
      "after",
      "\nThe server prints its URL on stdout and runs until interrupted (Ctrl-C).\n" +
        "API: GET /api/stories?q=, /api/stories/:id, /api/stories/:id/sources, /api/articles/:id;\n" +
        "POST /api/ingest with Authorization: Bearer <token>. See docs/API.md.",
    )
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, not "${flags.port}"`);
      }
      const token = flags.token ?? ctx.io.env.CROSSCHECK_TOKEN ?? null;
      if (token !== null && token.length < 8) {
        throw new UsageError("the write token must be at least 8 characters");
      }
      const store = await openStoreForCli(ctx, flags.db);
      const onError = (err: unknown) =>
        ctx.note(`crosscheck: serve: ${(err as Error)?.stack ?? String(err)}`);
      let server: Awaited<ReturnType<typeof listen>>;
      try {
        server = await listen(createApp({ store, token, onError }), {
          port,
          host: flags.host,
          onError,
        });
      } catch (err) {
        await store.close();
        throw new UsageError(`cannot listen on ${flags.host}:${port}: ${(err as Error).message}`);
      }
      ctx.io.stdout.write(`${server.url}/\n`);
      if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(flags.host)) {
        ctx.note(
          `crosscheck: serve: listening on ${flags.host}, reachable from other machines; the server speaks plain HTTP, so put a TLS proxy in front of it`,
        );
      }
      ctx.note(
        `serving ${store.location} ${token ? "(writes allowed with the token)" : "read-only (no --token)"}; Ctrl-C stops`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await server.close();
      await store.close();
    });
}
