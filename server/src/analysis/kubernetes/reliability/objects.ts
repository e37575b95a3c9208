import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from "yaml";
import type { ParsedDocument } from "../../documents/parse.ts";
import { getIn, getNode, scalarString, type AnyNode } from "../../documents/ast.ts";
import { isTemplated } from "../values/scalars.ts";
import { podSpecOf } from "../workloads.ts";

/**
 * The objects the reliability rules judge, read from the YAML AST so that fixes can point
 * at exact offsets. They key on `kind` alone, as `podSpecOf` does: a Deployment written
 * with a wrong `apiVersion` is still meant as a Deployment, and the schema rules already
 * report the `apiVersion`.
 */
export interface ManifestObject {
  /** The object's mapping: the document's root, or an item of a `v1 List`. */
  map: YAMLMap<Scalar, AnyNode>;
  kind: string;
}

/** An object that carries a pod spec. */
export interface Workload extends ManifestObject {
  podSpec: YAMLMap<Scalar, AnyNode>;
}

/**
 * The objects of a manifest document. A document with YAML errors gives none: its AST may
 * not be what the author meant, and the syntax rule already reports it.
 */
export function objectsIn(document: ParsedDocument | undefined): ManifestObject[] {
  if (!document || document.kind !== "manifest" || document.yaml.errors.length > 0) return [];
  // Like the pod specs in workloads.ts, these hold only nodes of a tree that never changes once parsed.
  let objects = OBJECTS.get(document.yaml);
  if (!objects) OBJECTS.set(document.yaml, (objects = readObjects(document)));
  return objects;
}

/** The objects of a document that carry a pod spec: Kubernetes' workload kinds and OpenShift's DeploymentConfig. */
export function workloadsIn(document: ParsedDocument | undefined): Workload[] {
  if (!document || document.kind !== "manifest" || document.yaml.errors.length > 0) return [];
  let workloads = WORKLOADS.get(document.yaml);
  if (!workloads) WORKLOADS.set(document.yaml, (workloads = readWorkloads(document)));
  return workloads;
}

const OBJECTS = new WeakMap<object, ManifestObject[]>();
const WORKLOADS = new WeakMap<object, Workload[]>();

function readObjects(document: ParsedDocument): ManifestObject[] {
  const root = document.yaml.contents;
  const isList = scalarString(getNode(root, "kind")) === "List";
  const items = isList ? getNode(root, "items") : undefined;
  const candidates: unknown[] = isList ? (isSeq(items) ? items.items : []) : [root];
  const objects: ManifestObject[] = [];
  for (const candidate of candidates) {
    if (!isMap(candidate)) continue;
    const kind = scalarString(getNode(candidate, "kind"));
    if (kind !== undefined && !isTemplated(kind)) objects.push({ map: candidate as YAMLMap<Scalar, AnyNode>, kind });
  }
  return objects;
}

function readWorkloads(document: ParsedDocument): Workload[] {
  const workloads: Workload[] = [];
  for (const object of objectsIn(document)) {
    const podSpec = object.kind === "DeploymentConfig" ? getIn(object.map, ["spec", "template", "spec"]) : podSpecOf(object.map);
    if (isMap(podSpec)) workloads.push({ ...object, podSpec: podSpec as YAMLMap<Scalar, AnyNode> });
  }
  return workloads;
}

/**
 * Whether a workload's pods are meant to keep running, as a server does. Jobs and
 * CronJobs run to completion, and so does a bare Pod whose `restartPolicy` is not `Always`.
 */
export function isLongRunning(workload: Workload): boolean {
  if (workload.kind === "Job" || workload.kind === "CronJob") return false;
  if (workload.kind !== "Pod" && workload.kind !== "PodTemplate") return true;
  // A templated policy is decided elsewhere, so nothing is assumed about it.
  const restartPolicy = getNode(workload.podSpec, "restartPolicy");
  return isUnset(restartPolicy) || scalarString(restartPolicy) === "Always";
}

/** The value of an integer scalar that is neither templated nor quoted, or `undefined`. */
export function integerOf(node: unknown): number | undefined {
  if (!isScalar(node) || typeof node.value !== "number" || !Number.isInteger(node.value)) return undefined;
  return node.value;
}

/**
 * An int-or-percent amount (a rolling update's `maxUnavailable`, `maxSurge`) as written: a
 * plain integer, or a whole percentage such as `25%`. `undefined` for anything else (a
 * template, a malformed value), which the rules then leave alone.
 */
export function intOrPercentOf(node: unknown): { count: number } | { percent: number } | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === "number" && Number.isInteger(node.value)) return { count: node.value };
  const percent = typeof node.value === "string" ? /^(\d+)%$/.exec(node.value) : null;
  return percent ? { percent: Number(percent[1]) } : undefined;
}

/** A key that is absent, `key:` or `key: null` is unset; Kubernetes applies its default. */
export function isUnset(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}
