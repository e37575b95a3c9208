import { rmSync } from "node:fs";
import { analyzeFile } from "../server/src/analysis/index.ts";
import { writeManifest } from "./support/manifest-generator.ts";
import type { Figure } from "./support/result.ts";
import { now, round, spread, summarize } from "./support/stats.ts";

/**
 * The analysis core alone, in this process: parse plus every recommended rule on the
 * 5,000-line manifest, with nothing of LSP or I/O around it. This is the floor under every
 * other figure, so a regression here shows up everywhere else.
 */
const WARMUP_RUNS = 3;
const MEASURED_RUNS = 20;

export async function measureCoreThroughput(): Promise<Figure[]> {
  const manifest = writeManifest(5000);
  try {
    const file = { path: "platform.yaml", text: manifest.text };
    const coldStart = now();
    let findings = analyzeFile(file).length;
    const cold = now() - coldStart;
    // A few more runs let the JIT settle; the editor analyses the same code paths over and over.
    for (let run = 1; run < WARMUP_RUNS; run++) analyzeFile(file);
    const samples: number[] = [];
    for (let run = 0; run < MEASURED_RUNS; run++) {
      const start = now();
      findings = analyzeFile(file).length;
      samples.push(now() - start);
    }
    const summary = summarize(samples);
    const linesPerSecond = Math.round(manifest.lineCount / (summary.median / 1000));
    return [
      {
        id: "core.analyze-5000",
        figure: "Core analyzeFile, 5,000-line manifest",
        shipshape: round(summary.median),
        peer: null,
        peerName: "",
        unit: "ms",
        notes: `median of ${MEASURED_RUNS} after ${WARMUP_RUNS} warm-up runs (first run ${round(cold)} ms); ≈${linesPerSecond.toLocaleString("en-US")} lines/s; ${findings} findings; source through tsx, not the bundle; ${spread(summary)}`,
        details: { runs: samples.map((v) => round(v)), firstRunMs: round(cold), findings, lines: manifest.lineCount },
      },
    ];
  } finally {
    rmSync(manifest.dir, { recursive: true, force: true });
  }
}
