import type { Node } from "yaml";
import type { KubernetesEnvironment } from "../environment.ts";
import { resourcesOf, type ResourceNode } from "../resources.ts";
import { refResolverFor, schemaOfResource } from "./document-issues.ts";
import type { Segment, Step } from "./cursor.ts";
import type { SchemaNode } from "./types.ts";
import { childSchema, derefSchema, type ResolveRef } from "./validate.ts";

/**
 * Ties a walk to the cursor to the resource it passes through and to the resource's
 * schema: the document's root, or an item of a `v1 List`. CRD schemas from the
 * workspace are followed exactly like the bundled ones.
 */
export interface ResourceSteps {
  resource: ResourceNode;
  /** Where the resource's mapping is in the walk's steps. */
  at: number;
  /** Keys and indexes from the resource's root to the last step. */
  path: Segment[];
  /** The schema the resource is validated against, when there is one. */
  schema: SchemaNode | undefined;
  resolveRef: ResolveRef;
}

/** The resource a walk passes through, and the path below it. */
export function resourceOnSteps(root: Node | null | undefined, steps: readonly Step[], environment: KubernetesEnvironment): ResourceSteps | undefined {
  const resources = resourcesOf(root, environment);
  if (resources.length === 0) return undefined;
  for (let at = 0; at < steps.length; at++) {
    const node = steps[at]!.node;
    const resource = resources.find((candidate) => candidate.map === node);
    if (!resource) continue;
    const path = steps.slice(at + 1).map((step) => step.segment!);
    return { resource, at, path, schema: schemaOfResource(resource, environment), resolveRef: refResolverFor(environment) };
  }
  return undefined;
}

/** The schema at a path, as its parent declares it, and the parent followed through `$ref`. */
export interface SchemaAtPath {
  /** The schema at the path before following `$ref`, so a field keeps its own description. */
  schema: SchemaNode | undefined;
  /** The object (or array) schema that holds the path's last segment. */
  parent: SchemaNode | undefined;
}

/** Follows a path of keys and indexes through a schema; stops where the schema says nothing. */
export function schemaAtPath(root: SchemaNode | undefined, path: readonly Segment[], resolveRef: ResolveRef): SchemaAtPath {
  let schema = root;
  let parent: SchemaNode | undefined;
  for (const segment of path) {
    parent = derefSchema(schema, resolveRef);
    if (!parent) return { schema: undefined, parent: undefined };
    // Alternatives name no single field, so nothing below them can be described.
    if (parent.anyOf || parent.oneOf) return { schema: undefined, parent: undefined };
    schema = typeof segment === "number" ? parent.items : childSchema(parent, segment);
    if (!schema) return { schema: undefined, parent };
  }
  return { schema, parent };
}
