import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { AnyNode } from "../documents/ast.ts";
import type { Job } from "./model.ts";

/**
 * The type of an expression's value, as far as the workflow text tells it. Inference is
 * liberal: whatever is not known for sure is `any`, and checks stay silent on `any`, so a
 * type finding is never a guess.
 */
export type ValueType =
  | { kind: "any" | "string" | "number" | "bool" | "null" }
  | { kind: "array"; element: ValueType }
  /** `properties` undefined: an object whose keys are not known. */
  | { kind: "object"; properties: Record<string, ValueType> | undefined };

export const ANY: ValueType = { kind: "any" };

/** Object, array and null values print as `Object`, `Array` or nothing when put into text. */
export function isContainerOrNull(type: ValueType): boolean {
  return type.kind === "object" || type.kind === "array" || type.kind === "null";
}

export function describeType(type: ValueType): string {
  switch (type.kind) {
    case "array":
      return `array of ${describeType(type.element)}`;
    case "object":
      return type.properties ? `object {${Object.keys(type.properties).join(", ")}}` : "object";
    default:
      return type.kind;
  }
}

/** The type of a JSON value, as `fromJSON` of a literal string gives it. */
export function typeOfJson(value: unknown): ValueType {
  if (value === null) return { kind: "null" };
  if (Array.isArray(value)) return { kind: "array", element: value.length === 0 ? ANY : union(value.map(typeOfJson)) };
  if (typeof value === "object") return { kind: "object", properties: Object.fromEntries(Object.entries(value as object).map(([key, item]) => [key, typeOfJson(item)])) };
  if (typeof value === "string") return { kind: "string" };
  if (typeof value === "number") return { kind: "number" };
  if (typeof value === "boolean") return { kind: "bool" };
  return ANY;
}

/**
 * The type of `matrix.<key>` in a job: the union of the key's values over the matrix's rows
 * (its lists and its `include` entries). `any` for a key the matrix may get from elsewhere: a
 * matrix or list written as an expression, or a key the text does not show.
 */
export function matrixKeyType(job: Job, key: string): ValueType {
  const matrix = job.matrix;
  if (!isMap(matrix)) return ANY;
  const types: ValueType[] = [];
  const lower = key.toLowerCase();
  for (const pair of matrix.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    if (name === "exclude") continue;
    if (name === "include") {
      if (!isSeq(pair.value)) return ANY;
      for (const row of pair.value.items) {
        if (!isMap(row)) return ANY;
        for (const cell of row.items) if (isScalar(cell.key) && String(cell.key.value).toLowerCase() === lower) types.push(nodeType(cell.value as AnyNode));
      }
    } else if (name.toLowerCase() === lower) {
      if (!isSeq(pair.value)) return ANY;
      for (const item of pair.value.items) types.push(nodeType(item as AnyNode));
    }
  }
  return types.length === 0 ? ANY : union(types);
}

/** Walks properties into a type: `{a: {b: bool}}` and `["a", "b"]` give bool. */
export function propertyType(type: ValueType, properties: readonly string[]): ValueType {
  let current = type;
  for (const property of properties) {
    if (current.kind !== "object" || !current.properties) return ANY;
    const key = Object.keys(current.properties).find((name) => name.toLowerCase() === property.toLowerCase());
    // A missing key reads as null at run time, but an object whose keys vary by row is not known to lack it.
    if (key === undefined) return ANY;
    current = current.properties[key]!;
  }
  return current;
}

/** The type of a YAML value in a matrix: its own shape, or the literal JSON of a lone `${{ fromJSON('...') }}`. */
function nodeType(node: AnyNode): ValueType {
  if (!node) return { kind: "null" };
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === "string") {
      if (!value.includes("${{")) return { kind: "string" };
      const literal = /^\$\{\{\s*fromJSON\(\s*'((?:[^']|'')*)'\s*\)\s*\}\}$/i.exec(value);
      if (!literal) return ANY;
      try {
        return typeOfJson(JSON.parse(literal[1]!.replace(/''/g, "'")));
      } catch {
        return ANY;
      }
    }
    if (value === null || value === undefined) return { kind: "null" };
    if (typeof value === "number") return { kind: "number" };
    if (typeof value === "boolean") return { kind: "bool" };
    return ANY;
  }
  if (isSeq(node)) return { kind: "array", element: node.items.length === 0 ? ANY : union(node.items.map((item) => nodeType(item as AnyNode))) };
  if (isMap(node)) {
    const properties: Record<string, ValueType> = {};
    for (const pair of node.items) {
      if (!isScalar(pair.key)) return { kind: "object", properties: undefined };
      properties[String(pair.key.value)] = nodeType(pair.value as Node);
    }
    return { kind: "object", properties };
  }
  return ANY;
}

/** One type for several: the same kind merges, different kinds make `any`. */
function union(types: readonly ValueType[]): ValueType {
  let result = types[0]!;
  for (const type of types.slice(1)) {
    if (type.kind !== result.kind) return ANY;
    if (result.kind === "array" && type.kind === "array") result = { kind: "array", element: union([result.element, type.element]) };
    else if (result.kind === "object" && type.kind === "object") {
      if (!result.properties || !type.properties) result = { kind: "object", properties: undefined };
      else {
        const properties: Record<string, ValueType> = {};
        for (const key of new Set([...Object.keys(result.properties), ...Object.keys(type.properties)])) {
          // A key only some rows have may be missing: its type is not known.
          properties[key] = key in result.properties && key in type.properties ? union([result.properties[key]!, type.properties[key]!]) : ANY;
        }
        result = { kind: "object", properties };
      }
    }
  }
  return result;
}
