import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { KubernetesEnvironment, Rule } from "../server/src/analysis/index.ts";
import { REPO_ROOT, findPeer } from "./support/peers.ts";
import { Skipped, type Figure } from "./support/result.ts";
import { median, now, round, spread, summarize } from "./support/stats.ts";

/**
 * What Shipshape's analysis costs beyond parsing: `analyzeFile` with the bundled schemas and
 * every recommended rule on 1,000 generated Deployments in one file, against a bare `yaml`
 * `parseAllDocuments` of the same text in the same process. The two run in alternation, so
 * that both see the same machine load, and the ratio is taken per pair before its median:
 * on a shared two-core machine the load drifts more than the figures differ. The ratio is
 * also given in CPU time (the process's, so the garbage collector's helper threads count),
 * which other processes' load does not inflate.
 *
 * No call starts from a forced collection. A full collection between calls frees the last
 * call's objects, and V8 then throws away the optimized code that had them embedded (the
 * "weak objects" deoptimizations `--trace-deopt` lists, about 1,500 a run): every call would
 * start from unoptimized code, which costs code with many functions (the rules) far more
 * than the parser's few hot loops, and is not how an editor or a CLI runs. Calls run back
 * to back, as they do there, with the collector working as it does there.
 *
 * Both sides run from `dist/bench-overhead.js`, bundled as the CLI and the server are, so
 * the figure is the shipped code's: the same `yaml` build on both sides, and none of the
 * wrappers tsx puts around every function of the sources.
 */
const DEPLOYMENTS = 1000;
const WARMUP_PAIRS = 3;
const MEASURED_PAIRS = 16;
/** The issue's target: analysis beyond parsing adds at most half of a bare parse. */
const TARGET_RATIO = 1.5;

