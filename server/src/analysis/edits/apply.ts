import { LineIndex } from "../documents/line-index.ts";
import type { TextEdit } from "../types.ts";

/** Applies non-overlapping edits to a text, the way an editor does. Throws on overlapping edits, which are a bug in a fix. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const span of spans) {
    if (span.end > limit) throw new Error(`Overlapping edits at offset ${span.start}`);
    result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    limit = span.start;
  }
  return result;
}
