import { HelmWorkspace, chartRootOf, kindFromPath, type SourceFile, type WorkspaceLayout } from "../analysis/index.ts";
import { readChartFiles } from "../io/chart-files.ts";

/**
 * The server's copy of the workspace's Helm charts: every chart file as on disk, with open
 * documents' unsaved text over it. A scan reloads it from disk; analyses update it with
 * the text they analyse. When a chart file's text changes, the chart's other files are
 * checked again (a values edit changes which template reads are defined).
 */
export class HelmContext {
  readonly workspace = new HelmWorkspace({ chartRoots: new Set() });
  private layout: WorkspaceLayout = { chartRoots: new Set() };

  constructor(private readonly onChartChanged: (paths: string[]) => void) {}

  /** Rereads every chart file of the layout; `openText` gives an open document's text, which wins over the disk. */
  async reload(layout: WorkspaceLayout, openText: (path: string) => string | undefined): Promise<void> {
    const files = await readChartFiles(layout.chartRoots);
    this.layout = layout;
    this.workspace.setLayout(layout);
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.path);
      this.workspace.update(file.path, openText(file.path) ?? file.text);
    }
    for (const old of this.workspace.files()) if (!seen.has(old.path) && openText(old.path) === undefined) this.workspace.update(old.path, undefined);
  }

  /**
   * Takes a chart file's text as it is analysed. Returns nothing; when the text differs
   * from what was held, the other files of the affected charts are reported to `onChartChanged`.
   */
  updateFile(path: string, text: string): void {
    if (chartRootOf(path, this.layout) === undefined) return;
    const kind = kindFromPath(path, this.layout);
    if (kind !== "chart-template" && kind !== "chart-values" && kind !== "chart-metadata") return;
    const before = this.workspace.textOf(path);
    if (before === text) return;
    this.workspace.update(path, text);
    // A new file (first analysis before a scan read it) changes nothing others know of yet.
    if (before === undefined) return;
    const roots = new Set(this.workspace.chartsAffectedBy(path));
    const others = this.workspace.files().map((file) => file.path).filter((other) => other !== path && roots.has(chartRootOf(other, this.layout) ?? ""));
    if (others.length > 0) this.onChartChanged(others);
  }

  files(): SourceFile[] {
    return this.workspace.files();
  }
}
