/**
 * A tolerant lexer for Go templates as Helm uses them. It finds the actions (`{{ }}`,
 * with `{{-`/`-}}` trim markers) in a template's text and splits each into tokens with
 * offsets into the file. It never throws: an unclosed action or string ends at the end of
 * the text and is marked `broken`, and anything it does not know becomes an `other` token.
 */

export type TokenKind =
  | "field" // `.a.b`, or `.` alone: `segments` holds each name
  | "variable" // `$x.a.b`, or `$` alone: `name` is `$x`, `segments` the fields after it
  | "ident" // a function or keyword: `if`, `include`, `true`
  | "string" // "..." or `...` or a 'c' char constant: `value` is the decoded text
  | "number"
  | "lparen"
  | "rparen"
  | "pipe"
  | "declare" // `:=`
  | "assign" // `=`
  | "comma"
  | "other";

export interface Segment {
  name: string;
  /** Offsets of the name (without its dot) in the file. */
  at: [number, number];
}

export interface Token {
  kind: TokenKind;
  at: [number, number];
  /** Identifier, variable name or decoded string. */
  value: string;
  segments: Segment[];
  /** A field chain written right after `)` applies to the parenthesised value: `(x).a`. */
  attached: boolean;
}

export interface TemplateAction {
  /** Offsets of `{{` and past `}}`. */
  at: [number, number];
  /** A `{{/* ... *\/}}` comment. */
  comment: boolean;
  /** Unclosed action, string or comment. */
  broken: boolean;
  tokens: Token[];
}

/** Every action of a template, in order. */
export function scanTemplate(text: string): TemplateAction[] {
  const actions: TemplateAction[] = [];
  let at = 0;
  try {
    while (at < text.length) {
      const open = text.indexOf("{{", at);
      if (open < 0) break;
      const action = scanAction(text, open);
      actions.push(action);
      at = Math.max(action.at[1], open + 2);
    }
  } catch {
    // The lexer is written not to throw; this keeps the promise if it ever does.
  }
  return actions;
}

function scanAction(text: string, open: number): TemplateAction {
  let i = open + 2;
  if (text[i] === "-" && isSpace(text.charCodeAt(i + 1))) i += 2;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.startsWith("/*", i)) {
    const close = text.indexOf("*/", i + 2);
    if (close < 0) return { at: [open, text.length], comment: true, broken: true, tokens: [] };
    const end = text.indexOf("}}", close + 2);
    if (end < 0) return { at: [open, text.length], comment: true, broken: true, tokens: [] };
    return { at: [open, end + 2], comment: true, broken: false, tokens: [] };
  }
  const tokens: Token[] = [];
  let broken = false;
  for (;;) {
    if (i >= text.length) {
      broken = true;
      return { at: [open, text.length], comment: false, broken, tokens };
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 45 /* - */ && isSpace(text.charCodeAt(i - 1)) && text.startsWith("}}", i + 1)) {
      return { at: [open, i + 3], comment: false, broken, tokens };
    }
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) return { at: [open, i + 2], comment: false, broken, tokens };
    const start = i;
    if (c === 34 /* " */ || c === 96 /* ` */ || c === 39 /* ' */) {
      const quote = text[i]!;
      let j = i + 1;
      let value = "";
      while (j < text.length && text[j] !== quote) {
        if (quote !== "`" && text[j] === "\n") break;
        if (quote !== "`" && text[j] === "\\" && j + 1 < text.length) {
          value += unescape(text[j + 1]!);
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      if (j >= text.length || text[j] !== quote) broken = true;
      i = Math.min(text.length, j + 1);
      tokens.push(token("string", start, i, value));
      continue;
    }
    if (c === 46 /* . */ && !isDigit(text.charCodeAt(i + 1))) {
      const segments: Segment[] = [];
      i = readFields(text, i, segments);
      const attached = tokens.length > 0 && tokens[tokens.length - 1]!.kind === "rparen" && tokens[tokens.length - 1]!.at[1] === start;
      tokens.push({ kind: "field", at: [start, i], value: "", segments, attached });
      continue;
    }
    if (c === 36 /* $ */) {
      let j = i + 1;
      while (j < text.length && isWord(text.charCodeAt(j))) j++;
      const name = text.slice(i, j);
      const segments: Segment[] = [];
      j = readFields(text, j, segments);
      i = j;
      tokens.push({ kind: "variable", at: [start, i], value: name, segments, attached: false });
      continue;
    }
    if (isDigit(c) || ((c === 45 || c === 43 || c === 46) && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < text.length && /[0-9a-zA-Z_.+-]/.test(text[j]!) && !(text[j] === "-" && text[j - 1] !== "e" && text[j - 1] !== "E")) j++;
      i = j;
      tokens.push(token("number", start, i, text.slice(start, i)));
      continue;
    }
    if (isWord(c)) {
      let j = i + 1;
      while (j < text.length && isWord(text.charCodeAt(j))) j++;
      i = j;
      tokens.push(token("ident", start, i, text.slice(start, i)));
      continue;
    }
    i++;
    if (c === 40) tokens.push(token("lparen", start, i, "("));
    else if (c === 41) tokens.push(token("rparen", start, i, ")"));
    else if (c === 124) tokens.push(token("pipe", start, i, "|"));
    else if (c === 44) tokens.push(token("comma", start, i, ","));
    else if (c === 58 && text.charCodeAt(i) === 61) {
      i++;
      tokens.push(token("declare", start, i, ":="));
    } else if (c === 61) tokens.push(token("assign", start, i, "="));
    else tokens.push(token("other", start, i, text[start]!));
  }
}

/** Reads `.a.b.c` from `at` (at a dot), filling `segments`; `.` alone gives none. Returns the end. */
function readFields(text: string, at: number, segments: Segment[]): number {
  let i = at;
  while (text.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < text.length && isWord(text.charCodeAt(j))) j++;
    if (j === i + 1) {
      // A lone dot: the context itself, unless it closes a chain (`$x.`), which is broken input.
      return segments.length === 0 ? j : i;
    }
    segments.push({ name: text.slice(i + 1, j), at: [i + 1, j] });
    i = j;
  }
  return i;
}

function token(kind: TokenKind, start: number, end: number, value: string): Token {
  return { kind, at: [start, end], value, segments: [], attached: false };
}

function unescape(char: string): string {
  switch (char) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    default:
      return char;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}
