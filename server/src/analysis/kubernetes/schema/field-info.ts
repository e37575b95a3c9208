import type { KubernetesEnvironment } from "../environment.ts";
import type { ResourceNode } from "../resources.ts";
import type { EnumValue, SchemaNode } from "./types.ts";
import { derefSchema, type ResolveRef } from "./validate.ts";

/**
 * What hover and completion say about a field: its type in the short notation of the
 * Kubernetes docs (`[]Container`, `map[string]string`, `int-or-string`, `quantity`),
 * whether it is required, its allowed values and its description.
 */
export interface FieldInfo {
  type: string;
  required: boolean;
  enum: EnumValue[] | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** What a value of the field is written as: a mapping, a list, or a scalar. */
  shape: "mapping" | "list" | "scalar";
}

/** Describes the field `key` of `parent` (an object schema already followed through `$ref`), whose schema is `schema`. */
export function fieldInfo(schema: SchemaNode, parent: SchemaNode | undefined, key: string | undefined, resolveRef: ResolveRef): FieldInfo {
  const target = derefSchema(schema, resolveRef) ?? schema;
  const description = (schema.description ?? target.description)?.trim() || undefined;
  return {
    type: typeName(schema, resolveRef),
    required: key !== undefined && (parent?.required?.includes(key) ?? false),
    enum: target.enum,
    description,
    deprecated: description !== undefined && DEPRECATED.test(description),
    shape: shapeOf(target),
  };
}

/** The type of a schema in the notation of the Kubernetes API reference. */
export function typeName(schema: SchemaNode, resolveRef: ResolveRef, depth = 0): string {
  if (depth > 8) return "object";
  const ref = refOf(schema);
  if (ref !== undefined) {
    const target = resolveRef(ref);
    // A definition that is only a scalar (Quantity, Time, IntOrString upstream) reads better as that scalar.
    if (target && !target.properties && target.type !== "object" && target.type !== "array") return typeName(target, resolveRef, depth + 1);
    return ref.slice(ref.lastIndexOf(".") + 1);
  }
  if (schema["x-kubernetes-int-or-string"]) return schema.format === "quantity" ? "quantity" : "int-or-string";
  if (schema.format === "quantity") return "quantity";
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && !schema.type) return [...new Set(alternatives.map((alternative) => typeName(alternative, resolveRef, depth + 1)))].join(" | ");
  switch (schema.type ?? (schema.properties || schema.additionalProperties !== undefined ? "object" : undefined)) {
    case "array":
      return `[]${schema.items ? typeName(schema.items, resolveRef, depth + 1) : "any"}`;
    case "object":
      if (!schema.properties && typeof schema.additionalProperties === "object") return `map[string]${typeName(schema.additionalProperties, resolveRef, depth + 1)}`;
      if (!schema.properties && schema.additionalProperties === true) return "map[string]any";
      return "object";
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return schema.type!;
    default:
      return schema["x-kubernetes-preserve-unknown-fields"] ? "object" : "any";
  }
}

/** How the resource type's schema came to be known, for the last line of a hover. */
export function sourceOf(resource: ResourceNode, environment: KubernetesEnvironment): string | undefined {
  const resolution = resource.resolution;
  if (resolution.status === "custom" || resolution.status === "custom-without-schema") return `from CRD ${resolution.type.definedIn}`;
  if (resolution.status !== "builtin") return undefined;
  const requested = environment.requestedVersion;
  return requested ? `Kubernetes ${resolution.version} (the nearest bundled version to ${requested})` : `Kubernetes ${resolution.version}`;
}

const DEPRECATED = /^(deprecated\b|this field is deprecated)/i;

function refOf(schema: SchemaNode): string | undefined {
  if (schema.$ref !== undefined) return schema.$ref;
  if (schema.allOf?.length === 1 && !schema.type && !schema.properties) return refOf(schema.allOf[0]!);
  return undefined;
}

function shapeOf(schema: SchemaNode): FieldInfo["shape"] {
  if (schema["x-kubernetes-int-or-string"]) return "scalar";
  const type = schema.type ?? (schema.properties || schema.additionalProperties !== undefined ? "object" : undefined);
  if (type === "object") return "mapping";
  if (type === "array") return "list";
  return "scalar";
}
