import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from "yaml";

/**
 * Small, allocation-light helpers over the `yaml` AST. Nothing here resolves aliases,
 * so an alias bomb costs no more than its source text.
 */

export type AnyNode = Node | null | undefined;

/**
 * The pair whose scalar key equals `key`, or `undefined`. The first one wins, as in Kubernetes.
 * Every rule looks keys up through here, so the common case (a string key) is compared
 * before anything is converted: a key of another type (`1`, `true`, `null`) still matches
 * the string it is written as.
 */
export function getPair(map: AnyNode | unknown, key: string): Pair<Scalar, AnyNode> | undefined {
  if (!isMap(map)) return undefined;
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const candidate = item.key as { value?: unknown } | null;
    if (candidate === null || typeof candidate !== "object") continue;
    const value = candidate.value;
    if (value === key ? isScalar(candidate) : typeof value !== "string" && isScalar(candidate) && String(value) === key) {
      return item as Pair<Scalar, AnyNode>;
    }
  }
  return undefined;
}

export function getNode(map: AnyNode | unknown, key: string): AnyNode {
  return getPair(map, key)?.value as AnyNode;
}

/** Follows a path of keys and sequence indexes. */
export function getIn(node: AnyNode | unknown, path: ReadonlyArray<string | number>): AnyNode {
  let current: unknown = node;
  for (const step of path) {
    if (typeof step === "number") {
      if (!isSeq(current)) return undefined;
      current = current.items[step];
    } else {
      current = getNode(current, step);
    }
    if (current === undefined || current === null) return undefined;
  }
  return current as AnyNode;
}

export function asMap(node: unknown): YAMLMap<Scalar, AnyNode> | undefined {
  return isMap(node) ? (node as YAMLMap<Scalar, AnyNode>) : undefined;
}

export function asSeq(node: unknown): YAMLSeq<AnyNode> | undefined {
  return isSeq(node) ? (node as YAMLSeq<AnyNode>) : undefined;
}

/** A scalar's value as a string, or `undefined` for anything else. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return value === null || value === undefined ? undefined : String(value);
}

/** [start, end) offsets of a node's value, without trailing comments or blank lines. */
export function nodeSpan(node: Node): [number, number] {
  const range = node.range ?? [0, 0, 0];
  return [range[0], range[1]];
}

/** [start, end) offsets of a pair, from the key to the end of its value. */
export function pairSpan(pair: Pair): [number, number] {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  return [start, end];
}

export { isMap, isPair, isScalar, isSeq };
