import type { DocumentKind } from "../types.ts";

/**
 * What the analysis knows of the workspace around a file: the folders that hold a
 * `Chart.yaml`. The I/O layer computes it from the list of workspace files.
 */
export interface WorkspaceLayout {
  chartRoots: ReadonlySet<string>;
}

export const EMPTY_LAYOUT: WorkspaceLayout = { chartRoots: new Set() };

/** Builds the layout from every file path the I/O layer knows of. */
export function layoutFromPaths(paths: Iterable<string>): WorkspaceLayout {
  const chartRoots = new Set<string>();
  for (const path of paths) {
    const normalized = normalizePath(path);
    if (basename(normalized) === "Chart.yaml") chartRoots.add(dirname(normalized));
  }
  return { chartRoots };
}

/**
 * The kind a whole file has from its path and the workspace layout alone, or
 * `undefined` when only its content can tell (plain YAML: a manifest or other).
 * Content and path are used together, never the file name alone: a `values.yaml`
 * outside a chart is just YAML.
 */
export function kindFromPath(path: string, layout: WorkspaceLayout): DocumentKind | undefined {
  const normalized = normalizePath(path);
  const name = basename(normalized);
  const parts = normalized.split("/");

  const workflowsAt = parts.lastIndexOf("workflows");
  if (workflowsAt > 0 && parts[workflowsAt - 1] === ".github" && workflowsAt === parts.length - 2 && isYamlName(name)) {
    return "workflow";
  }
  if (name === ".shipshape.yaml" || name === ".shipshape.yml") return "shipshape-config";

  const chartRoot = enclosingChartRoot(normalized, layout);
  if (chartRoot !== undefined) {
    const inside = normalized.slice(chartRoot.length + 1);
    if (inside === "Chart.yaml") return "chart-metadata";
    if (inside.startsWith("templates/")) return "chart-template";
    if (isValuesFile(inside)) return "chart-values";
  }
  if (name === "action.yml" || name === "action.yaml") return "action-metadata";
  return undefined;
}

/**
 * A document of a plain YAML file is a manifest when it has string `apiVersion` and
 * `kind`, or one of them beside a `metadata` mapping: that is a resource that lost the
 * other field, which is worth reporting rather than ignoring.
 */
export function kindFromContent(topLevel: unknown): DocumentKind {
  if (topLevel !== null && typeof topLevel === "object" && !Array.isArray(topLevel)) {
    const record = topLevel as Record<string, unknown>;
    const hasApiVersion = typeof record.apiVersion === "string";
    const hasKind = typeof record.kind === "string";
    if (hasApiVersion && hasKind) return "manifest";
    const metadata = record.metadata;
    const hasMetadata = metadata !== null && typeof metadata === "object" && !Array.isArray(metadata);
    if ((hasApiVersion || hasKind) && hasMetadata) return "manifest";
  }
  return "other";
}

export function isYamlName(name: string): boolean {
  return name.endsWith(".yaml") || name.endsWith(".yml");
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, "/");
}

/** The nearest chart root that contains the path, so a subchart wins over its parent. */
function enclosingChartRoot(path: string, layout: WorkspaceLayout): string | undefined {
  for (let dir = dirname(path); dir !== ""; dir = dirname(dir)) {
    if (layout.chartRoots.has(dir)) return dir;
    if (dir === "/" || dir === ".") break;
  }
  return undefined;
}

function isValuesFile(inside: string): boolean {
  if (/^values([-.][^/]*)?\.ya?ml$/.test(inside)) return true;
  return /^ci\/[^/]*values[^/]*\.ya?ml$/.test(inside);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function dirname(path: string): string {
  const at = path.lastIndexOf("/");
  if (at < 0) return "";
  return at === 0 ? "/" : path.slice(0, at);
}
