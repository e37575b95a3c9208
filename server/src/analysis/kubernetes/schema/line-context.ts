/**
 * What is being typed on the cursor's line, read from the text rather than from the
 * parse, because a half-typed line is often not what the parser makes of it: either a
 * key (possibly partial, possibly after list markers `- `), or the value after `key: `.
 */
export type LineContext = KeyContext | ValueContext;

export interface KeyContext {
  mode: "key";
  /** The column where the key starts (after any `- ` markers). */
  column: number;
  /** Offsets of the word being typed, the whole word even when the cursor is inside it. */
  word: [number, number];
  /** The line already goes on with `:` after the word, so only the key is to be inserted. */
  hasColon: boolean;
}

export interface ValueContext {
  mode: "value";
  /** The column of the key. */
  column: number;
  key: string;
  /** Offsets of the value being typed, inside its quotes when it is quoted. */
  value: [number, number];
  quoted: boolean;
}

/** The context at `offset`, or `undefined` when the line is neither (a comment, a flow collection, prose). */
export function lineContextAt(text: string, offset: number): LineContext | undefined {
  const lineStart = lineStartOf(text, offset);
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > offset && text[lineEnd - 1] === "\r") lineEnd--;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);

  const key = KEY_LINE.exec(before);
  if (key) {
    const column = key[1]!.length + key[2]!.length;
    const rest = after.slice(WORD_TAIL.exec(after)![0].length);
    return { mode: "key", column, word: [lineStart + column, offset + after.length - rest.length], hasColon: /^ *:( |$)/.test(rest) };
  }
  const value = VALUE_LINE.exec(before);
  if (value) {
    const keyText = unquote(value[3]!);
    if (keyText === undefined) return undefined;
    const quote = value[4]!;
    const typed = value[5]!;
    const tail = VALUE_TAIL.exec(after)![0].length;
    return { mode: "value", column: value[1]!.length + value[2]!.length, key: keyText, value: [offset - typed.length, offset + tail], quoted: quote !== "" };
  }
  return undefined;
}

/** Where the line of an offset starts; a byte order mark is no part of the first line's indentation. */
export function lineStartOf(text: string, offset: number): number {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return start === 0 && text.charCodeAt(0) === 0xfeff && offset > 0 ? 1 : start;
}

const WORD = `[^\\s:#'"{}\\[\\],&*!|>%@\`-][^\\s:#'"{}\\[\\],]*`;
const KEY_LINE = new RegExp(`^( *)((?:- +)*)(${WORD})?$`);
const WORD_TAIL = /^[^\s:#'"{}[\],]*/;
const VALUE_LINE = new RegExp(`^( *)((?:- +)*)("(?:[^"\\\\]|\\\\.)*"|'(?:[^']|'')*'|${WORD}(?: +${WORD})*?) *: +(["']?)([^\\s#"',{}\\[\\]]*)$`);
const VALUE_TAIL = /^[^\s#"',{}[\]]*/;

function unquote(key: string): string | undefined {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return undefined;
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}
