/** One `${{ ... }}` in a scalar's source text, with offsets into the file. */
export interface Expression {
  /** Offsets of `${{` and just after `}}`. */
  start: number;
  end: number;
  /** The text between the braces. */
  body: string;
  bodyStart: number;
  /** Property paths read, as `steps.build.outputs.tag` split into parts, with the offset of each path. */
  references: Reference[];
}

export interface Reference {
  parts: string[];
  start: number;
  end: number;
}

/**
 * Finds every `${{ }}` in `text[from, to)`. Quoted strings inside an expression may hold `}}`.
 * An unclosed one is left to GitHub's parser, which reports it.
 */
export function expressionsIn(text: string, from: number, to: number): Expression[] {
  const found: Expression[] = [];
  let at = text.indexOf("${{", from);
  while (at >= 0 && at < to) {
    let i = at + 3;
    let inString = false;
    let close = -1;
    for (; i < to - 1; i++) {
      const char = text[i];
      if (char === "'") inString = !inString;
      else if (!inString && char === "}" && text[i + 1] === "}") {
        close = i;
        break;
      }
    }
    if (close < 0) break;
    const body = text.slice(at + 3, close);
    found.push({ start: at, end: close + 2, body, bodyStart: at + 3, references: referencesIn(body, at + 3) });
    at = text.indexOf("${{", close + 2);
  }
  return found;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/**
 * The property paths of an expression body: `a.b['c'].d` gives `["a", "b", "c", "d"]`. Function
 * names are not references; a `*` filter or a computed index ends the path.
 */
export function referencesIn(body: string, offset: number): Reference[] {
  const references: Reference[] = [];
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (char === "'") {
      const close = body.indexOf("'", i + 1);
      // '' is an escaped quote inside a string.
      let end = close;
      while (end >= 0 && body[end + 1] === "'") end = body.indexOf("'", end + 2);
      i = end < 0 ? body.length : end + 1;
      continue;
    }
    if (isIdentStart(body.charCodeAt(i)) && (i === 0 || !isPathChar(body.charCodeAt(i - 1)))) {
      IDENT.lastIndex = i;
      const first = IDENT.exec(body)![0];
      let j = i + first.length;
      const parts = [first];
      for (;;) {
        if (body[j] === "." && (isIdentStart(body.charCodeAt(j + 1)) || body[j + 1] === "*")) {
          if (body[j + 1] === "*") { j += 2; break; }
          IDENT.lastIndex = j + 1;
          const part = IDENT.exec(body);
          if (!part) break;
          parts.push(part[0]);
          j += 1 + part[0].length;
        } else if (body[j] === "[" && body[j + 1] === "'") {
          const close = body.indexOf("']", j + 2);
          if (close < 0) break;
          parts.push(body.slice(j + 2, close));
          j = close + 2;
        } else break;
      }
      let k = j;
      while (body[k] === " ") k++;
      const isFunction = parts.length === 1 && body[k] === "(";
      const isLiteral = parts.length === 1 && /^(true|false|null|NaN|Infinity)$/.test(first);
      if (!isFunction && !isLiteral) references.push({ parts, start: offset + i, end: offset + j });
      i = j;
      continue;
    }
    i++;
  }
  return references;
}

/** A-Z, a-z or _: what an identifier starts with. */
function isIdentStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** A character of a property path: letters, digits, _, - and the dot between parts. */
function isPathChar(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}
