import type { Node, YAMLSeq } from "yaml";
import type { LineIndex } from "../../documents/line-index.ts";
import type { TextEdit } from "../../types.ts";
import { contentEnd } from "../../edits/content-end.ts";

/**
 * An edit that removes one item of a sequence. A block item loses its whole lines, from
 * its `-` to the end of its last line, so the items around it keep their indentation and
 * comments; a flow item loses itself and one comma. Returns `undefined` for shapes it
 * cannot remove cleanly, such as an item that shares its line with other content.
 */
export function removeSequenceItem(seq: YAMLSeq, item: Node, lines: LineIndex): TextEdit | undefined {
  if (!item.range) return undefined;
  const text = lines.text;
  const start = item.range[0];
  const end = contentEnd(text, item.range[1]);
  if (seq.flow) {
    const after = /^\s*,[ \t]*/.exec(text.slice(end));
    if (after) return { range: lines.rangeOf(start, end + after[0].length), newText: "" };
    const comma = text.lastIndexOf(",", start);
    const from = comma >= 0 && /^\s*$/.test(text.slice(comma + 1, start)) ? comma : start;
    return { range: lines.rangeOf(from, end), newText: "" };
  }
  const startLine = lines.positionAt(start).line;
  const lineStart = lines.lineStarts[startLine]!;
  // Only `- ` (after indentation) may come before the item on its first line.
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(lineStart, start))) return undefined;
  const endLine = lines.positionAt(end).line;
  if (!/^[ \t]*(#.*)?$/.test(text.slice(end, lines.lineEnd(endLine)))) return undefined;
  const next = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : text.length;
  return { range: lines.rangeOf(lineStart, next), newText: "" };
}
