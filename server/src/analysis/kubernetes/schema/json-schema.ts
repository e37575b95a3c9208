import type { BuiltinSchemaSet, SchemaNode } from "./types.ts";

/** A JSON Schema document, as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/**
 * The pattern Kubernetes' own tooling (controller-gen) gives quantities: a signed decimal
 * number with an optional binary (Ki..Ei), decimal (n..E) or exponent suffix.
 */
export const QUANTITY_PATTERN =
  "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

/** Formats draft-07 defines; the others (`quantity`, `int32`, ...) would only puzzle strict validators. */
const DRAFT_07_FORMATS = new Set(["date-time", "date", "time", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference", "regex"]);

/**
 * A self-contained draft-07 JSON Schema for one bundled resource type, for tools that speak
 * JSON Schema (yaml-language-server). Every definition the type reaches is inlined under
 * `definitions`, `$ref`s point there, the Kubernetes extensions become plain JSON Schema and
 * objects with known properties are closed, so an unknown field is an error.
 * `undefined` when the version does not serve `apiVersion` `kind`.
 */
export function toJsonSchema(set: BuiltinSchemaSet, version: string, apiVersion: string, kind: string): JsonSchema | undefined {
  const type = set.resourceTypes(version).find((candidate) => candidate.apiVersion === apiVersion && candidate.kind === kind);
  const root = type && set.definition(version, type.ref);
  if (!type || !root) return undefined;

  const definitions: Record<string, JsonSchema> = {};
  // The root is written inline and lands in `definitions` only when something refers to it.
  const pending: string[] = [];
  const seen = new Set<string>();
  const refer = (ref: string): void => {
    if (seen.has(ref)) return;
    seen.add(ref);
    pending.push(ref);
  };
  const converted = convert(root, refer);
  while (pending.length > 0) {
    const ref = pending.pop()!;
    const definition = set.definition(version, ref);
    // A dangling reference accepts anything rather than failing every document that uses it.
    definitions[ref] = definition ? convert(definition, refer) : {};
  }

  // The document's apiVersion and kind are known exactly, unlike in the shared definition.
  const properties = { ...(converted.properties as Record<string, JsonSchema> | undefined) };
  properties.apiVersion = { ...properties.apiVersion, type: "string", enum: [apiVersion] };
  properties.kind = { ...properties.kind, type: "string", enum: [kind] };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: `${apiVersion} ${kind} (Kubernetes ${version})`,
    ...converted,
    properties,
    definitions: sortedByKey(definitions),
  };
}

function convert(node: SchemaNode, refer: (ref: string) => void): JsonSchema {
  if (node.$ref !== undefined) {
    refer(node.$ref);
    return { $ref: `#/definitions/${node.$ref}` };
  }
  const out: JsonSchema = {};
  if (node.description !== undefined) out.description = node.description;

  if (node["x-kubernetes-int-or-string"]) {
    if (node.format === "quantity") {
      // A quantity may be written as any number (`cpu: 0.5`), not only an integer.
      out.type = ["number", "string"];
      out.pattern = QUANTITY_PATTERN;
    } else {
      out.type = ["integer", "string"];
    }
  } else if (node.type !== undefined) {
    out.type = node.nullable ? [node.type, "null"] : node.type;
  }
  if (node.format !== undefined && DRAFT_07_FORMATS.has(node.format)) out.format = node.format;
  if (node.enum !== undefined) out.enum = node.nullable && !node.enum.includes(null) ? [...node.enum, null] : node.enum;
  if (node.pattern !== undefined && out.pattern === undefined) out.pattern = node.pattern;
  if (node.minimum !== undefined) out.minimum = node.minimum;
  if (node.maximum !== undefined) out.maximum = node.maximum;

  if (node.properties !== undefined) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(node.properties)) properties[name] = convert(property, refer);
    out.properties = properties;
  }
  if (node.required !== undefined && node.required.length > 0) out.required = node.required;
  if (node.items !== undefined) out.items = convert(node.items, refer);

  if (node.additionalProperties !== undefined) {
    out.additionalProperties = typeof node.additionalProperties === "boolean" ? node.additionalProperties : convert(node.additionalProperties, refer);
  } else if (node.properties !== undefined && !node["x-kubernetes-preserve-unknown-fields"]) {
    // Kubernetes prunes or rejects fields its schema does not declare, so they are errors.
    out.additionalProperties = false;
  }

  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const list = node[key];
    if (list !== undefined) out[key] = list.map((child) => convert(child, refer));
  }
  if (node.not !== undefined) out.not = convert(node.not, refer);
  return out;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
