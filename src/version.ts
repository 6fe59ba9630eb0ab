/** The package's name and version, read once from package.json, for --version and JSON output. */
import { readFileSync } from "node:fs";

const pkgUrl = new URL("../../package.json", import.meta.url);
const pkg = JSON.parse(readFileSync(pkgUrl, "utf8")) as { name: string; version: string };

export const VERSION: string = pkg.version;
export const GENERATOR = { name: "crosscheck", version: pkg.version } as const;
