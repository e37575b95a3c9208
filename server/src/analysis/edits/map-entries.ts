import { isCollection, type Node, type Pair, type YAMLMap } from "yaml";
import type { LineIndex } from "../documents/line-index.ts";
import type { TextEdit } from "../types.ts";
import { contentEnd } from "./content-end.ts";
import { removePair } from "./remove.ts";

/**
 * Edits that reshape a mapping one entry at a time: replace an entry with others, remove
 * one, add some beside one, rename a key. Each keeps the mapping's style (block or flow)
 * and leaves every other byte alone, so comments and formatting elsewhere survive. Values
 * of existing entries can be moved with `moved(pair)`: their source text is re-indented
 * for the new place instead of being re-serialised.
 *
 * The builders return `undefined` for shapes they cannot edit faithfully (an anchored or
 * tagged value to move, a block value inside a flow mapping); callers then offer no fix.
 */

/** What to write under a key: a scalar as it should appear, a nested mapping, or an existing entry's value. */
export type EntryValue = string | number | boolean | Entries | MovedValue;

export interface Entries {
  [key: string]: EntryValue;
}

/** The value of an existing entry, written from its own source text. */
export class MovedValue {
  constructor(readonly pair: Pair) {}
}

export function moved(pair: Pair): MovedValue {
  return new MovedValue(pair);
}

/**
 * Replaces one entry with `entries`, written where it was, at its indentation. A comment
 * that ended the entry's line stays on the first line written, beside the key it described.
 */
export function replaceEntry(map: YAMLMap, pair: Pair, entries: Entries, lines: LineIndex): TextEdit | undefined {
  const start = keyStart(pair);
  const column = lines.positionAt(start).character;
  if (map.flow) {
    const newText = flowEntries(entries, lines);
    return newText === undefined ? undefined : { range: lines.rangeOf(start, valueEnd(pair)), newText };
  }
  let end = contentEnd(lines.text, valueEnd(pair));
  let newText = blockText(entries, column, lines)?.slice(column);
  if (newText === undefined) return undefined;
  const lineEnd = lines.lineEnd(lines.positionAt(end).line);
  const tail = lines.text.slice(end, lineEnd);
  const firstBreak = newText.indexOf(lines.eol);
  if (/^\s+#/.test(tail) && firstBreak >= 0) {
    newText = newText.slice(0, firstBreak) + tail + newText.slice(firstBreak);
    end = lineEnd;
  }
  return { range: lines.rangeOf(start, end), newText };
}

/** Removes one entry: its whole lines in a block mapping, itself and one comma in a flow mapping. */
export function removeEntry(map: YAMLMap, pair: Pair, lines: LineIndex): TextEdit {
  if (!map.flow) return removePair(pair, lines);
  const text = lines.text;
  const start = keyStart(pair);
  const end = valueEnd(pair);
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) return { range: lines.rangeOf(start, end + after[0].length), newText: "" };
  const comma = text.lastIndexOf(",", start);
  const from = comma >= 0 && /^\s*$/.test(text.slice(comma + 1, start)) ? comma : start;
  return { range: lines.rangeOf(from, end), newText: "" };
}

/** Adds `entries` right after an entry, on the lines below it in a block mapping. */
export function insertEntriesAfter(map: YAMLMap, pair: Pair, entries: Entries, lines: LineIndex): TextEdit | undefined {
  if (map.flow) {
    const newText = flowEntries(entries, lines);
    const at = valueEnd(pair);
    return newText === undefined ? undefined : { range: lines.rangeOf(at, at), newText: `, ${newText}` };
  }
  const column = lines.positionAt(keyStart(pair)).character;
  const block = blockText(entries, column, lines);
  if (block === undefined) return undefined;
  const endLine = lines.positionAt(contentEnd(lines.text, valueEnd(pair))).line;
  const at = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : lines.text.length;
  const needsBreak = at === lines.text.length && !lines.text.endsWith("\n");
  return { range: lines.rangeOf(at, at), newText: (needsBreak ? lines.eol : "") + block + (needsBreak ? "" : lines.eol) };
}

