import { isAlias, isMap, isScalar, isSeq, YAMLMap, YAMLSeq, type Node } from "yaml";
import type { DocumentKind } from "../types.ts";
import { kindFromContent } from "./kind.ts";

/**
 * What a document is, read from its AST without converting it to data. Converting every
 * document with `toJS()` only to read `apiVersion` and `kind` cost a copy of the whole
 * file and its garbage; the answer here is the one `kindFromContent` gives on the
 * converted data, exactly, for every document that `isPlainTree` accepts.
 */
export interface TopLevel {
  kind: DocumentKind;
  /** The top-level `kind` field when it is a string, as `Deployment`. */
  resourceKind: string | undefined;
}

/**
 * Whether a document converts to data by the plain rules alone: no aliases (which need the
 * alias budget and may fail), no merge keys (which copy keys from elsewhere), only scalar
 * keys of simple values (collection keys are stringified, in exponential time when nested)
 * and no YAML 1.1 collections such as `!!omap` (which convert to a `Map`). Such a document
 * converts without surprises, so it can be read from its AST and converted later, when a
 * rule asks.
 */
export function isPlainTree(root: Node | null | undefined): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      if (node.constructor !== YAMLMap) return false;
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const pair = items[i]!;
        if (!isPlainKey(pair.key)) return false;
        if (isMap(pair.value) || isSeq(pair.value)) stack.push(pair.value);
        else if (isAlias(pair.value)) return false;
      }
    } else if (isSeq(node)) {
      if (node.constructor !== YAMLSeq) return false;
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (isMap(item) || isSeq(item)) stack.push(item);
        else if (isAlias(item)) return false;
      }
    } else if (isAlias(node)) {
      return false;
    }
  }
  return true;
}

/**
 * The kind of a plain tree's document, as `kindFromContent` would say of its data: the
 * fields are read the way `toJS()` reads them (the last of repeated keys wins, a scalar
 * is its JSON value), but only the three fields that decide are ever converted.
 */
export function topLevelOfPlainTree(root: Node | null | undefined): TopLevel {
  if (!isMap(root)) return { kind: "other", resourceKind: undefined };
  let apiVersion: unknown;
  let kind: unknown;
  let metadata: unknown;
  for (const pair of root.items) {
    const key = (pair.key as { value?: unknown }).value;
    if (key === "apiVersion") apiVersion = pair.value;
    else if (key === "kind") kind = pair.value;
    else if (key === "metadata") metadata = pair.value;
  }
  const record = { apiVersion: dataOfLeaf(apiVersion), kind: dataOfLeaf(kind), metadata: dataOfLeaf(metadata) };
  return { kind: kindFromContent(record), resourceKind: typeof record.kind === "string" ? record.kind : undefined };
}

/** The same answer from data already converted, for documents that are not plain trees. */
export function topLevelOfValue(value: unknown): TopLevel {
  const kind = value !== null && typeof value === "object" ? (value as Record<string, unknown>).kind : undefined;
  return { kind: kindFromContent(value), resourceKind: typeof kind === "string" ? kind : undefined };
}

/** A key that `toJS()` turns into a property name by `String()` alone, and that is not a merge key. */
function isPlainKey(key: unknown): boolean {
  if (!isScalar(key) || "addToJSMap" in key) return false;
  const value = key.value;
  if (value === null) return true;
  const type = typeof value;
  return (type === "string" && value !== "<<") || type === "number" || type === "boolean";
}

/**
 * A leaf's data as `toJS()` gives it, as far as `kindFromContent` looks: a scalar is its
 * value as parsed (`toJS()` keeps dates and binary data as they are), a sequence is an
 * array and a mapping an object; their contents never matter.
 */
function dataOfLeaf(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return [];
  if (isMap(node)) return {};
  return node;
}
