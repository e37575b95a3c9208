/**
 * The resources of a manifest file's text (the editor's, saved or not): each YAML document, and each
 * item of a `List`, with the line it starts on. Pure: no vscode.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, type Node } from "yaml";
import { identityOf, isObject, type Json, type JsonObject, type ResourceIdentity } from "./objects.ts";

export interface LocalResource {
  /** The object as written. */
  object: JsonObject;
  identity: ResourceIdentity;
  /** 0-based lines of the resource in the file (an item of a List is its own range). */
  startLine: number;
  endLine: number;
}

export interface LocalProblem {
  startLine: number;
  message: string;
}

export interface SplitResult {
  resources: LocalResource[];
  /** Documents that are not resources (YAML errors, no apiVersion/kind/name); empty documents are skipped. */
  problems: LocalProblem[];
}

export function splitResources(text: string): SplitResult {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const resources: LocalResource[] = [];
  const problems: LocalProblem[] = [];
  const lineOf = (offset: number) => lines.linePos(offset).line - 1;
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    const contents = document.contents as Node | null;
    const start = lineOf(contents?.range?.[0] ?? document.range[0]);
    if (document.errors.length > 0) {
      problems.push({ startLine: start, message: `This YAML document does not parse: ${document.errors[0]!.message.split("\n")[0]}` });
      continue;
    }
    if (!contents) continue;
    const value = document.toJS({ maxAliasCount: 100 }) as Json;
    if (!isObject(value)) continue;
    const end = lineOf(contents.range?.[1] ?? document.range[1]);
    if (value.kind === "List" && Array.isArray(value.items) && isMap(contents)) {
      const itemsNode = contents.get("items", true);
      const nodes = isSeq(itemsNode) ? (itemsNode.items as Node[]) : [];
      value.items.forEach((item, index) => {
        const node = nodes[index];
        const itemStart = node?.range ? lineOf(node.range[0]) : start;
        const itemEnd = node?.range ? lineOf(node.range[1]) : end;
        add(item, itemStart, itemEnd);
      });
      continue;
    }
    add(value, start, end);
  }
  return { resources, problems };

  function add(value: Json, startLine: number, endLine: number): void {
    const identity = isObject(value) ? identityOf(value) : undefined;
    if (!isObject(value) || !identity) {
      problems.push({ startLine, message: "This document has no apiVersion, kind and metadata.name, so it is not a resource the cluster can have." });
      return;
    }
    if (isToolConfiguration(identity)) {
      problems.push({ startLine, message: `${identity.kind} (${identity.apiVersion}) configures a tool; it is not a resource the cluster can have.` });
      return;
    }
    resources.push({ object: value, identity, startLine, endLine });
  }
}

/** Files that look like resources but configure a tool (kustomize, kubeconfig, kubeadm, kind): never sent to a cluster. */
export function isToolConfiguration(identity: ResourceIdentity): boolean {
  const group = identity.apiVersion.includes("/") ? identity.apiVersion.split("/")[0]! : "";
  if (/(^|\.)(kustomize\.config\.k8s\.io|kubeadm\.k8s\.io|kind\.x-k8s\.io|kubelet\.config\.k8s\.io|kubeproxy\.config\.k8s\.io)$/.test(group)) return true;
  return identity.apiVersion === "v1" && identity.kind === "Config";
}

/** The resource whose lines hold `line`, if any. */
export function resourceAt(resources: LocalResource[], line: number): LocalResource | undefined {
  return resources.find((resource) => resource.startLine <= line && line <= resource.endLine);
}