/** Adds `entries` right before an entry; `undefined` when the entry does not start its line (as `- key:`). */
export function insertEntriesBefore(map: YAMLMap, pair: Pair, entries: Entries, lines: LineIndex): TextEdit | undefined {
  const start = keyStart(pair);
  if (map.flow) {
    const newText = flowEntries(entries, lines);
    return newText === undefined ? undefined : { range: lines.rangeOf(start, start), newText: `${newText}, ` };
  }
  const position = lines.positionAt(start);
  const lineStart = lines.lineStarts[position.line]!;
  if (!/^ *$/.test(lines.text.slice(lineStart, start))) return undefined;
  const block = blockText(entries, position.character, lines);
  return block === undefined ? undefined : { range: lines.rangeOf(lineStart, lineStart), newText: block + lines.eol };
}

/** Renames an entry's key in place, keeping its value and comments. */
export function renameKey(pair: Pair, key: string, lines: LineIndex): TextEdit | undefined {
  const range = (pair.key as Node | null)?.range;
  return range ? { range: lines.rangeOf(range[0], range[1]), newText: key } : undefined;
}

/** Block lines for `entries`, each indented to `column`, joined without a final line break. */
function blockText(entries: Entries, column: number, lines: LineIndex): string | undefined {
  const out: string[] = [];
  const pad = " ".repeat(column);
  for (const [key, value] of Object.entries(entries)) {
    if (value instanceof MovedValue) {
      const text = movedBlock(key, value.pair, column, lines);
      if (text === undefined) return undefined;
      out.push(pad + text);
    } else if (typeof value === "object") {
      const nested = blockText(value, column + 2, lines);
      if (nested === undefined) return undefined;
      out.push(`${pad}${key}:`, nested);
    } else {
      out.push(`${pad}${key}: ${value}`);
    }
  }
  return out.join(lines.eol);
}

/**
 * `key: value` with the value's source text, for a key at `column`. Lines after the first
 * shift by as much as the key moved, so block values and folded scalars keep their shape.
 */
function movedBlock(key: string, pair: Pair, column: number, lines: LineIndex): string | undefined {
  const text = lines.text;
  const value = pair.value as Node | null;
  if (value && (value.anchor || value.tag)) return undefined;
  const keyNode = pair.key as Node | null;
  if (!keyNode?.range) return undefined;
  const delta = column - lines.positionAt(keyNode.range[0]).character;
  if (!value?.range || value.range[0] === value.range[1]) return `${key}:`;

  if (isCollection(value) && !value.flow) {
    // Take whole lines from below the key, so comments above the first item move too.
    const keyLine = lines.positionAt(keyNode.range[1]).line;
    if (lines.positionAt(value.range[0]).line === keyLine) return undefined;
    const colon = text.indexOf(":", keyNode.range[1]);
    const tail = text.slice(colon + 1, lines.lineEnd(keyLine)).trim();
    if (tail !== "" && !tail.startsWith("#")) return undefined;
    const body = text.slice(lines.lineStarts[keyLine + 1]!, contentEnd(text, value.range[1]));
    return [`${key}:${tail ? ` ${tail}` : ""}`, ...body.split(/\r?\n/).map((line) => shift(line, delta))].join(lines.eol);
  }
  const [first, ...rest] = text.slice(value.range[0], value.range[1]).split(/\r?\n/);
  return [`${key}: ${first}`, ...rest.map((line) => shift(line, delta))].join(lines.eol);
}

/** `key: value, ...` on one line, for a flow mapping. */
function flowEntries(entries: Entries, lines: LineIndex): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (value instanceof MovedValue) {
      const node = value.pair.value as Node | null;
      if (!node?.range || node.anchor || node.tag || (isCollection(node) && !node.flow)) return undefined;
      const source = lines.text.slice(node.range[0], node.range[1]);
      if (source === "" || /[\r\n]/.test(source)) return undefined;
      parts.push(`${key}: ${source}`);
    } else if (typeof value === "object") {
      const nested = flowEntries(value, lines);
      if (nested === undefined) return undefined;
      parts.push(`${key}: {${nested}}`);
    } else {
      parts.push(`${key}: ${value}`);
    }
  }
  return parts.join(", ");
}

function shift(line: string, delta: number): string {
  if (line.trim() === "") return "";
  if (delta >= 0) return " ".repeat(delta) + line;
  const spaces = /^ */.exec(line)![0].length;
  return line.slice(Math.min(spaces, -delta));
}

function keyStart(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

function valueEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? 0;
}
