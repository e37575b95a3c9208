import type { Position, Range, SourceFile } from "../types.ts";
import { LineIndex } from "../documents/line-index.ts";
import { lookupValues, type ChartModel, type HelmWorkspace } from "./chart-model.ts";
import { templateFacts } from "./template-facts.ts";
import type { ValuesFile, ValuesNode } from "./values-tree.ts";

/**
 * Help in chart templates: where a `.Values` path under the cursor is defined, what it
 * holds, and the keys that can follow `.Values.` as it is typed. Pure, like the rest of
 * the core: the chart comes from a `HelmWorkspace` the edges keep.
 */
export interface ValuesLocation {
  path: string;
  range: Range;
}

export interface ValuesHover {
  markdown: string;
  range: Range;
}

export interface ValuesCompletion {
  range: Range;
  items: Array<{ label: string; detail: string; documentation?: string }>;
}

/** The `.Values` read under the cursor, cut at the key the cursor is on. */
function readAt(file: SourceFile, position: Position): { path: string[]; range: Range; lines: LineIndex } | undefined {
  const lines = new LineIndex(file.text);
  const offset = lines.offsetAt(position);
  for (const reference of templateFacts(file.text).references) {
    for (let i = 0; i < reference.segments.length; i++) {
      const segment = reference.segments[i];
      if (segment && offset >= segment[0] && offset <= segment[1]) {
        return { path: reference.path.slice(0, i + 1), range: lines.rangeOf(segment[0], segment[1]), lines };
      }
    }
  }
  return undefined;
}

export function valuesDefinition(helm: HelmWorkspace, file: SourceFile, position: Position): ValuesLocation[] {
  const chart = helm.chartFor(file.path, file.text);
  const read = chart && readAt(file, position);
  if (!chart || !read) return [];
  const found = lookupValues(chart, read.path).entry;
  if (!found) return [];
  const lines = new LineIndex(found.file.text);
  return [{ path: found.file.path, range: lines.rangeOf(found.entry.keyAt[0], found.entry.keyAt[1]) }];
}

export function valuesHover(helm: HelmWorkspace, file: SourceFile, position: Position): ValuesHover | undefined {
  const chart = helm.chartFor(file.path, file.text);
  const read = chart && readAt(file, position);
  if (!chart || !read) return undefined;
  const found = lookupValues(chart, read.path).entry;
  const title = `\`.Values.${read.path.join(".")}\``;
  const description = schemaDescription(chart, read.path);
  const parts = [title];
  if (found) {
    parts.push(`${describeNode(found.entry.node, found.file)} (${relativeName(chart, found.file.path)})`);
  } else {
    parts.push(`Not defined in any values file of chart ${chart.name}.`);
  }
  if (description) parts.push(description);
  return { markdown: parts.join("\n\n"), range: read.range };
}

/** Keys after `.Values.` (or `$.Values.`, `.Values.a.`) at the cursor. */
export function valuesCompletion(helm: HelmWorkspace, file: SourceFile, position: Position): ValuesCompletion | undefined {
  const lines = new LineIndex(file.text);
  const offset = lines.offsetAt(position);
  const lineStart = lines.lineStarts[position.line] ?? 0;
  const before = file.text.slice(lineStart, offset);
  const open = before.lastIndexOf("{{");
  if (open < 0 || before.indexOf("}}", open) >= 0) return undefined;
  const match = /(?:^|[\s($])\.Values\.((?:[A-Za-z0-9_]+\.)*)([A-Za-z0-9_]*)$/.exec(before.slice(open + 2));
  if (!match) return undefined;
  const chart = helm.chartFor(file.path, file.text);
  if (!chart) return undefined;
  const prefix = match[1] ? match[1].slice(0, -1).split(".") : [];
  const keys = new Map<string, { node: ValuesNode; file: ValuesFile }>();
  collectKeys(chart, prefix, keys);
  const range = lines.rangeOf(offset - match[2]!.length, offset);
  const items = [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([label, { node, file: values }]) => {
    const item: ValuesCompletion["items"][number] = { label, detail: describeNode(node, values) };
    const description = schemaDescription(chart, [...prefix, label]);
    if (description) item.documentation = description;
    return item;
  });
  return { range, items };
}

function collectKeys(chart: ChartModel, prefix: readonly string[], keys: Map<string, { node: ValuesNode; file: ValuesFile }>): void {
  const visit = (model: ChartModel, under: readonly string[]) => {
    for (const file of model.valuesFiles) {
      let node: ValuesNode | undefined = file.root;
      for (const key of [...under, ...prefix]) node = node?.entries?.get(key)?.node;
      for (const [key, entry] of node?.entries ?? []) if (!keys.has(key)) keys.set(key, { node: entry.node, file });
    }
  };
  visit(chart, []);
  const keysUp: string[] = [];
  for (let model: ChartModel = chart; model.parent; model = model.parent.chart) {
    keysUp.unshift(model.parent.key);
    visit(model.parent.chart, prefix[0] === "global" ? [] : keysUp);
  }
}

function describeNode(node: ValuesNode, file: ValuesFile): string {
  switch (node.kind) {
    case "map":
      return node.entries && node.entries.size > 0 ? `a mapping of ${node.entries.size} key${node.entries.size === 1 ? "" : "s"}` : "an empty mapping";
    case "seq":
      return "a list";
    case "null":
      return "null";
    case "alias":
      return "an alias";
    case "scalar": {
      const range = node.yaml?.range;
      const written = range ? file.text.slice(range[0], range[1]) : String(node.value);
      return `\`${written.length > 80 ? `${written.slice(0, 77)}...` : written}\``;
    }
  }
}

function relativeName(chart: ChartModel, path: string): string {
  return path.startsWith(`${chart.root}/`) ? path.slice(chart.root.length + 1) : path;
}

/** The `description` the chart's values.schema.json gives the path, if any. */
function schemaDescription(chart: ChartModel, path: readonly string[]): string | undefined {
  if (chart.schemaText === undefined) return undefined;
  try {
    let schema = JSON.parse(chart.schemaText) as Record<string, unknown> | undefined;
    for (const key of path) {
      const properties = schema?.properties as Record<string, Record<string, unknown>> | undefined;
      schema = properties?.[key];
      if (!schema) return undefined;
    }
    return typeof schema?.description === "string" ? schema.description : undefined;
  } catch {
    return undefined;
  }
}
