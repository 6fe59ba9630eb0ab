/** The CLI's commands, in the order `--help` lists them. Each module registers one command. */
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerBrief } from "./brief.js";
import { registerCluster } from "./cluster.js";
import { registerExtract } from "./extract.js";

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: RegisterCommand[] = [
  registerExtract,
  registerCluster,
  registerBrief,
];
