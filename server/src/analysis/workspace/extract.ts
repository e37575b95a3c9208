import { isMap, isScalar, isSeq, type Node } from "yaml";
import { parseFile, type ParsedFile } from "../documents/parse.ts";
import type { WorkspaceLayout } from "../documents/kind.ts";
import type { SourceFile } from "../types.ts";
import type { DocumentSource } from "../documents/yaml-documents.ts";
import { getIn, getNode, scalarString, type AnyNode } from "../documents/ast.ts";
import { containersOf, podSpecOf, podTemplateOf } from "../kubernetes/workloads.ts";
import { CUSTOM_WORKLOAD_KINDS } from "../kubernetes/selected-pods.ts";
import { labelMapOf, labelSelectorAt } from "../kubernetes/selector-nodes.ts";
import { selectsEverything } from "../kubernetes/selectors.ts";
import { CLUSTER_SCOPED_KINDS, type IndexedPort, type IndexedResource, type KeyInsertion } from "./indexed-resource.ts";
import { contentEnd } from "../edits/content-end.ts";
import type { LineIndex } from "../documents/line-index.ts";
import { workflowResourcesOf } from "../workflows/facts.ts";

/**
 * The resources of a parsed file, as the index keeps them. Pure; documents with YAML
 * errors still count when their identity can be read, because a half-typed Deployment
 * is still what a Service next to it selects.
 *
 * `kustomizeNamespace` is the namespace a kustomization gives this file, if any.
 */
export function indexedResourcesOf(parsed: ParsedFile, kustomizeNamespace?: string): IndexedResource[] {
  const found: IndexedResource[] = [];
  for (const document of parsed.documents) {
    if (document.kind === "workflow" || document.kind === "action-metadata") {
      found.push(...workflowResourcesOf(parsed, document));
      continue;
    }
    if (document.kind !== "manifest") continue;
    const root = document.yaml.contents;
    const items = scalarString(getNode(root, "kind")) === "List" ? listItems(root) : [root];
    for (const item of items) {
      const resource = indexedResource(item, parsed.path, document.index, kustomizeNamespace, parsed.lines);
      if (resource) found.push(resource);
    }
  }
  return found;
}

/**
 * Parses a file and returns its resources: what the edges call to fill the index before
 * analysing. `source` lets a caller keep the parsed documents for the file's analysis.
 */
export function indexSourceFile(file: SourceFile, layout: WorkspaceLayout, kustomizeNamespace?: string, source?: DocumentSource): IndexedResource[] {
  try {
    return indexedResourcesOf(parseFile(file, layout, source), kustomizeNamespace);
  } catch {
    return [];
  }
}

function listItems(root: AnyNode): AnyNode[] {
  const items = getNode(root, "items");
  return isSeq(items) ? (items.items as AnyNode[]) : [];
}

function indexedResource(node: AnyNode, path: string, documentIndex: number, kustomizeNamespace: string | undefined, lines: LineIndex): IndexedResource | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = scalarString(getNode(node, "apiVersion"));
  const kind = scalarString(getNode(node, "kind"));
  const nameNode = getIn(node, ["metadata", "name"]);
  const name = scalarString(nameNode);
  if (!apiVersion || !kind || !name || looksTemplated(name)) return undefined;
  const declared = scalarString(getIn(node, ["metadata", "namespace"]));
  const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? "" : (kustomizeNamespace ?? declared ?? "default");
  const range = (nameNode as Node).range!;
  const resource: IndexedResource = { apiVersion, kind, name, namespace, path, documentIndex, nameAt: [range[0], range[1]] };

  if (kind === "ConfigMap" || kind === "Secret") {
    resource.keys = dataKeys(node);
    const insertion = keyInsertionOf(node, kind === "Secret" ? ["stringData", "data"] : ["data"], lines);
    if (insertion) resource.keyInsertion = insertion;
  }
  if (kind === "Service") {
    resource.ports = servicePorts(node);
    resource.headless = scalarString(getIn(node, ["spec", "clusterIP"])) === "None";
    const insertion = clusterIPInsertionOf(node, lines);
    if (insertion) resource.clusterIPInsertion = insertion;
  }
  const podSpec = podSpecOf(node) ?? customPodSpecOf(node);
  // A template without a pod spec (a patch, a sketch) still tells which labels its pods get.
  const template = kind === "Pod" ? node : (podTemplateOf(node) ?? (podSpec !== undefined ? getIn(node, ["spec", "template"]) : undefined));
  if (podSpec !== undefined || isMap(template)) {
    resource.podLabels = stringMap(getIn(template, ["metadata", "labels"]));
    if (podLabelsUnreadable(template)) resource.podLabelsUnknown = true;
    resource.ports = containerPorts(podSpec);
  }
  if (kind === "PodDisruptionBudget") addDisruptionSelector(resource, node);
  const scaleTarget = scaleTargetOf(node, kind);
  if (scaleTarget) resource.scaleTarget = scaleTarget;
  return resource;
}

/** The pod spec of a custom workload with a Deployment-like template, whose pods Services select too. */
function customPodSpecOf(node: AnyNode): AnyNode {
  const kind = scalarString(getNode(node, "kind"));
  if (kind === undefined || !CUSTOM_WORKLOAD_KINDS.includes(kind)) return undefined;
  const podSpec = getIn(node, ["spec", "template", "spec"]);
  return isSeq(getNode(podSpec, "containers")) ? podSpec : undefined;
}

