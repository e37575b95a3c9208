import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import type { CustomResourceType, KubernetesEnvironment } from "./environment.ts";
import type { ResourceType, SchemaNode } from "./schema/types.ts";
import { getPair } from "../documents/ast.ts";

/**
 * Finds the resources of a manifest document and says what Shipshape knows about each
 * type: a bundled schema, a CRD's schema, or why there is none. The rules about
 * `apiVersion`/`kind` and the schema rules read the same answer.
 */
export interface ResourceNode {
  /** The resource's mapping: the document root, or an item of a `List`. */
  map: YAMLMap<Scalar, Node | null>;
  apiVersion: ScalarField | undefined;
  kind: ScalarField | undefined;
  resolution: Resolution;
}

export interface ScalarField {
  value: string;
  pair: Pair<Scalar, Node | null>;
  /** Offsets of the value. */
  at: [number, number];
}

export type Resolution =
  | { status: "builtin"; schema: SchemaNode; type: ResourceType; version: string }
  | { status: "custom"; schema: SchemaNode; type: CustomResourceType }
  /** A CRD defines the type but gives no schema; anything goes. */
  | { status: "custom-without-schema"; type: CustomResourceType }
  /** A group that is not Kubernetes' own and that no CRD in the workspace defines. */
  | { status: "unknown-custom"; group: string; kind: string }
  | { status: "missing"; fields: Array<"apiVersion" | "kind"> }
  /** A Kubernetes group, but this version or kind is not served by the target version. */
  | { status: "not-served"; apiVersion: string; kind: string }
  /** A configuration file that shares the manifest shape but is never sent to an API server. */
  | { status: "not-a-resource" }
  /** No bundled schemas (a bare unit test); nothing can be said. */
  | { status: "no-schemas" };

/** The resources of a document: its root, or each item of a `v1 List`. */
export function resourcesOf(root: Node | null | undefined, environment: KubernetesEnvironment): ResourceNode[] {
  if (!isMap(root)) return [];
  const top = describe(root as YAMLMap<Scalar, Node | null>, environment);
  if (top.apiVersion?.value === "v1" && top.kind?.value === "List") {
    const items = getPair(root, "items")?.value;
    if (!isSeq(items)) return [];
    return items.items.filter((item): item is YAMLMap<Scalar, Node | null> => isMap(item)).map((item) => describe(item, environment));
  }
  return [top];
}

/** The group of an apiVersion: `apps` for `apps/v1`, `` for the core `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** Every resource type the target version serves, bundled and custom. */
export function servedTypes(environment: KubernetesEnvironment): Array<{ apiVersion: string; kind: string }> {
  const builtin = environment.builtin && environment.version ? environment.builtin.resourceTypes(environment.version) : [];
  return [...builtin, ...environment.customResources];
}

/** Groups that Kubernetes itself serves in any bundled version: unknown kinds there are errors, not custom resources. */
export function isKubernetesGroup(group: string, environment: KubernetesEnvironment): boolean {
  if (group === "" || group === "extensions") return true;
  return kubernetesGroups(environment).has(group);
}

function describe(map: YAMLMap<Scalar, Node | null>, environment: KubernetesEnvironment): ResourceNode {
  const apiVersion = scalarField(map, "apiVersion");
  const kind = scalarField(map, "kind");
  return { map, apiVersion, kind, resolution: resolve(apiVersion?.value, kind?.value, environment) };
}

function resolve(apiVersion: string | undefined, kind: string | undefined, environment: KubernetesEnvironment): Resolution {
  if (apiVersion === undefined || kind === undefined) {
    const fields: Array<"apiVersion" | "kind"> = [];
    if (apiVersion === undefined) fields.push("apiVersion");
    if (kind === undefined) fields.push("kind");
    return { status: "missing", fields };
  }
  if (isConfigurationFile(apiVersion, kind)) return { status: "not-a-resource" };

  const custom = environment.customResources.find((type) => type.apiVersion === apiVersion && type.kind === kind);
  if (custom) return custom.schema ? { status: "custom", schema: custom.schema, type: custom } : { status: "custom-without-schema", type: custom };

  const { builtin, version } = environment;
  if (!builtin || !version) return { status: "no-schemas" };
  const type = typeIndex(builtin, version).get(`${apiVersion}\0${kind}`);
  if (type) {
    const schema = builtin.definition(version, type.ref);
    if (schema) return { status: "builtin", schema, type, version };
  }
  const group = groupOf(apiVersion);
  if (isKubernetesGroup(group, environment)) return { status: "not-served", apiVersion, kind };
  return { status: "unknown-custom", group, kind };
}

function scalarField(map: YAMLMap<Scalar, Node | null>, key: string): ScalarField | undefined {
  const pair = getPair(map, key) as Pair<Scalar, Node | null> | undefined;
  if (!pair || !isScalar(pair.value) || typeof pair.value.value !== "string" || pair.value.value === "") return undefined;
  const range = pair.value.range ?? [0, 0];
  return { value: pair.value.value, pair, at: [range[0], range[1]] };
}

/**
 * Files that look like manifests but configure a tool: kubeconfig, kustomize, kind,
 * kubeadm, the kubelet and the API server's own configuration. They are never validated
 * as resources.
 */
function isConfigurationFile(apiVersion: string, kind: string): boolean {
  if (apiVersion === "v1" && kind === "Config") return true;
  const group = groupOf(apiVersion);
  return CONFIGURATION_GROUPS.has(group) || group.endsWith(".config.k8s.io");
}

const CONFIGURATION_GROUPS = new Set(["kubeadm.k8s.io", "audit.k8s.io", "kind.x-k8s.io", "kustomize.config.k8s.io"]);

/**
 * A version's resource types by apiVersion and kind. Every resource of every document is
 * resolved, by several rules each, so a search through the few hundred types of a version
 * each time showed in profiles; the first type of a pair wins, as with `find`.
 */
const typeIndexes = new WeakMap<object, Map<string, Map<string, ResourceType>>>();

function typeIndex(builtin: NonNullable<KubernetesEnvironment["builtin"]>, version: string): Map<string, ResourceType> {
  let byVersion = typeIndexes.get(builtin);
  if (!byVersion) typeIndexes.set(builtin, (byVersion = new Map()));
  let index = byVersion.get(version);
  if (!index) {
    index = new Map();
    for (const type of builtin.resourceTypes(version)) {
      const key = `${type.apiVersion}\0${type.kind}`;
      if (!index.has(key)) index.set(key, type);
    }
    byVersion.set(version, index);
  }
  return index;
}

const groupCache = new WeakMap<object, Set<string>>();

function kubernetesGroups(environment: KubernetesEnvironment): Set<string> {
  const builtin = environment.builtin;
  if (!builtin) return new Set();
  let groups = groupCache.get(builtin);
  if (!groups) {
    groups = new Set();
    for (const version of builtin.versions) for (const type of builtin.resourceTypes(version)) groups.add(groupOf(type.apiVersion));
    groupCache.set(builtin, groups);
  }
  return groups;
}
