import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";

/**
 * Finds where a cursor is in a YAML document, walking only the nodes on the way to it.
 * There are two walks for two needs. Hover looks at the token under the cursor, so it
 * follows the nodes that contain the offset. Completion happens while a line is being
 * typed, and a half-typed line parses into whatever the parser can make of it (a key
 * without a value, a scalar, the tail of the previous value), so it decides the mapping
 * being typed into from the indentation of the cursor's line instead.
 */

/** A key of a mapping or an index of a sequence. */
export type Segment = string | number;

/** One node on the way from the document's root to the cursor. */
export interface Step {
  /** How this node is reached from the previous step; `undefined` for the root. */
  segment: Segment | undefined;
  node: Node | null | undefined;
}

/** The token under the cursor: a mapping's key, or a scalar value. */
export interface TokenHit {
  steps: Step[];
  /** `key` when the cursor is on a key: the last step is then the pair's value. */
  part: "key" | "value";
  /** The scalar under the cursor. */
  scalar: Scalar;
}

/** The mapping that a line being typed at some column belongs to. */
export interface MappingHit {
  steps: Step[];
  /**
   * The mapping itself, or `undefined` when there is none yet: the line starts the first
   * key of a value that is still empty (or that the parser read as a scalar).
   */
  map: YAMLMap | undefined;
}

/** The key or scalar value that contains `offset`, following containment from the root. */
export function tokenAt(root: Node | null | undefined, offset: number): TokenHit | undefined {
  const steps: Step[] = [{ segment: undefined, node: root }];
  let node: Node | null | undefined = root;
  // Each level moves into a strictly smaller range, so the loop ends; the bound is a second guard.
  for (let depth = 0; depth < 1000 && node; depth++) {
    if (isMap(node)) {
      const pair = pairContaining(node, offset);
      if (!pair || !isScalar(pair.key)) return undefined;
      const key = String(pair.key.value);
      steps.push({ segment: key, node: pair.value as Node | null });
      if (contains(pair.key, offset)) return { steps, part: "key", scalar: pair.key };
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const index = itemContaining(node, offset);
      if (index === undefined) return undefined;
      node = node.items[index] as Node | null;
      steps.push({ segment: index, node });
    } else if (isScalar(node)) {
      return contains(node, offset) ? { steps, part: "value", scalar: node } : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The block mapping whose keys start at `column` and that a line at `offset` belongs to,
 * decided by indentation as YAML decides it: from the root, each level moves into the
 * value of the last entry before the cursor while the column is deeper than that level's.
 */
export function mappingAt(root: Node | null | undefined, lineStarts: LineStarts, offset: number, column: number): MappingHit | undefined {
  const steps: Step[] = [{ segment: undefined, node: root }];
  let node: Node | null | undefined = root;
  for (let depth = 0; depth < 1000; depth++) {
    if (isMap(node) && !node.flow) {
      const first = node.items[0]?.key as Node | null | undefined;
      if (!first?.range) return undefined;
      const mapColumn = lineStarts.columnOf(first.range[0]);
      if (column === mapColumn) return { steps, map: node };
      if (column < mapColumn) return undefined;
      const pair = lastPairBefore(node, offset);
      if (!pair || !isScalar(pair.key)) return undefined;
      const value = pair.value as Node | null;
      steps.push({ segment: String(pair.key.value), node: value });
      if (!isBlockCollection(value)) return { steps, map: undefined };
      node = value;
    } else if (isSeq(node) && !node.flow) {
      if (!node.range || column <= lineStarts.columnOf(node.range[0])) return undefined;
      const index = lastItemBefore(node, offset);
      if (index === undefined) return undefined;
      const item = node.items[index] as Node | null;
      steps.push({ segment: index, node: item });
      if (!isBlockCollection(item)) return { steps, map: undefined };
      node = item;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Columns of offsets, from the text's line starts. */
export interface LineStarts {
  columnOf(offset: number): number;
}

function isBlockCollection(node: unknown): node is YAMLMap | YAMLSeq {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

function contains(node: Node, offset: number): boolean {
  const range = node.range;
  // The end is inclusive so that a cursor just after a word still counts as on it.
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
}

function pairContaining(map: YAMLMap, offset: number): Pair | undefined {
  // Pairs are in document order: search for the last one that starts at or before the offset.
  const pair = lastPairBefore(map, offset);
  if (!pair) return undefined;
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (key && contains(key, offset)) return pair;
  if (value && contains(value, offset)) return pair;
  return undefined;
}

function lastPairBefore(map: YAMLMap, offset: number): Pair | undefined {
  const items = map.items;
  let low = 0;
  let high = items.length - 1;
  let found: Pair | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = startOfPair(items[mid]!);
    if (start !== undefined && start <= offset) {
      found = items[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function startOfPair(pair: Pair): number | undefined {
  return (pair.key as Node | null)?.range?.[0] ?? (pair.value as Node | null)?.range?.[0];
}

function itemContaining(seq: YAMLSeq, offset: number): number | undefined {
  const index = lastItemBefore(seq, offset);
  if (index === undefined) return undefined;
  const item = seq.items[index] as Node | null;
  return item && contains(item, offset) ? index : undefined;
}

function lastItemBefore(seq: YAMLSeq, offset: number): number | undefined {
  const items = seq.items;
  let low = 0;
  let high = items.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = (items[mid] as Node | null)?.range?.[0];
    if (start !== undefined && start <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
