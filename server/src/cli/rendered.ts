import { analyzeFile, renderedFindings, splitRendered, type Finding, type KubernetesEnvironment, type ShipshapeConfig, type SourceFile, type WorkspaceLayout } from "../analysis/index.ts";
import { findHelm, renderChart } from "../io/helm-render.ts";
import type { AnalysedFile } from "./run-check.ts";

/**
 * `--render`: each chart (subcharts render with their parent) goes through `helm
 * template`, its output through the Kubernetes rules, and the findings onto the templates
 * that wrote them. A chart that does not render is a warning, not a failure of the run.
 */
export async function addRenderedFindings(
  files: AnalysedFile[],
  run: { config: ShipshapeConfig; kubernetes: KubernetesEnvironment; layout: WorkspaceLayout; chartFiles: readonly SourceFile[]; helmPath: string | undefined; warn: (message: string) => void; displayPath: (path: string) => string },
): Promise<void> {
  const helm = findHelm(run.helmPath);
  if (helm === undefined) {
    run.warn(run.helmPath ? `--render: ${run.helmPath} is not an executable helm binary; charts were not rendered` : "--render: no helm binary on PATH; charts were not rendered (pass --helm <path>)");
    return;
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  const texts = new Map(run.chartFiles.map((file) => [file.path, file.text]));
  const roots = [...run.layout.chartRoots].filter((root) => !isSubchart(root, run.layout)).filter((root) => files.some((file) => file.path.startsWith(`${root}/`))).sort();
  for (const root of roots) {
    const rendered = await renderChart(helm, root);
    if (!rendered.ok) {
      run.warn(`--render: helm template failed for ${run.displayPath(root)}: ${rendered.error.split("\n")[0]}`);
      continue;
    }
    const analyse = (part: SourceFile): Finding[] =>
      analyzeFile(part, { config: run.config, kubernetes: run.kubernetes }).filter((finding) => finding.ruleId.startsWith("kubernetes/"));
    const findings = renderedFindings(splitRendered(rendered.output, root), analyse, (path) => byPath.get(path)?.text ?? texts.get(path));
    for (const finding of findings) {
      const file = byPath.get(finding.path);
      if (file) file.findings.push(finding);
    }
  }
  for (const file of files) file.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

function isSubchart(root: string, layout: WorkspaceLayout): boolean {
  const at = root.lastIndexOf("/charts/");
  return at >= 0 && layout.chartRoots.has(root.slice(0, at));
}
