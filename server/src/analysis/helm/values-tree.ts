import { isMap, isScalar, isSeq, isAlias, parseDocument, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { templateFacts } from "./template-facts.ts";

/**
 * The keys a values file defines, as a tree with the offsets of each key, read from the
 * YAML AST without converting it. Aliases are not followed: a key under an alias counts
 * as an unknown subtree, which every path below is taken to exist in.
 */
export interface ValuesNode {
  kind: "map" | "seq" | "scalar" | "null" | "alias";
  /** The entries of a mapping, by key. */
  entries: Map<string, ValuesEntry> | undefined;
  /** The AST node, to insert keys into a mapping. */
  yaml: Node | null;
  /** A scalar's value as YAML reads it. */
  value?: unknown;
}

export interface ValuesEntry {
  key: string;
  keyAt: [number, number];
  pair: Pair;
  node: ValuesNode;
}

export interface ValuesFile {
  path: string;
  text: string;
  document: Document.Parsed | undefined;
  root: ValuesNode;
  /** Paths read by template strings in the values (`{{ .Values.x }}` given to `tpl`). */
  templateReads: string[][];
}

const COMMENTED_READ = /^[ \t]*#.*?\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/gm;

const EMPTY: ValuesNode = { kind: "null", entries: undefined, yaml: null };

/** Reads a values file; a file that does not parse defines nothing it cannot show. */
export function readValuesFile(path: string, text: string, document?: Document.Parsed): ValuesFile {
  try {
    const parsed = document ?? parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
    const templateReads: string[][] = [];
    const root = nodeOf(parsed.contents as Node | null, templateReads, 0);
    // A comment that shows a template reading a key (`# image: "{{ .Values.extra.tag }}"`) documents a read by users' own template strings.
    for (const match of text.matchAll(COMMENTED_READ)) templateReads.push(match[1]!.split("."));
    return { path, text, document: parsed, root, templateReads };
  } catch {
    return { path, text, document: undefined, root: EMPTY, templateReads: [] };
  }
}

function nodeOf(node: Node | null, templateReads: string[][], depth: number): ValuesNode {
  if (node === null || node === undefined) return EMPTY;
  if (depth > 200) return { kind: "alias", entries: undefined, yaml: node };
  if (isAlias(node)) return { kind: "alias", entries: undefined, yaml: node };
  if (isMap(node)) {
    const entries = new Map<string, ValuesEntry>();
    for (const pair of (node as YAMLMap).items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      if (key === "<<") continue;
      entries.set(key, { key, keyAt: [pair.key.range[0], pair.key.range[1]], pair, node: nodeOf(pair.value as Node | null, templateReads, depth + 1) });
    }
    return { kind: "map", entries, yaml: node };
  }
  if (isSeq(node)) {
    for (const item of node.items) nodeOf(item as Node | null, templateReads, depth + 1);
    return { kind: "seq", entries: undefined, yaml: node };
  }
  if (isScalar(node)) {
    if (typeof node.value === "string" && node.value.includes("{{")) {
      for (const reference of templateFacts(node.value).references) templateReads.push(reference.path);
    }
    return node.value === null ? { kind: "null", entries: undefined, yaml: node } : { kind: "scalar", entries: undefined, yaml: node, value: node.value };
  }
  return EMPTY;
}

/** The entry at a path, or `undefined` when a key on the way is missing. */
export function entryAt(root: ValuesNode, path: readonly string[]): ValuesEntry | undefined {
  let node = root;
  let entry: ValuesEntry | undefined;
  for (const key of path) {
    entry = node.entries?.get(key);
    if (!entry) return undefined;
    node = entry.node;
  }
  return entry;
}

/** Every key path of the tree, depth first, parents before children. */
export function* walkEntries(root: ValuesNode, prefix: string[] = []): Generator<{ path: string[]; entry: ValuesEntry }> {
  if (!root.entries) return;
  for (const entry of root.entries.values()) {
    const path = [...prefix, entry.key];
    yield { path, entry };
    yield* walkEntries(entry.node, path);
  }
}
