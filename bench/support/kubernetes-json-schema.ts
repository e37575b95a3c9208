import type { BuiltinSchemaSet } from "../../server/src/analysis/index.ts";
import { toJsonSchema, type JsonSchema } from "../../server/src/analysis/kubernetes/schema/json-schema.ts";

/**
 * One JSON Schema for a multi-document manifest of several resource types, built from
 * Shipshape's own bundled data with `toJsonSchema`, so that yaml-language-server checks
 * the manifest against the same definitions Shipshape does. yaml-language-server applies
 * one schema to every document of a file, so each type's schema becomes a branch chosen by
 * the document's `apiVersion` and `kind` (`if`/`then`), all sharing one `definitions`.
 */
export function manifestJsonSchema(set: BuiltinSchemaSet, version: string, types: ReadonlyArray<{ apiVersion: string; kind: string }>): JsonSchema {
  const definitions: Record<string, unknown> = {};
  const branches: JsonSchema[] = [];
  for (const { apiVersion, kind } of types) {
    const schema = toJsonSchema(set, version, apiVersion, kind);
    if (schema === undefined) throw new Error(`Kubernetes ${version} does not serve ${apiVersion} ${kind}.`);
    const { $schema: _schema, definitions: own, ...root } = schema;
    Object.assign(definitions, own);
    const name = `resource.${apiVersion.replace(/\//g, ".")}.${kind}`;
    definitions[name] = root;
    branches.push({
      if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ["apiVersion", "kind"] },
      then: { $ref: `#/definitions/${name}` },
    });
  }
  return { $schema: "http://json-schema.org/draft-07/schema#", title: `Kubernetes ${version} resources`, allOf: branches, definitions };
}
