import { isMap, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, getPair, scalarString, type AnyNode } from "../../../documents/ast.ts";
import { setScalarEntry } from "../../../edits/block-map.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { mapsOf } from "../../../kubernetes/values/walk.ts";
import { intOrPercentOf, isUnset, objectsIn, workloadsIn } from "../../../kubernetes/reliability/objects.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  kind: string;
  /** Each fix: its title and its edits, planned against the `rollingUpdate` mapping. */
  fixes: Array<{ title: string; edits: PlannedEdits }>;
}

/** `maxUnavailable` or `maxSurge`: a number, a percentage, absent, or something else (templated, malformed). */
type Amount = { set: false } | { set: true; zero: boolean; node: Scalar } | undefined;

export default defineRule<Data>({
  id: "kubernetes/invalid-rolling-update",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A rolling update's `maxUnavailable` and `maxSurge` are a combination the API server rejects.",
    why:
      "A rolling update must be allowed to do something: take an old pod down (`maxUnavailable`) or start a new one beside it (`maxSurge`). A Deployment where both are 0 is rejected. A DaemonSet must have exactly one of them above 0, and its defaults make that easy to miss: `maxSurge` defaults to 0, so `maxUnavailable: 0` alone is rejected, and `maxUnavailable` defaults to 1, so `maxSurge: 1` alone is rejected too. `maxUnavailable: 0` with a surge is a sound zero-downtime setting and is not reported.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1.4\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n        - name: agent\n          image: example/agent:1.4\n",
    },
  },
  check({ file, document, report }) {
    const hostBound = new Set(workloadsIn(document).filter((workload) => bindsHostPorts(workload.podSpec)).map((workload) => workload.map));
    for (const object of objectsIn(document)) {
      const strategyKey = object.kind === "Deployment" ? "strategy" : object.kind === "DaemonSet" ? "updateStrategy" : undefined;
      if (!strategyKey) continue;
      const strategy = getNode(getNode(object.map, "spec"), strategyKey);
      const type = getNode(strategy, "type");
      if (!isUnset(type) && scalarString(type) !== "RollingUpdate") continue;
      const rollingUpdate = getNode(strategy, "rollingUpdate");
      if (!isMap(rollingUpdate)) continue;
      const unavailable = amountOf(rollingUpdate, "maxUnavailable");
      const surge = amountOf(rollingUpdate, "maxSurge");
      if (!unavailable || !surge) continue;

      const problem = object.kind === "Deployment" ? deploymentProblem(unavailable, surge) : daemonSetProblem(unavailable, surge, !hostBound.has(object.map));
      if (!problem) continue;
      const data: Data = { kind: object.kind, fixes: [] };
      for (const fix of problem.fixes) {
        const edits = planEdits(setScalarEntry(rollingUpdate as YAMLMap<Scalar, AnyNode>, fix.entry, fix.value, file.lines), rollingUpdate, file.text);
        if (edits) data.fixes.push({ title: fix.title, edits });
      }
      report({ at: anchorOf(rollingUpdate as YAMLMap<Scalar, AnyNode>, unavailable, surge, getPair(strategy, "rollingUpdate")!), message: problem.message, data });
    }
  },
  fix(data, context) {
    return data.fixes.flatMap((fix) => {
      const edits = plannedEditsIn(fix.edits, context);
      return edits ? [{ title: fix.title, safe: false, edits }] : [];
    });
  },
});

/** What is wrong with a rolling update, and the entries each fix would set. */
interface Problem {
  message: string;
  fixes: Array<{ title: string; entry: "maxUnavailable" | "maxSurge"; value: number }>;
}

/** Both amounts default to 25%, so only two written zeros stop a Deployment. */
function deploymentProblem(unavailable: Amount, surge: Amount): Problem | undefined {
  if (!(isZero(unavailable) && isZero(surge))) return undefined;
  return {
    message: "maxUnavailable and maxSurge are both 0, so a rollout could neither stop an old pod nor start a new one; the API server rejects this Deployment.",
    fixes: [
      { title: "Allow one extra pod during a rollout (maxSurge: 1)", entry: "maxSurge", value: 1 },
      { title: "Allow one pod to be unavailable during a rollout (maxUnavailable: 1)", entry: "maxUnavailable", value: 1 },
    ],
  };
}

/**
 * A DaemonSet needs exactly one amount above 0, and defaults maxUnavailable to 1 and
 * maxSurge to 0. A surge pod cannot start beside an old one that holds the node's ports,
 * so a host-bound DaemonSet is not offered a surge.
 */
function daemonSetProblem(unavailable: NonNullable<Amount>, surge: NonNullable<Amount>, canSurge: boolean): Problem | undefined {
  const hasUnavailable = unavailable.set ? !unavailable.zero : true;
  const hasSurge = surge.set ? !surge.zero : false;
  if (hasUnavailable !== hasSurge) return undefined;
  if (hasUnavailable) {
    const both = unavailable.set ? "maxSurge and maxUnavailable are both above 0" : "maxSurge is above 0 and maxUnavailable is left at 1, its default for a DaemonSet";
    return {
      message: `${both}; a DaemonSet either replaces each pod in place or starts a new one beside it, never both, so the API server rejects this one. Set one of them to 0.`,
      fixes: [
        { title: "Surge new pods and keep every old one until its replacement is ready (maxUnavailable: 0)", entry: "maxUnavailable", value: 0 },
        { title: "Replace pods in place (maxSurge: 0)", entry: "maxSurge", value: 0 },
      ],
    };
  }
  const both = surge.set ? "maxUnavailable and maxSurge are both 0" : "maxUnavailable is 0 and maxSurge is left at 0, its default for a DaemonSet";
  const fixes: Problem["fixes"] = [];
  if (canSurge) fixes.push({ title: "Start each new pod beside the old one (maxSurge: 1)", entry: "maxSurge", value: 1 });
  fixes.push({ title: "Replace one pod at a time (maxUnavailable: 1)", entry: "maxUnavailable", value: 1 });
  return { message: `${both}, so a rollout could neither stop an old pod nor start a new one; the API server rejects this DaemonSet.`, fixes };
}

/**
 * Reads an int-or-percent amount as the API server's validation does: `0` and `0%` are
 * zero. `undefined` when it cannot be judged (a template, a malformed value), so nothing is said.
 */
function amountOf(rollingUpdate: YAMLMap, key: string): Amount {
  const node = getNode(rollingUpdate, key);
  if (isUnset(node)) return { set: false };
  const amount = intOrPercentOf(node);
  if (!amount) return undefined;
  return { set: true, zero: ("count" in amount ? amount.count : amount.percent) === 0, node: node as Scalar };
}

function isZero(amount: Amount): boolean {
  return amount !== undefined && amount.set && amount.zero;
}


/** The finding points at the written amounts, or at `rollingUpdate` when they are defaults. */
function anchorOf(rollingUpdate: YAMLMap, unavailable: Amount, surge: Amount, pair: Pair): [number, number] {
  const written = [unavailable, surge].find((amount) => amount?.set);
  const node = (written?.set ? written.node : (pair.key as Node)) ?? rollingUpdate;
  return [node.range![0], node.range![1]];
}

/** Whether a pod spec holds ports on its node: host networking, or a container with a hostPort. */
function bindsHostPorts(podSpec: YAMLMap<Scalar, AnyNode>): boolean {
  if (scalarString(getNode(podSpec, "hostNetwork")) === "true") return true;
  return containersOf(podSpec).some(({ container }) => mapsOf(getNode(container, "ports")).some((port) => !isUnset(getNode(port, "hostPort"))));
}
