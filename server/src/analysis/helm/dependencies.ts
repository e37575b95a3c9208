import { isMap, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import type { ChartModel } from "./chart-model.ts";
import { field, sequenceItems } from "./metadata-fields.ts";

/** One entry of a Chart.yaml's `dependencies`, as written. */
export interface DependencyEntry {
  node: YAMLMap;
  name: string | undefined;
  alias: string | undefined;
  version: string | undefined;
  repository: string | undefined;
  /** The pair `name:` (or the item's first pair) to report on. */
  anchor: Pair;
}

export function dependencyEntries(map: YAMLMap): DependencyEntry[] {
  const pair = field(map, "dependencies");
  const entries: DependencyEntry[] = [];
  for (const item of sequenceItems(pair?.value)) {
    if (!isMap(item) || item.items.length === 0) continue;
    const read = (key: string) => {
      const value = field(item, key)?.value as Node | null | undefined;
      return isScalar(value) && value.value !== null ? String(value.value) : undefined;
    };
    entries.push({ node: item, name: read("name"), alias: read("alias"), version: read("version"), repository: read("repository"), anchor: field(item, "name") ?? (item.items[0] as Pair) });
  }
  return entries;
}

/** Whether the chart's `charts/` folder holds the dependency, as a folder or as a `name-version.tgz` archive. */
export function isVendored(chart: ChartModel | undefined, name: string): boolean {
  if (!chart) return false;
  if (chart.subcharts.some((subchart) => subchart.chart.name === name)) return true;
  return chart.chartsEntries.some((entry) => entry === name || (entry.startsWith(`${name}-`) && entry.endsWith(".tgz")));
}
