import { isAlias, isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from "yaml";
import { getNode, type AnyNode } from "../documents/ast.ts";
import { isTemplated, isYaml11Boolean, yaml11Number } from "./values/scalars.ts";
import { SELECTOR_OPERATORS, type LabelRequirement, type LabelSelector, type SelectorOperator } from "./selectors.ts";

/**
 * Label maps and selectors read from the YAML AST, with where each part is written. A
 * reader returns `undefined` for anything it cannot read exactly (an alias, a merge key,
 * a templated value, an unknown operator): rules then say nothing rather than guess.
 */

/** One requirement and where it is written. */
export interface LocatedRequirement extends LabelRequirement {
  /** Offsets to report at: the `matchLabels` entry, or the `matchExpressions` item. */
  at: [number, number];
  /** A `matchLabels` entry's key and value, for fixes that rewrite it. */
  keyNode?: Scalar;
  valueNode?: Scalar;
}

export interface LocatedSelector {
  selector: LabelSelector;
  requirements: LocatedRequirement[];
  /** The mapping that holds the label entries: `matchLabels`, or the selector itself for a Service. */
  labelsMap?: YAMLMap<Scalar, AnyNode>;
}

/** A label map (`metadata.labels`) as strings. Absent or empty is `{}`. */
export function labelMapOf(node: AnyNode): Record<string, string> | undefined {
  const entries = labelEntriesOf(node);
  if (!entries) return undefined;
  const labels: Record<string, string> = {};
  for (const entry of entries) labels[entry.key] = entry.value;
  return labels;
}

/** A `metav1.LabelSelector` (`matchLabels` and `matchExpressions`); an empty or null one selects everything. */
export function labelSelectorAt(node: AnyNode): LocatedSelector | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return { selector: { matchLabels: {}, matchExpressions: [] }, requirements: [] };
  if (!isMap(node) || hasOddKeys(node)) return undefined;
  const labels = getNode(node, "matchLabels");
  const fromLabels = labelEntriesOf(labels);
  if (!fromLabels) return undefined;
  const expressions = getNode(node, "matchExpressions");
  const fromExpressions = expressionsOf(expressions);
  if (!fromExpressions) return undefined;
  const located: LocatedSelector = {
    selector: { matchLabels: Object.fromEntries(fromLabels.map((entry) => [entry.key, entry.value])), matchExpressions: fromExpressions.map(({ at: _at, ...requirement }) => requirement) },
    requirements: [...fromLabels.map(requirementOfEntry), ...fromExpressions],
  };
  if (isMap(labels)) located.labelsMap = labels as YAMLMap<Scalar, AnyNode>;
  return located;
}

/** A plain `key: value` selector (a Service's, a ReplicationController's). */
export function mapSelectorAt(node: AnyNode): LocatedSelector | undefined {
  const entries = labelEntriesOf(node);
  if (!entries) return undefined;
  const located: LocatedSelector = {
    selector: { matchLabels: Object.fromEntries(entries.map((entry) => [entry.key, entry.value])), matchExpressions: [] },
    requirements: entries.map(requirementOfEntry),
  };
  if (isMap(node)) located.labelsMap = node as YAMLMap<Scalar, AnyNode>;
  return located;
}

/**
 * A selector's `matchLabels` entries as written (`key: value`, quotes kept), for new objects
 * that select the same pods; `undefined` when it has expressions, no entries, or an entry on several lines.
 */
export function matchLabelsSource(located: LocatedSelector | undefined, text: string): string[] | undefined {
  if (!located || located.selector.matchExpressions.length > 0 || located.requirements.length === 0) return undefined;
  const entries: string[] = [];
  for (const requirement of located.requirements) {
    const key = requirement.keyNode?.range;
    const value = requirement.valueNode?.range;
    if (!key) return undefined;
    const entry = `${text.slice(key[0], key[1])}: ${value && value[1] > value[0] ? text.slice(value[0], value[1]) : '""'}`;
    if (/[\r\n]/.test(entry)) return undefined;
    entries.push(entry);
  }
  return entries;
}

/** Offsets of a node. */
export function spanOf(node: Node): [number, number] {
  const range = node.range!;
  return [range[0], range[1]];
}

interface LabelEntry {
  key: string;
  value: string;
  keyNode: Scalar;
  valueNode: Scalar | undefined;
  at: [number, number];
}

function labelEntriesOf(node: AnyNode): LabelEntry[] | undefined {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isMap(node) || hasOddKeys(node)) return undefined;
  const entries: LabelEntry[] = [];
  for (const pair of node.items) {
    const key = pair.key as Scalar;
    const value = pair.value as Node | null;
    if (value !== null && !isScalar(value)) return undefined;
    // kubectl reads `version: 2` and `canary: no` as a number and a boolean, which the API server refuses as labels.
    if (value !== null && value.value !== null && !readsAsText(value)) return undefined;
    const text = value === null || value.value === null ? "" : String(value.value);
    if (isTemplated(text)) return undefined;
    const end = value?.range?.[1] ?? key.range![1];
    const entry: LabelEntry = { key: String(key.value), value: text, keyNode: key, valueNode: value ?? undefined, at: [key.range![0], end] };
    entries.push(entry);
  }
  return entries;
}

function requirementOfEntry(entry: LabelEntry): LocatedRequirement {
  const requirement: LocatedRequirement = { key: entry.key, operator: "In", values: [entry.value], at: entry.at, keyNode: entry.keyNode };
  if (entry.valueNode) requirement.valueNode = entry.valueNode;
  return requirement;
}

function expressionsOf(node: AnyNode): LocatedRequirement[] | undefined {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) return undefined;
  const found: LocatedRequirement[] = [];
  for (const item of node.items as AnyNode[]) {
    if (!isMap(item) || hasOddKeys(item)) return undefined;
    const key = plainText(getNode(item, "key"));
    const operator = plainText(getNode(item, "operator"));
    if (key === undefined || operator === undefined || !(SELECTOR_OPERATORS as readonly string[]).includes(operator)) return undefined;
    const valuesNode = getNode(item, "values");
    let values: string[] = [];
    if (isSeq(valuesNode)) {
      const texts = (valuesNode.items as AnyNode[]).map(plainText);
      if (texts.some((text) => text === undefined)) return undefined;
      values = texts as string[];
    } else if (valuesNode !== undefined && valuesNode !== null && !(isScalar(valuesNode) && valuesNode.value === null)) {
      return undefined;
    }
    // In and NotIn need values; the API server rejects them without, and this cannot match them.
    if ((operator === "In" || operator === "NotIn") && values.length === 0) return undefined;
    found.push({ key, operator: operator as SelectorOperator, values, at: spanOf(item as Node) });
  }
  return found;
}

function plainText(node: AnyNode): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
  const text = String(node.value);
  return isTemplated(text) ? undefined : text;
}

/** Keys a reader cannot take at face value: aliases, merge keys (`<<`), duplicates, non-scalar or templated keys. */
function hasOddKeys(map: YAMLMap): boolean {
  const seen = new Set<string>();
  return map.items.some((pair) => {
    if (!isScalar(pair.key) || isAlias(pair.value) || pair.key.value === "<<" || pair.key.value === null) return true;
    const key = String(pair.key.value);
    if (isTemplated(key) || seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** A scalar that every reader, kubectl's YAML 1.1 among them, takes as a string. */
function readsAsText(node: Scalar): boolean {
  if (typeof node.value !== "string") return false;
  if (node.type !== Scalar.PLAIN) return true;
  return !isYaml11Boolean(node.value) && yaml11Number(node.value) === undefined;
}
