import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { EnumValue, SchemaNode } from "./types.ts";

/**
 * Validates a resource's YAML against its schema in one walk and returns every issue,
 * each with the nodes a rule needs to report it and build its fix. The schema rules
 * share one walk per document through `CheckContext.remember`.
 *
 * Precision comes first: anything the API server would accept is accepted. So `null`
 * counts as unset, int-or-string takes both, quantities take numbers, schemas with
 * `anyOf`/`oneOf` are not second-guessed, and values that look templated (`{{ }}`,
 * `${VAR}`) are not type-checked.
 */
export type SchemaIssue = UnknownField | WrongType | MissingRequired | InvalidEnum;

export interface UnknownField {
  kind: "unknown-field";
  /** Path of the mapping that holds the key, as `spec.template.spec.containers[0]`. */
  path: string;
  key: string;
  keyNode: Scalar;
  pair: Pair;
  /** The keys the schema allows in that mapping. */
  allowed: string[];
}

export interface WrongType {
  kind: "wrong-type";
  path: string;
  node: Node;
  /** The key whose value is the node, when there is one. */
  parentKey: Scalar | undefined;
  expected: ExpectedType;
  /** What the YAML holds: `string`, `integer`, `number`, `boolean`, `mapping` or `list`. */
  actual: string;
}

export interface MissingRequired {
  kind: "missing-required";
  path: string;
  field: string;
  /** The mapping that lacks the field. */
  map: YAMLMap;
  /** The key whose value is that mapping, when there is one: findings point at it. */
  parentKey: Scalar | undefined;
  schema: SchemaNode;
}

export interface InvalidEnum {
  kind: "invalid-enum";
  path: string;
  node: Scalar;
  value: string;
  allowed: EnumValue[];
}

export type ExpectedType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "int-or-string";

export type ResolveRef = (ref: string) => SchemaNode | undefined;

/** Validates `root` against `schema`. `apiVersion` and `kind` at the root are always allowed. */
export function validateAgainstSchema(root: Node, schema: SchemaNode, resolveRef: ResolveRef): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const walker = new Walker(resolveRef, issues);
  walker.walk(root, schema, undefined, true);
  return issues;
}

/** Follows `$ref`s (and single-entry `allOf`s, as CRD generators write them) to the schema itself. */
export function derefSchema(schema: SchemaNode | undefined, resolveRef: ResolveRef): SchemaNode | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 16; hops++) {
    if (current.$ref !== undefined) current = resolveRef(current.$ref);
    else if (current.allOf?.length === 1 && !current.type && !current.properties) current = current.allOf[0];
    else return current;
  }
  return current;
}

/** The schema of a property or map value of an object schema, or `undefined` when the key is not allowed. */
export function childSchema(schema: SchemaNode, key: string): SchemaNode | undefined {
  const property = schema.properties?.[key];
  if (property) return property;
  if (typeof schema.additionalProperties === "object") return schema.additionalProperties;
  return undefined;
}

/** Whether an object schema rejects keys it does not list. */
export function isClosedObject(schema: SchemaNode): boolean {
  if (schema["x-kubernetes-preserve-unknown-fields"] || schema.additionalProperties === true) return false;
  if (typeof schema.additionalProperties === "object") return false;
  return schema.properties !== undefined;
}

