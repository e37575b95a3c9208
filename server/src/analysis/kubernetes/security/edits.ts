import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { getPair, type AnyNode } from "../../documents/ast.ts";
import type { LineIndex } from "../../documents/line-index.ts";
import { contentEnd } from "../../edits/content-end.ts";
import { removeEntry } from "../../edits/map-entries.ts";
import type { TextEdit } from "../../types.ts";

/**
 * Text edits that set, insert and remove settings in a manifest while leaving every
 * other byte alone. New block entries follow the document's own indentation: how far
 * a nested mapping steps in, and whether sequences are indented under their key.
 * Each builder returns `undefined` for a shape it cannot edit faithfully (an alias, a
 * block value inside a flow mapping), and the rule then offers no fix.
 */

/** What to write: a scalar's source text, a sequence of scalars, or a nested mapping. */
export type Value = string | readonly string[] | ValueMap;

export interface ValueMap {
  readonly [key: string]: Value;
}

/** How a document indents: a nested mapping's step, and a sequence's offset from its key. */
export interface Style {
  step: number;
  sequenceIndent: number;
}

/**
 * The indentation a document already uses, read from its first nested mapping and
 * sequence. Rules ask for it before they know whether they will offer a fix, and most
 * never do, so it is read on first use, once per document and analysis.
 */
export function styleOf(root: AnyNode, lines: LineIndex): Style {
  if (root === null || root === undefined) return readStyle(root, lines);
  let styles = STYLES.get(lines);
  if (!styles) STYLES.set(lines, (styles = new WeakMap()));
  let style = styles.get(root);
  if (!style) styles.set(root, (style = new StyleOnFirstUse(() => readStyle(root, lines))));
  return style;
}

/** The line index is new for each analysis, so answers kept per index live for that analysis alone. */
const STYLES = new WeakMap<LineIndex, WeakMap<object, Style>>();

class StyleOnFirstUse implements Style {
  private read: Style | undefined;

  constructor(private readonly compute: () => Style) {}

  get step(): number {
    return (this.read ??= this.compute()).step;
  }

  get sequenceIndent(): number {
    return (this.read ??= this.compute()).sequenceIndent;
  }
}

function readStyle(root: AnyNode, lines: LineIndex): Style {
  let step: number | undefined;
  let sequenceIndent: number | undefined;
  const queue: unknown[] = [root];
  // A few hundred nodes always reach the first nested mapping and sequence of a manifest.
  for (let visited = 0; queue.length > 0 && visited < 500 && (step === undefined || sequenceIndent === undefined); visited++) {
    const node = queue.shift();
    if (isSeq(node)) queue.push(...node.items);
    if (!isMap(node) || node.flow) continue;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range) continue;
      const keyPosition = lines.positionAt(key.range[0]);
      const valuePosition = lines.positionAt(value.range[0]);
      const onNextLine = valuePosition.line > keyPosition.line;
      if (step === undefined && isMap(value) && !value.flow && onNextLine && valuePosition.character > keyPosition.character) {
        step = valuePosition.character - keyPosition.character;
      }
      if (sequenceIndent === undefined && isSeq(value) && !value.flow && onNextLine && valuePosition.character >= keyPosition.character) {
        sequenceIndent = valuePosition.character - keyPosition.character;
      }
      queue.push(value);
    }
  }
  return { step: step ?? 2, sequenceIndent: sequenceIndent ?? step ?? 2 };
}

/**
 * Edits that make `map` hold `value` at `path`: existing mappings on the way are
 * descended into, a missing key is added after the mapping's last entry, an empty
 * value (`key:`, `key: {}`) is filled, and an existing value is replaced.
 */
export function setAt(map: YAMLMap, path: readonly string[], value: Value, lines: LineIndex, style: Style): TextEdit[] | undefined {
  let current: YAMLMap = map;
  for (let index = 0; index < path.length; index++) {
    const key = path[index]!;
    const rest = nest(path.slice(index + 1), value);
    const pair = getPair(current, key);
    if (!pair) {
      const edit = insertEntry(current, key, rest, lines, style);
      return edit ? [edit] : undefined;
    }
    const existing = pair.value as Node | null;
    if (index < path.length - 1 && isMap(existing) && existing.items.length > 0) {
      current = existing;
      continue;
    }
    if (index < path.length - 1 && !isEmpty(existing)) return undefined;
    const edit = replaceValue(current, pair, rest, lines, style);
    return edit ? [edit] : undefined;
  }
  return undefined;
}

/** Adds `key: value` as the last entry of a mapping. */
export function insertEntry(map: YAMLMap, key: string, value: Value, lines: LineIndex, style: Style): TextEdit | undefined {
  const text = lines.text;
  if (map.flow) {
    if (!map.range) return undefined;
    if (map.items.length === 0) {
      return { range: lines.rangeOf(map.range[0], map.range[1]), newText: `{ ${key}: ${flowText(value)} }` };
    }
    const at = pairEnd(map.items[map.items.length - 1]!);
    return { range: lines.rangeOf(at, at), newText: `, ${key}: ${flowText(value)}` };
  }
  const first = map.items[0];
  if (!first) return undefined;
  const column = lines.positionAt(keyStart(first)).character;
  const end = contentEnd(text, pairEnd(map.items[map.items.length - 1]!));
  const endLine = lines.positionAt(end).line;
  const at = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : text.length;
  const block = blockLines(key, value, column, style).join(lines.eol);
  const needsBreak = at === text.length && !text.endsWith("\n");
  return { range: lines.rangeOf(at, at), newText: needsBreak ? lines.eol + block : block + lines.eol };
}

