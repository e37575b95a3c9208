import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { ParsedDocument } from "../documents/parse.ts";
import type { LineIndex } from "../documents/line-index.ts";
import type { TextEdit } from "../types.ts";
import { nodeSpan } from "../documents/ast.ts";

/** The top-level mapping of a Chart.yaml document, or `undefined` when it is something else. */
export function chartMap(document: ParsedDocument): YAMLMap | undefined {
  const contents = document.yaml.contents as Node | null;
  return isMap(contents) ? contents : undefined;
}

/** A top-level field's pair, by key. */
export function field(map: YAMLMap, key: string): Pair<Scalar, Node | null> | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as Pair<Scalar, Node | null> | undefined;
}

export function keySpan(pair: Pair): [number, number] {
  return nodeSpan(pair.key as Node);
}

/** The span to report for a field: its value when it has one, else its key. */
export function valueSpan(pair: Pair): [number, number] {
  const value = pair.value as Node | null;
  return value?.range ? nodeSpan(value) : keySpan(pair);
}

/** A scalar written without quotes whose YAML value is not a string (`1.10`, `true`). */
export function isUnquotedNonString(node: Node | null | undefined): node is Scalar {
  return isScalar(node) && node.type === "PLAIN" && node.value !== null && typeof node.value !== "string";
}

/** Wraps a plain scalar's source in double quotes, as written. */
export function quoteEdit(node: Scalar, lines: LineIndex): TextEdit {
  const [start, end] = nodeSpan(node);
  return { range: lines.rangeOf(start, end), newText: `"${lines.text.slice(start, end)}"` };
}

/** A line inserted at the top of the file, before the first key. */
export function insertFirstLine(map: YAMLMap, lines: LineIndex, line: string): TextEdit {
  const first = map.items[0]?.key as Node | undefined;
  const offset = first?.range ? lines.lineStarts[lines.positionAt(first.range[0]).line]! : 0;
  return { range: lines.rangeOf(offset, offset), newText: `${line}${lines.eol}` };
}

export function sequenceItems(node: Node | null | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

/** SemVer 2 as Helm reads it (Masterminds `NewVersion`): a `v` prefix and missing minor or patch are accepted. */
export const HELM_SEMVER = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