const ROOT_KEYS = new Set(["apiVersion", "kind"]);
const TEMPLATED = /\{\{|\$\{|\$\(/;

/**
 * One walk of a resource. The path to the current node is kept as a stack of segments and
 * written out only when an issue is found: almost every node has none, and building a
 * path string for each of them was a fifth of the walk.
 */
class Walker {
  private readonly segments: Array<string | number> = [];

  constructor(
    private readonly resolveRef: ResolveRef,
    private readonly issues: SchemaIssue[],
  ) {}

  walk(node: Node | null | undefined, rawSchema: SchemaNode, parentKey: Scalar | undefined, isRoot = false): void {
    if (node === null || node === undefined || isAlias(node)) return;
    const schema = derefSchema(rawSchema, this.resolveRef);
    if (!schema) return;
    if (isScalar(node) && node.value === null) return;
    // Alternatives are for the API server to judge; guessing which branch was meant produces noise.
    if (schema.anyOf || schema.oneOf) return;

    if (schema["x-kubernetes-int-or-string"]) {
      if (!isScalar(node)) this.wrongType(node, "int-or-string", parentKey);
      return;
    }
    const type = schema.type ?? (schema.properties || schema.additionalProperties !== undefined ? "object" : undefined);
    switch (type) {
      case "object":
        if (!isMap(node)) return this.wrongType(node, "object", parentKey);
        return this.walkObject(node as YAMLMap, schema, parentKey, isRoot);
      case "array": {
        if (!isSeq(node)) return this.wrongType(node, "array", parentKey);
        const items = schema.items;
        if (!items) return;
        const { segments } = this;
        for (let index = 0; index < node.items.length; index++) {
          segments.push(index);
          this.walk(node.items[index] as Node, items, undefined);
          segments.pop();
        }
        return;
      }
      case "string":
      case "integer":
      case "number":
      case "boolean":
        return this.checkScalar(node, schema, type, parentKey);
      default:
        return;
    }
  }

  private walkObject(map: YAMLMap, schema: SchemaNode, parentKey: Scalar | undefined, isRoot: boolean): void {
    const closed = isClosedObject(schema);
    const { segments } = this;
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const child = childSchema(schema, key);
      if (child) {
        segments.push(key);
        this.walk(pair.value as Node, child, pair.key);
        segments.pop();
      } else if (closed && !(isRoot && ROOT_KEYS.has(key))) {
        this.issues.push({ kind: "unknown-field", path: this.path(), key, keyNode: pair.key, pair, allowed: Object.keys(schema.properties ?? {}) });
      }
    }
    const required = schema.required;
    if (!required || required.length === 0) return;
    for (const field of required) {
      if ((isRoot && ROOT_KEYS.has(field)) || hasKey(map, field)) continue;
      this.issues.push({ kind: "missing-required", path: this.path(), field, map, parentKey, schema: schema.properties?.[field] ?? {} });
    }
  }

  private checkScalar(node: Node, schema: SchemaNode, type: "string" | "integer" | "number" | "boolean", parentKey: Scalar | undefined): void {
    if (!isScalar(node)) return this.wrongType(node, type, parentKey);
    const value = node.value;
    if (typeof value === "string" && TEMPLATED.test(value)) return;
    const fits =
      type === "string" ? typeof value === "string" :
      type === "boolean" ? typeof value === "boolean" :
      type === "integer" ? typeof value === "number" && Number.isInteger(value) :
      typeof value === "number";
    if (!fits) {
      // Byte and date-time strings are written unquoted often enough that YAML reads a date; the API server reads text.
      if (type === "string" && (value instanceof Date || schema.format === "date-time")) return;
      return this.wrongType(node, type, parentKey);
    }
    // An empty string is how Go clients write "unset", and the API server defaults it like a missing field.
    if (schema.enum && typeof value === "string" && value !== "" && !schema.enum.includes(value)) {
      this.issues.push({ kind: "invalid-enum", path: this.path(), node, value, allowed: schema.enum });
    }
  }

  private wrongType(node: Node, expected: ExpectedType, parentKey: Scalar | undefined): void {
    this.issues.push({ kind: "wrong-type", path: this.path(), node, parentKey, expected, actual: describeYamlType(node) });
  }

  /** The current path, as `spec.template.spec.containers[0]`. */
  private path(): string {
    let path = "";
    for (const segment of this.segments) {
      path = typeof segment === "number" ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`;
    }
    return path;
  }
}

/** Whether a mapping has a scalar key written as `key`, as the walk reads keys. */
function hasKey(map: YAMLMap, key: string): boolean {
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return true;
  }
  return false;
}

function describeYamlType(node: Node): string {
  if (isMap(node)) return "mapping";
  if (isSeq(node)) return "list";
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    if (typeof value === "boolean") return "boolean";
    return "string";
  }
  return "value";
}
