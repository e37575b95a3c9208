import type { ChartModel } from "./chart-model.ts";
import { lookupValues } from "./chart-model.ts";
import type { TemplateFacts, ValuesReference } from "./template-facts.ts";
import type { ValuesNode } from "./values-tree.ts";

/** A read of a values path that no values file of the chart defines, at the first missing key. */
export interface UndefinedRead {
  reference: ValuesReference;
  /** Index in `path` of the first key no file defines. */
  missing: number;
  /** The mapping that lacks the key, to suggest its keys. */
  parent: ValuesNode;
}

/**
 * The reads of a template that would render nothing (or fail) because no values file
 * defines them. Precision first: a read is left alone when it is guarded (`default`,
 * `if`, `with`, `hasKey`...), when the mapping it reads into is empty or not a mapping
 * (the key is meant to be given by the user), and inside a `define` unless every
 * `include` of it in the chart passes the root context.
 */
export function undefinedReads(chart: ChartModel, facts: TemplateFacts): UndefinedRead[] {
  if (chart.valuesFiles.length === 0 || chart.valuesFiles.every((file) => !file.root.entries || file.root.entries.size === 0)) return [];
  const rootContextDefines = definesCalledWithRoot(chart);
  const includeGuards = guardsAtIncludes(chart);
  const found: UndefinedRead[] = [];
  for (const reference of facts.references) {
    if (reference.loose || reference.guarded) continue;
    if (reference.define !== undefined && !rootContextDefines.has(reference.define)) continue;
    const lookup = lookupValues(chart, reference.path);
    if (lookup.entry || !lookup.deepest) continue;
    const { node, length, file } = lookup.deepest;
    if (node.kind !== "map" || !node.entries || node.entries.size === 0) continue;
    if (documentedInComment(file.text, node, reference.path[length]!)) continue;
    if (excusedByGuard(chart, reference.path, reference.guards)) continue;
    // A define's read is excused when every place that includes it is guarded for it.
    if (reference.define !== undefined && (includeGuards.get(reference.define) ?? []).every((guards) => excusedByGuard(chart, reference.path, guards))) continue;
    found.push({ reference, missing: length, parent: node });
  }
  return found;
}

/**
 * The key is written, commented out, among the mapping's entries (`# secretName: <name>`):
 * the chart documents it as one users supply, which is not a typo.
 */
function documentedInComment(text: string, map: ValuesNode, key: string): boolean {
  const range = map.yaml?.range;
  if (!range) return false;
  let lineStart = text.lastIndexOf("\n", range[0] - 1) + 1;
  const indent = range[0] - lineStart;
  // ... and back before its first entry, through the comment lines above it.
  while (lineStart > 0) {
    const previous = text.lastIndexOf("\n", lineStart - 2) + 1;
    const line = text.slice(previous, lineStart - 1);
    const trimmed = line.trimStart();
    if (trimmed !== "" && (!trimmed.startsWith("#") || line.length - trimmed.length < indent)) break;
    lineStart = previous;
  }
  // The mapping's region runs on past its last entry through comment and blank lines indented as deep as its keys.
  let end = range[1];
  for (let at = end; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const line = text.slice(at, next < 0 ? text.length : next);
    const trimmed = line.trimStart();
    if (trimmed !== "" && (!trimmed.startsWith("#") || line.length - trimmed.length < indent)) break;
    end = next < 0 ? text.length : next + 1;
    at = end;
    if (next < 0) break;
  }
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^[ \\t]*#+[ \\t]*(- )?["']?${escaped}["']?[ \\t]*:`, "m").test(text.slice(lineStart, end));
}

/** An enclosing `if`/`with` tests the path, something below it, or an undefined key above it. */
function excusedByGuard(chart: ChartModel, path: readonly string[], guards: readonly string[][]): boolean {
  for (const guard of guards) {
    let common = 0;
    while (common < guard.length && common < path.length && guard[common] === path[common]) common++;
    if (common === 0) continue;
    // The guard tests the path itself or something below it.
    if (common === path.length) return true;
    // The guard and the read share a key no values file defines (`if .Values.extra.enabled` around `.Values.extra.image`): the user is expected to give it whole.
    if (!lookupValues(chart, path.slice(0, common)).entry) return true;
  }
  return false;
}

/** The guards around each include of each define. */
function guardsAtIncludes(chart: ChartModel): Map<string, string[][][]> {
  const found = new Map<string, string[][][]>();
  for (const template of chart.templates) {
    for (const include of template.facts.includes) {
      const list = found.get(include.name);
      if (list) list.push(include.guards);
      else found.set(include.name, [include.guards]);
    }
  }
  return found;
}

/** Defines that every `include` and `template` of them in the chart calls with `.` or `$` at the top level. */
function definesCalledWithRoot(chart: ChartModel): Set<string> {
  const contexts = new Map<string, boolean>();
  for (const template of chart.templates) {
    for (const include of template.facts.includes) {
      const root = include.context === "root";
      contexts.set(include.name, (contexts.get(include.name) ?? true) && root);
    }
  }
  return new Set([...contexts].filter(([, root]) => root).map(([name]) => name));
}