export async function measureAnalysisOverhead(): Promise<Figure[]> {
  const bundle = join(REPO_ROOT, "dist", "bench-overhead.js");
  if (!existsSync(bundle)) throw new Skipped("dist/bench-overhead.js is missing (npm run build)");
  const subject = createRequire(__filename)(bundle) as typeof import("./support/overhead-subject.ts");
  const { analyzeFile, generateDeployments, kubernetesEnvironment, loadBundledSchemas, parseAllDocuments, parseFile, EMPTY_LAYOUT } = subject;
  const builtin = loadBundledSchemas();
  if (!builtin) throw new Skipped("the bundled Kubernetes schemas are missing (npm run build)");
  const kubernetes = kubernetesEnvironment(builtin, undefined, []);
  const text = generateDeployments(DEPLOYMENTS);
  const file = { path: "/bench/platform.yaml", text };
  const lines = text.split("\n").length - 1;
  const kilobytes = Math.round(Buffer.byteLength(text) / 1024);

  // The bare parse gets the options Shipshape passes, so the ratio compares like with like:
  // the defaults would also check keys for uniqueness, which would only flatter the ratio.
  const bare = () => parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, logLevel: "error" });
  const ours = () => analyzeFile(file, { kubernetes });
  const parseOnly = () => parseFile(file, EMPTY_LAYOUT);
  const noRules = () => analyzeFile(file, { kubernetes, rules: [] });

  const parseSamples: number[] = [];
  const analyseSamples: number[] = [];
  const ownParseSamples: number[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const noRuleRatios: number[] = [];
  let findings = 0;
  for (let pair = 0; pair < WARMUP_PAIRS + MEASURED_PAIRS; pair++) {
    // The order alternates, so that neither side always pays for the other's garbage.
    const parseFirst = pair % 2 === 0;
    let parse = { wallMs: 0, cpuMs: 0 };
    if (parseFirst) parse = time(bare);
    const analyse = time(() => (findings = ours().length));
    if (!parseFirst) parse = time(bare);
    const ownParse = time(parseOnly);
    const withoutRules = time(noRules);
    if (pair < WARMUP_PAIRS) continue;
    noRuleRatios.push(withoutRules.cpuMs / parse.cpuMs);
    parseSamples.push(parse.wallMs);
    analyseSamples.push(analyse.wallMs);
    ownParseSamples.push(ownParse.wallMs);
    ratios.push(analyse.wallMs / parse.wallMs);
    cpuRatios.push(analyse.cpuMs / parse.cpuMs);
  }

  const costs = ruleCosts(subject, file, kubernetes);
  const parse = summarize(parseSamples);
  const analyse = summarize(analyseSamples);
  const ratio = median(ratios);
  const cpuRatio = median(cpuRatios);
  const yamlVersion = findPeer("yaml")?.version ?? "?";
  const input = `${DEPLOYMENTS.toLocaleString("en-US")} generated Deployments in one file (${kilobytes.toLocaleString("en-US")} KB, ${lines.toLocaleString("en-US")} lines)`;
  return [
    {
      id: "core.deployments-1000",
      figure: `Core analyzeFile vs bare parse, ${DEPLOYMENTS.toLocaleString("en-US")} Deployments`,
      shipshape: round(analyse.median),
      peer: round(parse.median),
      peerName: `yaml@${yamlVersion} parseAllDocuments (bare)`,
      unit: "ms",
      notes:
        `${input}; analyzeFile with the bundled schemas (Kubernetes ${kubernetes.version}) and every recommended rule, ${findings} findings; ` +
        `median of ${MEASURED_PAIRS} alternating pairs after ${WARMUP_PAIRS} warm-up pairs, both from the esbuild bundle; Shipshape's own parseFile alone ${round(median(ownParseSamples))} ms; ` +
        `Shipshape ${spread(analyse)}; bare parse ${spread(parse)}`,
      details: { analyseRuns: analyseSamples.map((v) => round(v)), parseRuns: parseSamples.map((v) => round(v)), ownParseRuns: ownParseSamples.map((v) => round(v)), findings, lines, kilobytes },
    },
    {
      id: "core.deployments-1000.ratio",
      figure: "Core analyzeFile ÷ bare parse (target ≤ 1.5)",
      shipshape: round(ratio, 2),
      peer: null,
      peerName: "",
      unit: "×",
      notes:
        `wall time: median of the ${MEASURED_PAIRS} per-pair ratios (min ${round(Math.min(...ratios), 2)}, max ${round(Math.max(...ratios), 2)}); ` +
        `CPU time: ${round(cpuRatio, 2)} (min ${round(Math.min(...cpuRatios), 2)}, max ${round(Math.max(...cpuRatios), 2)}); ` +
        `${Math.max(ratio, cpuRatio) <= TARGET_RATIO ? "meets" : "misses"} the target of ${TARGET_RATIO}`,
      details: { ratios: ratios.map((v) => round(v, 3)), cpuRatios: cpuRatios.map((v) => round(v, 3)) },
    },
    {
      id: "core.deployments-1000.no-rules",
      figure: "Core analyzeFile with no rule ÷ bare parse",
      shipshape: round(median(noRuleRatios), 2),
      peer: null,
      peerName: "",
      unit: "×",
      notes: `CPU time, median of ${MEASURED_PAIRS} pairs: what analysis costs around the rules (limits, kinds, line index, suppressions, the workspace index entries), with the parse itself (min ${round(Math.min(...noRuleRatios), 2)}, max ${round(Math.max(...noRuleRatios), 2)})`,
      details: { ratios: noRuleRatios.map((v) => round(v, 3)) },
    },
    {
      id: "core.deployments-1000.rules",
      figure: "Core: the rules' own time, as a share of a bare parse",
      shipshape: round(costs.total / parse.median, 2),
      peer: null,
      peerName: "",
      unit: "×",
      notes:
        `each rule run alone on the already parsed file (parsing, suppressions and the rest counted once, in ${round(costs.baseline)} ms), ` +
        `least of ${RULE_RUNS} runs; ${costs.rules.length} rules ran, together ${round(costs.total)} ms (work shared through remember() counted in each rule that asks); ` +
        `the costliest: ${costs.rules.slice(0, 12).map(([id, ms]) => `${id} ${round(ms)} ms`).join(", ")}`,
      details: { baselineMs: round(costs.baseline), rules: Object.fromEntries(costs.rules.map(([id, ms]) => [id, round(ms)])) },
    },
  ];
}

const RULE_RUNS = 3;

/**
 * Each rule's own cost: the file analysed with that rule alone, from a parse cache so that
 * parsing is not counted again, less the same analysis with no rule. Rules that do not run
 * by default cost nothing here and are left out.
 */
function ruleCosts(subject: typeof import("./support/overhead-subject.ts"), file: { path: string; text: string }, kubernetes: KubernetesEnvironment): { baseline: number; total: number; rules: Array<[string, number]> } {
  const { ALL_RULES, IncrementalDocuments, analyzeFile } = subject;
  const documents = new IncrementalDocuments();
  const least = (rules: readonly Rule<any>[]) => Math.min(...Array.from({ length: RULE_RUNS }, () => time(() => analyzeFile(file, { kubernetes, rules, documents })).cpuMs));
  least([]);
  const baseline = least([]);
  const rules: Array<[string, number]> = [];
  for (const rule of ALL_RULES) {
    const cost = least([rule]) - baseline;
    if (cost > 0.5) rules.push([rule.id, cost]);
  }
  rules.sort((a, b) => b[1] - a[1]);
  return { baseline, total: rules.reduce((sum, [, ms]) => sum + ms, 0), rules };
}

/** Wall and CPU time of one call; CPU time is the whole process's, user and system. */
function time(body: () => unknown): { wallMs: number; cpuMs: number } {
  const cpuStart = process.cpuUsage();
  const start = now();
  body();
  const wallMs = now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
