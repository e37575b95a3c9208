import { isMap, isScalar, isSeq, type Node } from "yaml";
import { parseFile, type ParsedFile } from "../documents/parse.ts";
import type { WorkspaceLayout } from "../documents/kind.ts";
import type { SourceFile } from "../types.ts";
import { getIn, getNode, scalarString, type AnyNode } from "../documents/ast.ts";
import { containersOf, podSpecOf, podTemplateOf } from "../kubernetes/workloads.ts";
import { CLUSTER_SCOPED_KINDS, type IndexedPort, type IndexedResource, type KeyInsertion } from "./indexed-resource.ts";
import { contentEnd } from "../edits/content-end.ts";
import type { LineIndex } from "../documents/line-index.ts";

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

/** Parses a file and returns its resources: what the edges call to fill the index before analysing. */
export function indexSourceFile(file: SourceFile, layout: WorkspaceLayout, kustomizeNamespace?: string): IndexedResource[] {
  try {
    return indexedResourcesOf(parseFile(file, layout), kustomizeNamespace);
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
  }
  const podSpec = podSpecOf(node);
  if (podSpec !== undefined) {
    const labels = kind === "Pod" ? getIn(node, ["metadata", "labels"]) : getIn(podTemplateOf(node), ["metadata", "labels"]);
    resource.podLabels = stringMap(labels);
    resource.ports = containerPorts(podSpec);
  }
  return resource;
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
