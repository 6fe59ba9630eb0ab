/**
 * `npm run bench [-- name...]`: runs the benchmarks one after another, each in its own Node
 * process, and prints their output. Each benchmark compares our code against a baseline in the
 * same run; the figures go to bench/RESULTS.md by hand, with the command that made them.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Bench {
  name: string;
  script: string;
  args?: string[];
  /** Extra Node flags (heap size for the scale runs). */
  node?: string[];
  what: string;
}

/** In the order they are usually run; the quick ones first. */
export const BENCHES: Bench[] = [
  {
    name: "extract",
    script: "extract-accuracy.js",
    what: "extraction F1 and pages/s vs Readability (jsdom, linkedom)",
  },
  {
    name: "cluster",
    script: "cluster-ecbplus.js",
    what: "story clustering on ECB+, 2-fold by topic, vs TF-IDF average-link",
  },
  {
    name: "cluster-joint",
    script: "cluster-joint.js",
    what: "clusterer defaults tuned on ECB+ and allsides at once, tested on the held-out halves",
  },
  {
    name: "cluster-second-look",
    script: "cluster-second-look.js",
    what: "the end-of-batch second look's threshold, chosen 2-fold on ECB+ and allsides",
  },
  {
    name: "cluster-allsides",
    script: "cluster-allsides.js",
    what: "story clustering on allsides-dev (half of it in the joint tuning) vs TF-IDF average-link",
  },
  {
    name: "copies",
    script: "copies-ecbplus.js",
    what: "copy-family detection on a generated corpus vs MinHash alone",
  },
  {
    name: "brief-rouge",
    script: "brief-rouge.js",
    what: "lead ROUGE on allsides-dev vs two baselines",
  },
  {
    name: "brief-speed",
    script: "brief-speed.js",
    what: "briefs/s and a 50-article story vs first-sentences baseline",
  },
  {
    name: "feeds-parse",
    script: "feeds-parse.js",
    what: "feed parsing items/s vs regex, linkedom and htmlparser2.parseFeed",
  },
  {
    name: "feeds-watch",
    script: "feeds-watch.js",
    what: "a watch run over 200 local feeds vs plain fetch",
  },
  {
    name: "server",
    script: "server-bench.js",
    what: "50-article story page and stories list req/s vs a static handler",
  },
  {
    name: "store",
    script: "store-ingest.js",
    what: "ingest articles/s per engine and PG workers vs in-memory baseline",
  },
  {
    name: "commit",
    script: "store-commit-time.js",
    args: ["--n", "1000"],
    what: "time of one article commit (the serial section) per engine",
  },
  {
    name: "search",
    script: "store-search.js",
    what: "story search: full-text index vs scanning every story, per engine",
  },
  { name: "crash", script: "store-crash.js", what: "kill -9 during a 10k ingest, rerun, count" },
  {
    name: "scale",
    script: "scale-cluster.js",
    args: ["100000"],
    node: ["--max-old-space-size=16000"],
    what: "clustering articles/s and memory at scale vs brute force",
  },
];

function main(argv: string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write("usage: npm run bench [-- name...]\n\n");
    for (const b of BENCHES) process.stdout.write(`  ${b.name.padEnd(12)} ${b.what}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => !BENCHES.some((b) => b.name === a));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(", ")} (see --help)\n`);
    return 2;
  }
  const chosen = argv.length > 0 ? BENCHES.filter((b) => argv.includes(b.name)) : BENCHES;
  let failed = 0;
  for (const bench of chosen) {
    const script = fileURLToPath(new URL(bench.script, import.meta.url));
    if (!existsSync(script)) {
      process.stderr.write(`bench: ${bench.name}: ${script} is missing\n`);
      failed++;
      continue;
    }
    const command = [...(bench.node ?? []), script, ...(bench.args ?? [])];
    process.stdout.write(`\n## ${bench.name}: ${bench.what}\n$ node ${command.join(" ")}\n\n`);
    const run = spawnSync(process.execPath, command, { stdio: "inherit" });
    if (run.status !== 0) {
      process.stderr.write(`bench: ${bench.name} exited with ${run.status ?? run.signal}\n`);
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
