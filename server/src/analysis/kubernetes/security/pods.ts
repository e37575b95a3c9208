import { isMap, isSeq, type Node, type Scalar, type YAMLMap } from "yaml";
import { getIn, getNode, getPair, scalarString, type AnyNode } from "../../documents/ast.ts";
import type { ParsedDocument } from "../../documents/parse.ts";
import { containersOf, podTemplateOf, type ContainerList } from "../workloads.ts";

/** A pod spec of a manifest, with what the security rules read around it. */
export interface PodSite {
  /** The object that carries the pod spec: the document's root or an item of a `v1 List`. */
  object: YAMLMap<Scalar, AnyNode>;
  kind: string;
  spec: YAMLMap<Scalar, AnyNode>;
  /** The pod spec's own `spec` key, where findings about the whole pod are shown. */
  specKey: Scalar;
  /** Windows pods have no seccomp, Linux capabilities or privilege escalation, so those rules skip them. */
  windows: boolean;
  containers: ContainerSite[];
}

export interface ContainerSite {
  list: ContainerList;
  map: YAMLMap<Scalar, AnyNode>;
  name: string;
  /** Where a finding about the container as a whole is shown: its name, or its first key. */
  anchor: Node;
}

/**
 * The pod specs of a manifest document: every workload kind Kubernetes has, and
 * OpenShift's DeploymentConfig, which keeps its pod template where a Deployment does.
 * A document the YAML parser found errors in gives none, so a half-typed manifest is
 * not judged on what the parser guessed.
 */
export function podSitesOf(document: ParsedDocument): PodSite[] {
  // Every security rule asks for them. They hold nothing but nodes of the document's tree,
  // which never changes once parsed, so they are kept for as long as the tree lives.
  if (document.kind !== "manifest" || document.yaml.errors.length > 0) return [];
  let sites = POD_SITES.get(document.yaml);
  if (!sites) {
    sites = objectsOf(document).flatMap((object) => {
      const site = podSiteOf(object);
      return site ? [site] : [];
    });
    POD_SITES.set(document.yaml, sites);
  }
  return sites;
}

const POD_SITES = new WeakMap<object, PodSite[]>();

/** The objects of a manifest document: its root, or the items of a `v1 List`; none when it has YAML errors. */
export function objectsOf(document: ParsedDocument): Array<YAMLMap<Scalar, AnyNode>> {
  if (document.kind !== "manifest" || document.yaml.errors.length > 0) return [];
  const root = document.yaml.contents;
  if (!isMap(root)) return [];
  const isList = scalarString(getNode(root, "kind")) === "List" && isSeq(getNode(root, "items"));
  const candidates = isList ? (getNode(root, "items") as { items: unknown[] }).items : [root];
  return candidates.filter((candidate) => isMap(candidate)) as Array<YAMLMap<Scalar, AnyNode>>;
}

/** A short description of an object for messages, as `Deployment "web"`. */
export function describeObject(object: AnyNode): string {
  const kind = scalarString(getNode(object, "kind")) ?? "object";
  const name = scalarString(getIn(object, ["metadata", "name"]));
  return name === undefined ? kind : `${kind} "${name}"`;
}

function podSiteOf(object: YAMLMap<Scalar, AnyNode>): PodSite | undefined {
  const kind = scalarString(getNode(object, "kind"));
  if (kind === undefined) return undefined;
  const holder = kind === "Pod" ? object : kind === "DeploymentConfig" ? getIn(object, ["spec", "template"]) : podTemplateOf(object);
  const pair = getPair(holder, "spec");
  if (!pair || !isMap(pair.value) || !pair.key?.range) return undefined;
  const spec = pair.value as YAMLMap<Scalar, AnyNode>;
  const containers = containersOf(spec).map(({ list, container }) => ({
    list,
    map: container,
    name: scalarString(getNode(container, "name")) ?? "(unnamed)",
    anchor: (getPair(container, "name")?.value ?? container.items[0]?.key ?? container) as Node,
  }));
  return { object, kind, spec, specKey: pair.key, windows: scalarString(getIn(spec, ["os", "name"])) === "windows", containers };
}
