import type { Diagnostic } from "vscode-languageserver/node";
import { analyzeFile, renderedFindings, splitRendered, type WorkspaceLayout } from "../analysis/index.ts";
import { findHelm, renderChart } from "../io/helm-render.ts";
import type { Analyzer } from "./analyzer.ts";
import type { KubernetesContext } from "./kubernetes-context.ts";
import { toDiagnostic } from "./diagnostics.ts";
import type { Log } from "./log.ts";
import { uriFromPath } from "./paths.ts";
import type { SettingsStore } from "./settings.ts";

/**
 * Rendered-chart diagnostics: in a trusted workspace only, and only where a helm binary
 * is set in `shipshape.helm.path` or found on PATH, each chart is rendered with `helm
 * template` (with a timeout) after a scan and after its files change on disk, its output
 * checked with the Kubernetes rules and the findings kept per template. Whoever publishes
 * a template's diagnostics adds `renderedFor(path)`. A chart that does not render gets
 * nothing and one log line.
 */
export class HelmRendering {
  private readonly byPath = new Map<string, Diagnostic[]>();
  private readonly running = new Set<string>();

  constructor(
    private readonly deps: { trusted: () => boolean; settings: SettingsStore; analyzer: Analyzer; kubernetes: KubernetesContext; log: Log },
    private readonly onRendered: (paths: string[]) => void,
  ) {}

  renderedFor(path: string): Diagnostic[] {
    return this.byPath.get(path) ?? [];
  }

  /** Renders the charts whose files changed, or every chart; results arrive through `onRendered`. */
  async renderCharts(layout: WorkspaceLayout, changedPaths?: readonly string[]): Promise<void> {
    if (!this.deps.trusted()) return;
    const roots = [...layout.chartRoots].filter((root) => !isSubchart(root, layout)).filter((root) => !changedPaths || changedPaths.some((path) => path.startsWith(`${root}/`)));
    for (const root of roots) await this.renderOne(root);
  }

  private async renderOne(root: string): Promise<void> {
    if (this.running.has(root)) return;
    this.running.add(root);
    try {
      const uri = uriFromPath(`${root}/Chart.yaml`);
      const settings = await this.deps.settings.forUri(uri);
      const helm = findHelm(settings.helmPath);
      if (helm === undefined) return;
      const prepared = await this.deps.analyzer.prepare(uri);
      if (!prepared) return;
      const rendered = await renderChart(helm, root);
      const previous = [...this.byPath.keys()].filter((path) => path.startsWith(`${root}/`));
      for (const path of previous) this.byPath.delete(path);
      if (!rendered.ok) {
        this.deps.log.info(`helm template failed for ${root}; it has no rendered diagnostics: ${rendered.error.split("\n")[0]}`);
      } else {
        const kubernetes = this.deps.kubernetes.environmentFor(prepared.config.kubernetesVersion);
        const findings = renderedFindings(
          splitRendered(rendered.output, root),
          (part) => analyzeFile(part, { config: prepared.config, kubernetes }).filter((finding) => finding.ruleId.startsWith("kubernetes/")),
          (path) => this.deps.analyzer.chartText(path),
        );
        for (const finding of findings) {
          const list = this.byPath.get(finding.path) ?? [];
          list.push(toDiagnostic(finding));
          this.byPath.set(finding.path, list);
        }
      }
      const changed = new Set([...previous, ...this.byPath.keys()].filter((path) => path.startsWith(`${root}/`)));
      if (changed.size > 0) this.onRendered([...changed]);
    } catch (error) {
      this.deps.log.error(`Rendering the chart ${root} failed.`, error);
    } finally {
      this.running.delete(root);
    }
  }
}

function isSubchart(root: string, layout: WorkspaceLayout): boolean {
  const at = root.lastIndexOf("/charts/");
  return at >= 0 && layout.chartRoots.has(root.slice(0, at));
}
