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
  const kind = scalarString(getNode(manifest, "kind"));
  const path = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
  return path ? getIn(manifest, path) : undefined;
}
