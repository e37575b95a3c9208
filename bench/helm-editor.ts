import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LspClient, uriOf } from "../test/lsp/support/lsp-client.ts";
import { generateChart } from "./support/chart-generator.ts";
import type { Figure } from "./support/result.ts";
import { now, round, sleep, spread, summarize } from "./support/stats.ts";

/**
 * Helm charts in the language server: the generated 100-template chart on disk, values.yaml
 * and a few templates open, and an unsaved edit of a value the templates read. Measured from
 * the didChange to the re-publication of the open templates (what the author sees), and of
 * every template of the chart, the closed ones re-read from disk in one batch after typing.
 */
const TEMPLATES = 100;
const VALUES_LINES = 2000;
const OPEN_TEMPLATES = 3;
const WARMUP_EDITS = 4;
const MEASURED_EDITS = 30;
const PAUSE_MS = 300;
const TARGET_MS = 50;

export async function measureHelmEdit(): Promise<Figure[]> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-bench-helm-")));
  let client: LspClient | undefined;
  try {
    const chart = generateChart(TEMPLATES, VALUES_LINES, join(root, "chart"));
    for (const file of chart.files) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.text);
    }
    client = await LspClient.start({ folders: [root] });
    await client.waitUntil(() => client!.progress.find((event) => event.value.kind === "end"), 120_000, () => "the end of the startup scan");
    const valuesText = chart.files.find((file) => file.path === chart.valuesPath)!.text;
    const valuesUri = uriOf(chart.valuesPath);
    const templateUris = chart.templatePaths.map(uriOf);
    const openUris = templateUris.slice(0, OPEN_TEMPLATES);
    await client.open(valuesUri, valuesText);
    for (const [index, uri] of openUris.entries()) await client.open(uri, chart.files.find((file) => file.path === chart.templatePaths[index])!.text, "helm");
    for (const uri of openUris) await client.waitForDiagnostics(uri, (_, params) => params.version === 1, 10_000);

    // component0's replicaCount, which component0's template reads.
    const line = valuesText.split("\n").indexOf("  replicaCount: 2");
    const valueAt = { start: { line, character: "  replicaCount: ".length }, end: { line, character: "  replicaCount: ".length + 1 } };
    const openSamples: number[] = [];
    const allSamples: number[] = [];
    for (let edit = 0; edit < WARMUP_EDITS + MEASURED_EDITS; edit++) {
      const before = client.published.length;
      const start = now();
      await client.change(valuesUri, [{ range: valueAt, text: String(3 + (edit % 5)) }]);
      let openMs: number | undefined;
      await client.waitUntil(
        () => {
          const republished = new Set(client!.published.slice(before).map((params) => params.uri));
          openMs ??= openUris.every((uri) => republished.has(uri)) ? now() - start : undefined;
          return templateUris.every((uri) => republished.has(uri)) ? true : undefined;
        },
        20_000,
        () => `every template re-published after edit ${edit + 1}`,
      );
      const allMs = now() - start;
      if (edit >= WARMUP_EDITS) {
        if (openMs !== undefined) openSamples.push(openMs);
        allSamples.push(allMs);
      }
      await sleep(PAUSE_MS);
    }
    const open = summarize(openSamples);
    const all = summarize(allSamples);
    return [
      {
        id: "server.helm-edit.open",
        figure: `Edit values.yaml → ${OPEN_TEMPLATES} open templates re-published`,
        shipshape: round(open.median),
        peer: null,
        peerName: "",
        unit: "ms",
        notes: `didChange of a value in an open ${VALUES_LINES}-line values.yaml of a ${TEMPLATES}-template chart, until the ${OPEN_TEMPLATES} open templates are re-published; debounce included; ${open.median < TARGET_MS ? "meets" : "misses"} the target of < ${TARGET_MS} ms; median of ${MEASURED_EDITS} edits after ${WARMUP_EDITS} warm-ups, ${PAUSE_MS} ms apart; ${spread(open)}`,
        details: { runs: openSamples.map((v) => round(v)) },
      },
      {
        id: "server.helm-edit.all",
        figure: `Edit values.yaml → all ${TEMPLATES} templates re-published`,
        shipshape: round(all.median),
        peer: null,
        peerName: "",
        unit: "ms",
        notes: `the same edits, until every template of the chart is re-published, the closed ones from disk after the server's 150 ms batching of a burst of typing; ${spread(all)}`,
        details: { runs: allSamples.map((v) => round(v)) },
      },
    ];
  } finally {
    if (client) await client.shutdown().catch(() => client!.kill());
    rmSync(root, { recursive: true, force: true });
  }
}