/** Replaces an entry's value, keeping its key and any comment after it. */
export function replaceValue(map: YAMLMap, pair: Pair, value: Value, lines: LineIndex, style: Style): TextEdit | undefined {
  const text = lines.text;
  const key = pair.key as Node | null;
  const existing = pair.value as Node | null;
  if (!key?.range || existing?.anchor || existing?.tag) return undefined;
  if (typeof value === "string" && isScalar(existing) && existing.range && existing.range[1] > existing.range[0]) {
    return { range: lines.rangeOf(existing.range[0], existing.range[1]), newText: value };
  }
  if (Array.isArray(value) && isSeq(existing) && existing.items.length > 0 && existing.range) {
    return replaceSequence(existing, value, lines);
  }
  if (!isEmpty(existing)) return undefined;
  const colon = text.indexOf(":", key.range[1]);
  if (colon < 0) return undefined;
  const valueEnd = existing?.range && existing.range[1] > existing.range[0] ? existing.range[1] : colon + 1;
  if (map.flow || typeof value === "string") {
    return { range: lines.rangeOf(colon + 1, valueEnd), newText: ` ${flowText(value)}` };
  }
  // A block value goes on the lines below the key; a comment after the key stays where it was.
  const keyLine = lines.positionAt(key.range[0]).line;
  const lineEnd = lines.lineEnd(keyLine);
  if (lines.positionAt(valueEnd).line !== keyLine) return undefined;
  const tail = text.slice(valueEnd, lineEnd).trimEnd();
  if (tail.trim() !== "" && !tail.trim().startsWith("#")) return undefined;
  const column = lines.positionAt(key.range[0]).character;
  const body = Array.isArray(value)
    ? (value as readonly string[]).map((item) => `${" ".repeat(column + style.sequenceIndent)}- ${item}`)
    : Object.entries(value as ValueMap).flatMap(([nestedKey, nested]) => blockLines(nestedKey, nested, column + style.step, style));
  const comment = tail.trim() === "" ? "" : /^\s/.test(tail) ? tail : ` ${tail}`;
  return { range: lines.rangeOf(colon + 1, lineEnd), newText: comment + lines.eol + body.join(lines.eol) };
}

/** Removes an entry: its whole lines in a block mapping, itself and a comma in a flow one. */
export function removeAt(map: YAMLMap, pair: Pair, lines: LineIndex): TextEdit {
  return removeEntry(map, pair, lines);
}

/**
 * Removes some items of a sequence of scalars: whole lines in a block sequence, and a
 * rewritten `[...]` in a flow one. `undefined` when an item to remove shares its line.
 */
export function removeItems(seq: YAMLSeq, remove: ReadonlySet<number>, lines: LineIndex): TextEdit[] | undefined {
  const text = lines.text;
  if (seq.flow) {
    if (!seq.range) return undefined;
    const kept = seq.items.filter((_, index) => !remove.has(index)).map((item) => sourceOf(item as Node | null, text));
    if (kept.some((item) => item === undefined)) return undefined;
    return [{ range: lines.rangeOf(seq.range[0], seq.range[1]), newText: `[${kept.join(", ")}]` }];
  }
  const edits: TextEdit[] = [];
  for (const index of remove) {
    const item = seq.items[index] as Node | null;
    if (!item?.range) return undefined;
    const line = lines.positionAt(item.range[0]).line;
    const lineStart = lines.lineStarts[line]!;
    if (!/^\s*-\s*$/.test(text.slice(lineStart, item.range[0]))) return undefined;
    const endLine = lines.positionAt(contentEnd(text, item.range[1])).line;
    if (!/^\s*(#.*)?$/.test(text.slice(contentEnd(text, item.range[1]), lines.lineEnd(endLine)))) return undefined;
    const next = endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : text.length;
    edits.push({ range: lines.rangeOf(lineStart, next), newText: "" });
  }
  return edits;
}

/** A value that Kubernetes treats as unset: nothing, `null`, `~` or `{}`. */
export function isEmpty(node: Node | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node)) return node.value === null;
  return isMap(node) && node.items.length === 0;
}

function replaceSequence(seq: YAMLSeq, items: readonly string[], lines: LineIndex): TextEdit | undefined {
  const range = seq.range!;
  if (seq.flow) return { range: lines.rangeOf(range[0], range[1]), newText: `[${items.join(", ")}]` };
  const column = lines.positionAt(range[0]).character;
  const newText = items.map((item, index) => (index === 0 ? `- ${item}` : `${" ".repeat(column)}- ${item}`)).join(lines.eol);
  return { range: lines.rangeOf(range[0], contentEnd(lines.text, range[1])), newText };
}

function nest(path: readonly string[], value: Value): Value {
  return path.reduceRight<Value>((inner, key) => ({ [key]: inner }), value);
}

function blockLines(key: string, value: Value, column: number, style: Style): string[] {
  const pad = " ".repeat(column);
  if (typeof value === "string") return [`${pad}${key}: ${value}`];
  if (Array.isArray(value)) return [`${pad}${key}:`, ...(value as readonly string[]).map((item) => `${" ".repeat(column + style.sequenceIndent)}- ${item}`)];
  return [`${pad}${key}:`, ...Object.entries(value as ValueMap).flatMap(([nestedKey, nested]) => blockLines(nestedKey, nested, column + style.step, style))];
}

function flowText(value: Value): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${(value as readonly string[]).join(", ")}]`;
  return `{ ${Object.entries(value as ValueMap).map(([key, nested]) => `${key}: ${flowText(nested)}`).join(", ")} }`;
}

function sourceOf(node: Node | null, text: string): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]);
}

function keyStart(pair: Pair): number {
  return (pair.key as Node | null)?.range?.[0] ?? 0;
}

function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1] ?? 0;
}