/** Pod labels hidden behind an alias, a merge key or a template: what they are is known only after rendering. */
function podLabelsUnreadable(template: AnyNode): boolean {
  const metadata = getNode(template, "metadata");
  if (metadata === undefined || metadata === null) return false;
  if (!isMap(metadata) || metadata.items.some((pair) => isScalar(pair.key) && pair.key.value === "<<")) return true;
  return labelMapOf(getNode(metadata, "labels")) === undefined;
}

/**
 * A PodDisruptionBudget's selector. In policy/v1 an empty selector selects every pod of
 * the namespace; a missing one, and an empty one in v1beta1, select none.
 */
function addDisruptionSelector(resource: IndexedResource, node: AnyNode): void {
  const selectorNode = getIn(node, ["spec", "selector"]);
  if (selectorNode === undefined || selectorNode === null) return;
  const located = labelSelectorAt(selectorNode);
  if (!located) {
    resource.podSelectorUnknown = true;
    return;
  }
  if (selectsEverything(located.selector) && resource.apiVersion !== "policy/v1") return;
  resource.podSelector = located.selector;
}

function scaleTargetOf(node: AnyNode, kind: string): { kind: string; name: string } | undefined {
  if (kind !== "HorizontalPodAutoscaler" && kind !== "ScaledObject") return undefined;
  const reference = getIn(node, ["spec", "scaleTargetRef"]);
  const name = scalarString(getNode(reference, "name"));
  // A KEDA ScaledObject scales a Deployment unless it names another kind.
  const targetKind = scalarString(getNode(reference, "kind")) ?? (kind === "ScaledObject" ? "Deployment" : undefined);
  if (!name || !targetKind || looksTemplated(name) || looksTemplated(targetKind)) return undefined;
  return { kind: targetKind, name };
}

/** Where `clusterIP: None` fits at the end of a block `spec` that has no `clusterIP` and a type that allows it. */
function clusterIPInsertionOf(node: AnyNode, lines: LineIndex): KeyInsertion | undefined {
  const spec = getNode(node, "spec");
  if (!isMap(spec) || getNode(spec, "clusterIP") !== undefined || getNode(spec, "clusterIPs") !== undefined) return undefined;
  const type = scalarString(getNode(spec, "type"));
  if (type !== undefined && type !== "ClusterIP") return undefined;
  return keyInsertionOf(node, ["spec"], lines);
}

function dataKeys(node: AnyNode): string[] {
  const keys: string[] = [];
  for (const field of ["data", "binaryData", "stringData"]) {
    const map = getNode(node, field);
    if (!isMap(map)) continue;
    for (const pair of map.items) if (isScalar(pair.key)) keys.push(String(pair.key.value));
  }
  return keys;
}

/** Where a new entry fits at the end of the first block map among `fields` that has entries. */
function keyInsertionOf(node: AnyNode, fields: readonly string[], lines: LineIndex): KeyInsertion | undefined {
  for (const field of fields) {
    const map = getNode(node, field);
    if (!isMap(map) || map.flow || map.items.length === 0) continue;
    const first = map.items[0]!.key as Node;
    const last = map.items[map.items.length - 1]!;
    const end = contentEnd(lines.text, ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1]);
    const line = lines.positionAt(end).line + 1;
    if (line >= lines.lineCount && !lines.text.endsWith("\n")) return undefined;
    return { line, indent: lines.positionAt(first.range![0]).character, eol: lines.eol, map: field };
  }
  return undefined;
}

function servicePorts(node: AnyNode): IndexedPort[] {
  const ports = getIn(node, ["spec", "ports"]);
  if (!isSeq(ports)) return [];
  return ports.items.filter(isMap).map((port) => {
    const entry: IndexedPort = {};
    const name = scalarString(getNode(port, "name"));
    if (name) entry.name = name;
    const number = Number(scalarString(getNode(port, "port")));
    if (Number.isInteger(number)) entry.number = number;
    const target = getNode(port, "targetPort");
    if (isScalar(target) && (typeof target.value === "number" || typeof target.value === "string")) entry.targetPort = target.value;
    return entry;
  });
}

function containerPorts(podSpec: AnyNode): IndexedPort[] {
  const found: IndexedPort[] = [];
  for (const { container } of containersOf(podSpec)) {
    const ports = getNode(container, "ports");
    if (!isSeq(ports)) continue;
    for (const port of ports.items) {
      if (!isMap(port)) continue;
      const entry: IndexedPort = {};
      const name = scalarString(getNode(port, "name"));
      if (name) entry.name = name;
      const number = Number(scalarString(getNode(port, "containerPort")));
      if (Number.isInteger(number)) entry.number = number;
      found.push(entry);
    }
  }
  return found;
}

function stringMap(node: AnyNode): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isMap(node)) return map;
  for (const pair of node.items) {
    if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null) map[String(pair.key.value)] = String(pair.value.value);
  }
  return map;
}

function looksTemplated(value: string): boolean {
  return value.includes("{{") || value.includes("${");
}
