import { HelmWorkspace, analyzeFile, layoutFromPaths } from "../server/src/analysis/index.ts";
import { generateChart } from "./support/chart-generator.ts";
import type { Figure } from "./support/result.ts";
import { median, now, round, spread, summarize } from "./support/stats.ts";

/**
 * Helm charts in the core: a generated chart of 100 templates and a 2,000-line values.yaml
 * analysed whole (every template, values.yaml and Chart.yaml, from a fresh `HelmWorkspace`,
 * as the CLI does), and an edit of values.yaml followed by the re-check of every template,
 * as the editor does when values change. In-process, every recommended rule, no peer: no
 * other tool checks template reads against values.
 */
const TEMPLATES = 100;
const VALUES_LINES = 2000;
const WARMUP = 3;
const RUNS = 15;
const EDITS = 30;
const TARGET_CHART_MS = 200;
const TARGET_EDIT_MS = 50;

export async function measureHelmChart(): Promise<Figure[]> {
  const chart = generateChart(TEMPLATES, VALUES_LINES);
  const layout = layoutFromPaths(chart.files.map((file) => file.path));
  const valuesText = chart.files.find((file) => file.path === chart.valuesPath)!.text;
  const valuesLines = valuesText.split("\n").length - 1;

  let findings = 0;
  const analyseChart = () => {
    const helm = new HelmWorkspace(layout, chart.files);
    findings = 0;
    for (const file of chart.files) findings += analyzeFile(file, { layout, helm }).length;
  };
  for (let i = 0; i < WARMUP; i++) analyseChart();
  const chartSamples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = now();
    analyseChart();
    chartSamples.push(now() - started);
  }

  // Edits: one values key changes each time, then every template is analysed again against the new values.
  const helm = new HelmWorkspace(layout, chart.files);
  const templates = chart.files.filter((file) => chart.templatePaths.includes(file.path));
  const editSamples: number[] = [];
  let editFindings = 0;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const edited = valuesText.replace("  replicaCount: 2\n", `  replicaCount: ${3 + i}\n`);
    const started = now();
    helm.update(chart.valuesPath, edited);
    editFindings = 0;
    for (const template of templates) editFindings += analyzeFile(template, { layout, helm }).length;
    if (i >= WARMUP) editSamples.push(now() - started);
  }

  const chartSummary = summarize(chartSamples);
  const editSummary = summarize(editSamples);
  return [
    {
      id: "helm.chart",
      figure: `Chart: ${TEMPLATES} templates, ${valuesLines}-line values.yaml, analysed whole`,
      shipshape: round(median(chartSamples)),
      peer: null,
      peerName: "",
      unit: "ms",
      notes: `Every file of the chart with every recommended rule, from a fresh chart model; target under ${TARGET_CHART_MS} ms. ${spread(chartSummary)}; ${findings} findings (hints on the generated settingN keys no template reads).`,
      details: { samples: chartSamples.map((sample) => round(sample)), findings },
    },
    {
      id: "helm.values-edit",
      figure: `Edit in values.yaml, ${TEMPLATES} templates re-checked`,
      shipshape: round(median(editSamples)),
      peer: null,
      peerName: "",
      unit: "ms",
      notes: `The values text replaced in the chart model, then every template analysed against it; target under ${TARGET_EDIT_MS} ms median. ${spread(editSummary)}; ${editFindings} findings.`,
      details: { samples: editSamples.map((sample) => round(sample)), findings: editFindings },
    },
  ];
}
