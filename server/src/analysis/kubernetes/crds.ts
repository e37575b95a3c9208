import { parseAllDocuments } from "yaml";
import type { CustomResourceType } from "./environment.ts";
import type { SchemaNode } from "./schema/types.ts";
import { LIMITS } from "../documents/limits.ts";

/**
 * The custom resource types that the CRDs in a file define, one per served version.
 * Pure and cheap for the common case: a file that does not mention
 * `CustomResourceDefinition` is not parsed at all, so callers may run it on every file
 * of a workspace.
 */
export function customResourcesIn(path: string, text: string): CustomResourceType[] {
  if (!MENTIONS_CRD.test(text) || text.length > LIMITS.maxFileBytes) return [];
  const found: CustomResourceType[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, logLevel: "silent" });
  } catch {
    return [];
  }
  for (const document of Array.isArray(documents) ? documents : []) {
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch {
      continue;
    }
    found.push(...typesOfDefinition(value, path));
  }
  return found;
}

/** The same, from documents already parsed to plain data. */
export function customResourcesFromValues(path: string, values: readonly unknown[]): CustomResourceType[] {
  return values.flatMap((value) => typesOfDefinition(value, path));
}

const MENTIONS_CRD = /^kind:\s*["']?CustomResourceDefinition\b/m;

function typesOfDefinition(value: unknown, path: string): CustomResourceType[] {
  const crd = record(value);
  if (!crd || crd.kind !== "CustomResourceDefinition") return [];
  const spec = record(crd.spec);
  const group = spec?.group;
  const kind = record(spec?.names)?.kind;
  if (typeof group !== "string" || typeof kind !== "string") return [];

  // apiextensions.k8s.io/v1beta1 CRDs may give one schema for every version.
  const sharedSchema = schemaOf(record(spec?.validation)?.openAPIV3Schema);
  const versions = Array.isArray(spec?.versions) ? spec.versions.map(record) : [];
  if (versions.length === 0 && typeof spec?.version === "string") versions.push({ name: spec.version, served: true });

  const types: CustomResourceType[] = [];
  for (const version of versions) {
    if (!version || typeof version.name !== "string" || version.served === false) continue;
    const schema = schemaOf(record(version.schema)?.openAPIV3Schema) ?? sharedSchema;
    types.push({ group, apiVersion: `${group}/${version.name}`, kind, schema, definedIn: path });
  }
  return types;
}

function schemaOf(value: unknown): SchemaNode | undefined {
  return record(value) as SchemaNode | undefined;
}

function record(value: unknown): Record<string, any> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}
