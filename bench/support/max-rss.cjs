// Runs a Node script (argv[2]) in this process and, as the process exits, writes its peak
// resident set size in KB (worker threads included) to the file BENCH_RSS_FILE names.
// `node max-rss.cjs dist/cli.js check dir` runs the CLI as `node dist/cli.js check dir` would.
const { writeFileSync } = require("node:fs");
const { resolve } = require("node:path");

const output = process.env.BENCH_RSS_FILE;
if (output) process.on("exit", () => writeFileSync(output, String(process.resourceUsage().maxRSS)));
const script = resolve(process.argv[2]);
process.argv.splice(1, 1);
require(script);
