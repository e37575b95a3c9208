import { isMap, isSeq, type Node } from "yaml";
import type { ParsedDocument } from "../documents/parse.ts";
import { getIn, getNode, scalarString, type AnyNode } from "../documents/ast.ts";
import type { WorkspaceView } from "../workspace/workspace-index.ts";
import { CLUSTER_SCOPED_KINDS } from "../workspace/indexed-resource.ts";

/** A resource of the document being checked, with the namespace it lands in. */
export interface ResourceInContext {
  node: AnyNode;
  kind: string;
  name: string | undefined;
  namespace: string;
}

/**
 * The resources of a manifest document (each item of a `v1 List` too), each with its
 * namespace as the index resolved it: `metadata.namespace`, a kustomization's or `default`.
 */
export function resourcesInContext(document: ParsedDocument, workspace: WorkspaceView): ResourceInContext[] {
  if (document.kind !== "manifest" || document.yaml.errors.length > 0) return [];
  // A dozen rules ask for every document; the view is new for each analysis, so the answers are kept per view.
  let perDocument = RESOURCES_IN_CONTEXT.get(workspace);
  if (!perDocument) RESOURCES_IN_CONTEXT.set(workspace, (perDocument = new Map()));
  let resources = perDocument.get(document.index);
  if (!resources) perDocument.set(document.index, (resources = readResourcesInContext(document, workspace)));
  return resources;
}

const RESOURCES_IN_CONTEXT = new WeakMap<WorkspaceView, Map<number, ResourceInContext[]>>();

function readResourcesInContext(document: ParsedDocument, workspace: WorkspaceView): ResourceInContext[] {
  const root = document.yaml.contents as AnyNode;
  const nodes = scalarString(getNode(root, "kind")) === "List" ? listItems(root) : [root];
  return nodes.filter((node) => isMap(node)).map((node) => {
    const kind = scalarString(getNode(node, "kind")) ?? "";
    const name = scalarString(getIn(node, ["metadata", "name"]));
    const own = workspace.ownIn(document.index).find((resource) => resource.kind === kind && resource.name === name);
    const namespace = own?.namespace ?? (CLUSTER_SCOPED_KINDS.has(kind) ? "" : (scalarString(getIn(node, ["metadata", "namespace"])) ?? "default"));
    return { node, kind, name, namespace };
  });
}

function listItems(root: AnyNode): AnyNode[] {
  const items = getNode(root, "items");
  return isSeq(items) ? (items.items as Node[]) : [];
}
