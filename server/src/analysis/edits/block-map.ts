import { isMap, isScalar, type Node, type Pair, type YAMLMap } from "yaml";
import { getNode } from "../documents/ast.ts";
import type { TextEdit } from "../types.ts";
import type { LineIndex } from "../documents/line-index.ts";
import { contentEnd } from "./content-end.ts";

/** A nested plain object of keys to insert: leaves are scalars written as they are. */
export interface InsertTree {
  [key: string]: string | number | boolean | InsertTree;
}

/** Rewrites the scalar value of `key` in a block mapping, or adds the entry when it is absent or empty. */
export function setScalarEntry(map: YAMLMap, key: string, value: string | number, lines: LineIndex): TextEdit[] | undefined {
  const node = getNode(map, key);
  if (isScalar(node) && node.range && node.value !== null) return [{ range: lines.rangeOf(node.range[0], node.range[1]), newText: String(value) }];
  return insertIntoBlockMap(map, { [key]: value }, lines);
}

/**
 * Edits that add `tree` to a block mapping, keeping what is there: keys that exist with a
 * block-map value are descended into, missing keys are written at the mapping's own
 * indentation after its last entry, and an empty value (`key:` or `key: {}`) is filled.
 * Returns `undefined` when the shape is one it cannot edit safely (a non-empty flow map).
 */
export function insertIntoBlockMap(map: Node, tree: InsertTree, lines: LineIndex): TextEdit[] | undefined {
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const eol = lines.eol;
  const edits: TextEdit[] = [];
  const indent = lines.positionAt(keyStart(map.items[0]!)).character;
  const missing: InsertTree = {};

  for (const [key, value] of Object.entries(tree)) {
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!pair) {
      missing[key] = value;
      continue;
    }
    if (typeof value !== "object") continue;
    const existing = pair.value as Node | null;
    const keyColumn = lines.positionAt(keyStart(pair)).character;
    if (isMap(existing) && !existing.flow && existing.items.length > 0) {
      const nested = insertIntoBlockMap(existing, value, lines);
      if (!nested) return undefined;
      edits.push(...nested);
    } else if (isEmptyValue(existing)) {
      // Replace from the end of `key:` to the end of the empty value with the nested block.
      const keyEnd = (pair.key as Node).range![1];
      const colon = lines.text.indexOf(":", keyEnd);
      const end = existing && isMap(existing) ? contentEnd(lines.text, existing.range![1]) : colon + 1;
      edits.push({
        range: lines.rangeOf(colon + 1, end),
        newText: eol + renderBlock(value, keyColumn + 2, eol).replace(new RegExp(`${escape(eol)}$`), ""),
      });
    } else {
      return undefined;
    }
  }

  if (Object.keys(missing).length > 0) {
    const last = map.items[map.items.length - 1]!;
    const end = contentEnd(lines.text, pairEnd(last));
    const endLine = lines.positionAt(end).line;
    const at = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : lines.text.length;
    const needsBreak = at === lines.text.length && !lines.text.endsWith("\n");
    edits.push({
      range: lines.rangeOf(at, at),
      newText: (needsBreak ? eol : "") + renderBlock(missing, indent, eol),
    });
  }
  return edits;
}

/** Renders a tree as block YAML lines at an indentation, each line ending with `eol`. */
export function renderBlock(tree: InsertTree, indent: number, eol: string): string {
  let out = "";
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "object") out += `${" ".repeat(indent)}${key}:${eol}${renderBlock(value, indent + 2, eol)}`;
    else out += `${" ".repeat(indent)}${key}: ${value}${eol}`;
  }
  return out;
}

function isEmptyValue(node: Node | null): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null && (node.source === undefined || node.source === "");
  return isMap(node) && node.flow === true && node.items.length === 0;
}

function keyStart(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? 0;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
