import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from "yaml";
import { getNode, type AnyNode } from "../../documents/ast.ts";
import { isTemplated } from "./scalars.ts";

/** A mapping entry whose key is a plain, untemplated string. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  value: AnyNode;
  pair: Pair<Scalar, AnyNode>;
}

/** The entries of a mapping with string keys; other keys and templated ones are skipped. */
export function entriesOf(node: unknown): Entry[] {
  if (!isMap(node)) return [];
  const entries: Entry[] = [];
  for (const pair of (node as YAMLMap<Scalar, AnyNode>).items) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== "string" || !key.range || isTemplated(key.value)) continue;
    entries.push({ key: key.value, keyNode: key, value: pair.value, pair });
  }
  return entries;
}

/** The mappings of a sequence, skipping anything else. */
export function mapsOf(node: unknown): Array<YAMLMap<Scalar, AnyNode>> {
  if (!isSeq(node)) return [];
  return node.items.filter((item) => isMap(item)) as Array<YAMLMap<Scalar, AnyNode>>;
}

/** The values found by following `path` from each of `nodes`; `*` steps into every mapping of a sequence. */
export function nodesAt(nodes: readonly unknown[], path: readonly string[]): AnyNode[] {
  // Loops rather than flatMap and filter: the value rules call this for every path of every
  // object, and most paths end at the first step, so nothing is allocated that is not returned.
  let current: readonly unknown[] = nodes;
  for (const step of path) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step === "*") {
        if (!isSeq(node)) continue;
        for (const item of node.items) if (isMap(item)) next.push(item);
      } else {
        const child = getNode(node, step);
        if (child !== undefined && child !== null) next.push(child);
      }
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current === nodes ? [...nodes] as AnyNode[] : (current as AnyNode[]);
}
