import type { ChartModel } from "./chart-model.ts";

/**
 * Which values keys a chart reads: a trie of every path its templates (defines included)
 * and its values' template strings read, the keys its dependencies' conditions and tags
 * name, and its subcharts' own usage under their keys.
 */
export interface ValuesUsage {
  /** Some template reads `.Values` whole, or with a dynamic key: any key may be used. */
  all: boolean;
  /** Whether a key path is read, or is the prefix of one that is, or lies under one that is read whole. */
  isUsed(path: readonly string[]): boolean;
}

interface Trie {
  /** A read ends here: the whole subtree is used. */
  end: boolean;
  children: Map<string, Trie>;
}

const cache = new WeakMap<ChartModel, ValuesUsage>();

export function valuesUsage(chart: ChartModel): ValuesUsage {
  const cached = cache.get(chart);
  if (cached) return cached;
  const root: Trie = { end: false, children: new Map() };
  const add = (path: readonly string[]) => {
    let node = root;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { end: false, children: new Map() }));
      node = next;
      if (node.end) return;
    }
    node.end = true;
  };
  let all = false;
  for (const template of chart.templates) {
    if (template.facts.readsAllValues) all = true;
    for (const reference of template.facts.references) add(reference.path);
  }
  for (const file of chart.valuesFiles) for (const path of file.templateReads) add(path);
  for (const dependency of chart.metadata.dependencies) {
    for (const condition of dependency.condition?.split(",") ?? []) if (condition.trim()) add(condition.trim().split("."));
    for (const tag of dependency.tags ?? []) add(["tags", tag]);
  }
  const subcharts = new Map(chart.subcharts.map((subchart) => [subchart.key, subchart.chart]));
  // A dependency that is not in charts/ cannot be read, so every key under its name counts as used.
  const unreadable = new Set(chart.metadata.dependencies.map((dependency) => dependency.alias ?? dependency.name).filter((key) => !subcharts.has(key)));

  const usage: ValuesUsage = {
    all,
    isUsed(path) {
      if (all || path.length === 0) return true;
      const [first] = path;
      if (first === "global" || unreadable.has(first!)) return true;
      let node = root;
      for (const key of path) {
        const next = node.children.get(key);
        if (!next) break;
        node = next;
        if (node.end) return true;
      }
      if (node !== root && walked(root, path)) return true;
      const subchart = subcharts.get(first!);
      if (subchart) return path.length === 1 || valuesUsage(subchart).isUsed(path.slice(1));
      return false;
    },
  };
  cache.set(chart, usage);
  return usage;
}

/** Whether the whole path is in the trie: a read goes below it. */
function walked(root: Trie, path: readonly string[]): boolean {
  let node = root;
  for (const key of path) {
    const next = node.children.get(key);
    if (!next) return false;
    node = next;
  }
  return true;
}
