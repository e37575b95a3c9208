import { isMap, isSeq, type Scalar, type YAMLMap } from "yaml";
import { getIn, getNode, scalarString, type AnyNode } from "../documents/ast.ts";

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, ReadonlyArray<string>> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  PodTemplate: ["template", "spec"],
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

/** The pod spec of a workload manifest's top-level node, or `undefined` for other kinds. */
export function podSpecOf(manifest: AnyNode | unknown): AnyNode {
  return memoized(POD_SPECS, manifest, () => {
    const kind = scalarString(getNode(manifest, "kind"));
    const path = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
    return path ? getIn(manifest, path) : undefined;
  });
}

/**
 * The pod template (the mapping that holds `metadata` and `spec`) of a workload other
 * than a bare Pod, whose own metadata is the manifest's; `undefined` for other kinds.
 */
export function podTemplateOf(manifest: AnyNode | unknown): AnyNode {
  const kind = scalarString(getNode(manifest, "kind"));
  const path = kind === undefined || kind === "Pod" ? undefined : POD_SPEC_PATHS[kind];
  return path ? getIn(manifest, path.slice(0, -1)) : undefined;
}

/** The lists of a pod spec that hold containers. */
export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export type ContainerList = (typeof CONTAINER_LISTS)[number];

/** Every container mapping of a pod spec, with the list it is in. */
export function containersOf(podSpec: AnyNode | unknown): ReadonlyArray<{ list: ContainerList; container: YAMLMap<Scalar, AnyNode> }> {
  return memoized(CONTAINERS, podSpec, () =>
    CONTAINER_LISTS.flatMap((list) => {
      const items = getNode(podSpec, list);
      if (!isSeq(items)) return [];
      return items.items.filter((item) => isMap(item)).map((container) => ({ list, container: container as YAMLMap<Scalar, AnyNode> }));
    }),
  );
}

/**
 * Most Kubernetes rules ask for a workload's pod spec and containers, so the answers are
 * kept per node. They hold nothing but nodes of the same tree, which never changes once
 * parsed, so they stay right for as long as the tree lives (an editor's cache reuses the
 * trees of unchanged documents across edits).
 */
const POD_SPECS = new WeakMap<object, AnyNode>();
const CONTAINERS = new WeakMap<object, ReadonlyArray<{ list: ContainerList; container: YAMLMap<Scalar, AnyNode> }>>();

function memoized<T>(cache: WeakMap<object, T>, node: unknown, compute: () => T): T {
  if (node === null || typeof node !== "object") return compute();
  if (cache.has(node)) return cache.get(node) as T;
  const value = compute();
  cache.set(node, value);
  return value;
}
