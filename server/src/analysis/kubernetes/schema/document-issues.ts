import type { CheckContext } from "../../rules/define-rule.ts";
import type { KubernetesEnvironment } from "../environment.ts";
import { resourcesOf, type ResourceNode } from "../resources.ts";
import { derefSchema, validateAgainstSchema, type ResolveRef, type SchemaIssue } from "./validate.ts";
import type { SchemaNode } from "./types.ts";

/** A schema issue with the resource it belongs to. */
export type ResourceIssue = SchemaIssue & { resource: ResourceNode };

export interface DocumentSchemaReport {
  resources: ResourceNode[];
  issues: ResourceIssue[];
}

/** The resources and schema issues of the document being checked, computed once for every rule that asks. */
export function schemaReportOf(context: Pick<CheckContext<unknown>, "document" | "kubernetes" | "remember">): DocumentSchemaReport {
  const document = context.document!;
  // A document YAML cannot read is the syntax rule's: guessing at its structure only adds noise.
  if (document.yaml.errors.length > 0) return { resources: [], issues: [] };
  return context.remember("kubernetes/schema-report", () => validateDocument(document.yaml.contents, context.kubernetes));
}

/** How a resolution's schema references are followed: through the bundled definitions of the target version. */
export function refResolverFor(environment: KubernetesEnvironment): ResolveRef {
  const { builtin, version } = environment;
  return builtin && version ? (ref) => builtin.definition(version, ref) : () => undefined;
}

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** The schema a resource is validated against, or `undefined` when there is none to use. */
export function schemaOfResource(resource: ResourceNode, environment: KubernetesEnvironment): SchemaNode | undefined {
  const resolution = resource.resolution;
  if (resolution.status === "builtin") return resolution.schema;
  if (resolution.status !== "custom") return undefined;
  // CRDs leave `metadata` open, yet the API server validates it as ObjectMeta like any other object's.
  const metadata = derefSchema(resolution.schema.properties?.metadata, refResolverFor(environment));
  if (!metadata?.properties && refResolverFor(environment)(OBJECT_META)) {
    return { ...resolution.schema, properties: { ...resolution.schema.properties, metadata: { $ref: OBJECT_META } } };
  }
  return resolution.schema;
}

function validateDocument(root: unknown, environment: KubernetesEnvironment): DocumentSchemaReport {
  const resources = resourcesOf(root as never, environment);
  const resolveRef = refResolverFor(environment);
  const issues: ResourceIssue[] = [];
  for (const resource of resources) {
    const schema = schemaOfResource(resource, environment);
    if (!schema) continue;
    for (const issue of validateAgainstSchema(resource.map, schema, resolveRef)) issues.push({ ...issue, resource });
  }
  return { resources, issues };
}
