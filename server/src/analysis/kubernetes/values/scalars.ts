import { isScalar, Scalar } from "yaml";
import type { FixContext } from "../../rules/define-rule.ts";
import type { TextEdit } from "../../types.ts";

/**
 * Scalar helpers for the value rules: how Kubernetes' own YAML reader sees a scalar,
 * and replacements that keep the author's quoting.
 */

/** A replacement computed at check time: the fix applies it only while the text still reads `source`. */
export interface Replacement {
  /** Offsets of the scalar, quotes included. */
  at: [number, number];
  source: string;
  newText: string;
}

/**
 * Text a template engine or `envsubst` fills in later. Such values are not what the API
 * server will see, so nothing is said about them.
 */
export function isTemplated(text: string): boolean {
  return text.includes("{{") || text.includes("${");
}

/** A scalar whose value is a string that is not templated, or `undefined`. */
export function plainString(node: unknown): (Scalar & { value: string }) | undefined {
  if (!isScalar(node) || typeof node.value !== "string" || !node.range) return undefined;
  if (isTemplated(node.value)) return undefined;
  return node as Scalar & { value: string };
}

/**
 * The source text of a scalar that Kubernetes reads as a number or a boolean where a
 * string is needed, or `undefined`. kubectl and Helm read YAML 1.1, where `yes`, `on`
 * and `1_000` are not strings either, although YAML 1.2 parsers keep them as text.
 */
export function nonStringSource(node: unknown, text: string): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const source = text.slice(node.range[0], node.range[1]);
  if (typeof node.value === "number" || typeof node.value === "boolean") {
    // `.inf` and `.nan` cannot be sent as JSON at all; that is a different mistake.
    return typeof node.value === "number" && !Number.isFinite(node.value) ? undefined : source;
  }
  if (typeof node.value !== "string" || node.type !== Scalar.PLAIN) return undefined;
  return isYaml11Boolean(source) || yaml11Number(source) !== undefined ? source : undefined;
}

/** The plain scalars that YAML 1.1 readers, kubectl's among them, turn into booleans. */
export function isYaml11Boolean(source: string): boolean {
  return YAML11_BOOLEANS.has(source);
}

/**
 * The number a YAML 1.1 reader makes of a plain scalar (`1_000`, `0b101`, `017`), or
 * `undefined` when it stays a string. Underscores are ignored, as kubectl's reader does.
 */
export function yaml11Number(source: string): number | undefined {
  // Like kubectl's reader, only text that starts as a number can be one.
  if (!/^[-+.0-9]/.test(source)) return undefined;
  const plain = source.replace(/_/g, "");
  const integer = /^([-+]?)(?:0[bB]([01]+)|0[oO]([0-7]+)|0[xX]([0-9a-fA-F]+)|0([0-7]+)|(0|[1-9][0-9]*))$/.exec(plain);
  if (integer) {
    const [, sign, binary, octal, hex, legacyOctal, decimal] = integer;
    const magnitude =
      binary !== undefined ? parseInt(binary, 2)
      : octal !== undefined ? parseInt(octal, 8)
      : hex !== undefined ? parseInt(hex, 16)
      : legacyOctal !== undefined ? parseInt(legacyOctal, 8)
      : Number(decimal);
    return sign === "-" ? -magnitude : magnitude;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  return undefined;
}

/**
 * A replacement of a scalar by another string in the same quoting style. Plain text
 * that YAML would read as something other than that string is double-quoted, unless
 * `plainAnyType` allows it (a quantity may be a number). Block scalars are not rewritten.
 */
export function replaceScalar(node: Scalar, value: string, text: string, plainAnyType = false): Replacement | undefined {
  if (!node.range) return undefined;
  const at: [number, number] = [node.range[0], node.range[1]];
  const source = text.slice(at[0], at[1]);
  let newText: string;
  if (node.type === Scalar.QUOTE_DOUBLE) newText = JSON.stringify(value);
  else if (node.type === Scalar.QUOTE_SINGLE) newText = `'${value.replace(/'/g, "''")}'`;
  else if (node.type === Scalar.PLAIN) newText = plainAnyType || readsAsString(value) ? value : JSON.stringify(value);
  else return undefined;
  return { at, source, newText };
}

/** The scalar's own text wrapped in double quotes, so that it becomes the string it shows. */
export function quoteScalar(node: Scalar, text: string): Replacement | undefined {
  if (!node.range || node.type !== Scalar.PLAIN) return undefined;
  const at: [number, number] = [node.range[0], node.range[1]];
  const source = text.slice(at[0], at[1]);
  return { at, source, newText: JSON.stringify(source) };
}

/** Text edits for replacements, or `undefined` when the text changed since the check. */
export function editsOf(replacements: readonly Replacement[], { text, lines }: FixContext): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const replacement of replacements) {
    if (text.slice(replacement.at[0], replacement.at[1]) !== replacement.source) return undefined;
    edits.push({ range: lines.rangeOf(replacement.at[0], replacement.at[1]), newText: replacement.newText });
  }
  return edits;
}

const YAML11_BOOLEANS = new Set([
  ...["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"],
  ...["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"],
]);

/** Plain text that every YAML reader keeps as this very string. */
function readsAsString(value: string): boolean {
  if (value === "" || isYaml11Boolean(value) || yaml11Number(value) !== undefined) return false;
  if (/^(~|null|Null|NULL|\.inf|\.Inf|\.INF|[-+]\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(value)) return false;
  // Indicators and separators that would change how YAML reads the line.
  return /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/.test(value) && !/^\d{4}-\d\d?-\d\d?/.test(value);
}
