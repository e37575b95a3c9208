import type { CustomResourceType, KubernetesEnvironment } from "../environment.ts";
import { servedTypes, type ResourceNode } from "../resources.ts";
import type { SchemaCompletionItem } from "./completion.ts";
import type { ResourceType } from "./types.ts";

/**
 * The values of a resource's `kind` and `apiVersion`: what the target version serves,
 * bundled and from the workspace's CRDs, narrowed by the other field when it is set.
 */

/** Kinds served for the resource's apiVersion, or every served kind when it has none (or an unknown one). */
export function kindItems(resource: ResourceNode, environment: KubernetesEnvironment): SchemaCompletionItem[] {
  const served = servedTypes(environment) as Array<ResourceType | CustomResourceType>;
  const apiVersion = resource.apiVersion?.value;
  const matching = apiVersion === undefined ? [] : served.filter((type) => type.apiVersion === apiVersion);
  const pool = matching.length > 0 ? matching : served;

  const byKind = new Map<string, Array<ResourceType | CustomResourceType>>();
  for (const type of pool) byKind.set(type.kind, [...(byKind.get(type.kind) ?? []), type]);
  const items: SchemaCompletionItem[] = [];
  for (const [kind, types] of byKind) {
    // `DeploymentList` and the like are what the API server returns, hardly ever what anyone writes.
    if (kind.endsWith("List") && byKind.has(kind.slice(0, -"List".length))) continue;
    items.push({
      label: kind,
      kind: "kind",
      newText: kind,
      detail: [...new Set(types.map((type) => type.apiVersion))].join(", "),
      documentation: describeType(types[types.length - 1]!, environment),
      required: false,
      deprecated: false,
      sortText: kind,
    });
  }
  return items;
}

/** ApiVersions that serve the resource's kind, or every served apiVersion when it has none (or an unknown one). */
export function apiVersionItems(resource: ResourceNode, environment: KubernetesEnvironment): SchemaCompletionItem[] {
  const served = servedTypes(environment);
  const kind = resource.kind?.value;
  const matching = kind === undefined ? [] : served.filter((type) => type.kind === kind);
  const pool = matching.length > 0 ? matching : served;
  const apiVersions = [...new Set(pool.map((type) => type.apiVersion))].sort(compareApiVersions);
  return apiVersions.map((apiVersion, index) => ({
    label: apiVersion,
    kind: "apiVersion",
    newText: apiVersion,
    ...(matching.length > 0 ? { detail: kind } : {}),
    required: false,
    deprecated: false,
    sortText: String(index).padStart(4, "0"),
  }));
}

function describeType(type: ResourceType | CustomResourceType, environment: KubernetesEnvironment): string | undefined {
  if ("definedIn" in type) return [type.schema?.description?.trim(), `*from CRD ${type.definedIn}*`].filter(Boolean).join("\n\n");
  const { builtin, version } = environment;
  const description = builtin && version ? builtin.definition(version, type.ref)?.description?.trim() : undefined;
  return description || undefined;
}

/** The core group's `v1` first, then by group, so the common choices lead the list. */
function compareApiVersions(a: string, b: string): number {
  const aCore = !a.includes("/");
  const bCore = !b.includes("/");
  if (aCore !== bCore) return aCore ? -1 : 1;
  return a.localeCompare(b);
}
