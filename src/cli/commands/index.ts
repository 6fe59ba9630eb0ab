/** The CLI's commands, in the order `--help` lists them. Each module registers one command. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerBrief } from "./brief.js";
import { registerCluster } from "./cluster.js";
import { registerDemo } from "./demo.js";
import { registerExport } from "./export.js";
import { registerExtract } from "./extract.js";
import { registerImport } from "./import.js";
import { registerIngest } from "./ingest.js";
import { registerServe } from "./serve.js";
import { registerStories } from "./stories.js";
import { registerWatch } from "./watch.js";
import { registerWorker } from "./worker.js";

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: RegisterCommand[] = [
  registerDemo,
  registerExtract,
  registerCluster,
  registerBrief,
  registerIngest,
  registerWatch,
  registerStories,
  registerExport,
  registerImport,
  registerWorker,
  registerServe,
];
