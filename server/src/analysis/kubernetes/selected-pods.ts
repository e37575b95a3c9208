import type { IndexedResource } from "../workspace/indexed-resource.ts";
import type { WorkspaceView } from "../workspace/workspace-index.ts";
import { CONTROLLER_LABELS, compileSelector, nearMisses, type LabelChange, type LabelSelector } from "./selectors.ts";
import type { LocatedSelector } from "./selector-nodes.ts";
import { replaceScalar } from "./values/scalars.ts";
import type { SuggestedReplacement } from "./reference-rules.ts";

/**
 * Which pods of a namespace a selector picks, from the pod templates the workspace index
 * knows. Shared by the rules that ask whether a Service, a PodDisruptionBudget or a
 * NetworkPolicy selects anything, and which workloads a Service sends traffic to.
 */

/**
 * Custom workloads that keep a pod template where a Deployment does (`spec.template`):
 * Argo Rollouts, OpenShift DeploymentConfigs, OpenKruise CloneSets. Without them, a
 * Service selecting their pods would look like a Service that selects nothing.
 */
export const CUSTOM_WORKLOAD_KINDS: readonly string[] = ["Rollout", "DeploymentConfig", "CloneSet"];

/** The kinds whose pods a selector can pick, the most common first. */
export const POD_OWNER_KINDS: readonly string[] = ["Deployment", "StatefulSet", "DaemonSet", "Pod", "ReplicaSet", "ReplicationController", "Job", "CronJob", ...CUSTOM_WORKLOAD_KINDS];

export interface PodOwner {
  resource: IndexedResource;
  labels: Readonly<Record<string, string>>;
  /** Labels its controller adds, with values unknown here. */
  present: ReadonlySet<string>;
}

export interface PodOwners {
  owners: PodOwner[];
  /** Some owner's labels could not be read, so "selects nothing" cannot be told. */
  unknown: boolean;
}

/** Every resource of the namespace that runs pods, with its pods' labels. */
export function podOwnersIn(workspace: WorkspaceView, namespace: string): PodOwners {
  const owners: PodOwner[] = [];
  let unknown = false;
  for (const kind of POD_OWNER_KINDS) {
    for (const resource of workspace.inNamespace(kind, namespace)) {
      if (resource.podLabels === undefined) continue;
      if (resource.podLabelsUnknown) unknown = true;
      owners.push({ resource, labels: resource.podLabels, present: controllerLabelsOf(kind) });
    }
  }
  return { owners, unknown };
}

const PRESENT_BY_KIND = new Map<string, ReadonlySet<string>>();

/** The labels a kind's controller adds, as a set made once per kind. */
export function controllerLabelsOf(kind: string): ReadonlySet<string> {
  let present = PRESENT_BY_KIND.get(kind);
  if (!present) {
    present = new Set(CONTROLLER_LABELS[kind] ?? []);
    PRESENT_BY_KIND.set(kind, present);
  }
  return present;
}

export function ownersSelectedBy(selector: LabelSelector, owners: readonly PodOwner[]): PodOwner[] {
  const matches = compileSelector(selector);
  return owners.filter((owner) => matches(owner.labels, owner.present));
}

/** What the workspace says about a selector that should pick some pods. */
export type SelectionVerdict =
  | { kind: "matches" }
  /** Nothing to say: labels that cannot be read, or a view that cannot tell. */
  | { kind: "unknown" }
  | { kind: "nothing"; owners: PodOwner[]; changes: LabelChange[] };

/**
 * Whether a selector picks no pod of its namespace. The pods may be created outside the
 * workspace, so "nothing" needs a complete view with some workload in the namespace, or
 * a near miss (one label away from a workload's) that points at a typo.
 */
export function selectionVerdict(selector: LabelSelector, namespace: string, workspace: WorkspaceView): SelectionVerdict {
  // Most selectors match, often a Deployment: look kind by kind and stop at the first match.
  const matches = compileSelector(selector);
  for (const kind of POD_OWNER_KINDS) {
    const present = controllerLabelsOf(kind);
    if (workspace.inNamespace(kind, namespace).some((resource) => resource.podLabels !== undefined && matches(resource.podLabels, present))) return { kind: "matches" };
  }
  const { owners, unknown } = podOwnersIn(workspace, namespace);
  if (unknown) return { kind: "unknown" };
  const changes = nearMisses(selector, owners.map((owner) => owner.labels));
  if (changes.length === 0 && (!workspace.complete || owners.length === 0)) return { kind: "unknown" };
  return { kind: "nothing", owners, changes };
}

/** A change to a selector's `matchLabels` entry, ready for a fix: its title and the replacement. */
export type PlannedLabelChange = SuggestedReplacement;

export function planLabelChange(located: LocatedSelector, change: LabelChange, text: string): PlannedLabelChange | undefined {
  const requirement = located.requirements.find((candidate) => candidate.keyNode !== undefined && candidate.key === change.key);
  if (!requirement) return undefined;
  const node = change.change === "value" ? requirement.valueNode : requirement.keyNode;
  if (!node) return undefined;
  const replacement = replaceScalar(node, change.to, text);
  if (!replacement) return undefined;
  const label = change.change === "value" ? `${change.key}=${change.to}` : `${change.to}=${located.selector.matchLabels[change.key]}`;
  return { title: `Select ${label}`, replacement };
}

/** Where a near miss is written: the selector entry the change rewrites. */
export function changeAt(located: LocatedSelector, change: LabelChange): [number, number] | undefined {
  return located.requirements.find((candidate) => candidate.keyNode !== undefined && candidate.key === change.key)?.at;
}

/** `Deployment web has tier=frontend`, for messages about near misses. */
export function describeNearMiss(change: LabelChange, selector: LabelSelector, owners: readonly PodOwner[]): string {
  const key = change.change === "value" ? change.key : change.to;
  const value = change.change === "value" ? change.to : selector.matchLabels[change.key];
  const owner = owners.find((candidate) => candidate.labels[key] === value);
  return `${owner ? `${owner.resource.kind} ${owner.resource.name}` : "a workload"} has ${key}=${value}`;
}
