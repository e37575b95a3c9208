import type { Pair, Node } from "yaml";
import type { TextEdit } from "../types.ts";
import type { LineIndex } from "../documents/line-index.ts";
import { contentEnd } from "./content-end.ts";

/**
 * An edit that removes a mapping entry. A block entry loses its whole lines; a flow
 * entry (`{a: 1, b: 2}`) loses itself and the comma before it.
 */
export function removePair(pair: Pair, lines: LineIndex): TextEdit {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const start = key.range![0];
  const end = contentEnd(lines.text, value?.range?.[1] ?? key.range![1]);
  const startPosition = lines.positionAt(start);
  const lineStart = lines.lineStarts[startPosition.line]!;
  const before = lines.text.slice(lineStart, start);

  if (/^\s*$/.test(before)) {
    const endLine = lines.positionAt(end).line;
    const tail = lines.text.slice(end, lines.lineEnd(endLine));
    if (/^\s*(#.*)?$/.test(tail)) {
      const next = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : lines.text.length;
      return { range: lines.rangeOf(lineStart, next), newText: "" };
    }
  }
  const comma = lines.text.lastIndexOf(",", start);
  const from = comma >= 0 && /^\s*$/.test(lines.text.slice(comma + 1, start)) ? comma : start;
  return { range: lines.rangeOf(from, end), newText: "" };
}
