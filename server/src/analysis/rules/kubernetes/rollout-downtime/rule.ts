import { isMap, isScalar, type Scalar, type YAMLMap } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, getPair, scalarString, type AnyNode } from "../../../documents/ast.ts";
import { setScalarEntry } from "../../../edits/block-map.ts";
import { intOrPercentOf, integerOf, isUnset, objectsIn } from "../../../kubernetes/reliability/objects.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  replicas: number;
  /** Each fix: its title and its edits, planned against the `rollingUpdate` mapping. */
  fixes: Array<{ title: string; edits: PlannedEdits }>;
}

export default defineRule<Data>({
  id: "kubernetes/rollout-downtime",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A rolling update of a Deployment with several replicas may stop all of them at once.",
    why:
      "A Deployment runs several replicas so that it keeps serving while pods come and go. During a rolling update, `maxUnavailable` is how many of them may be down at the same time (a percentage is rounded down). When it reaches the replica count, the rollout may stop every old pod before any new one is ready, which is an outage on every release. `maxUnavailable: 0` keeps every replica serving and lets `maxSurge` start the new pods beside them; a small number takes replicas down one at a time.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: example/web:1.4\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: example/web:1.4\n",
    },
  },
  check({ file, document, report }) {
    for (const object of objectsIn(document)) {
      if (object.kind !== "Deployment") continue;
      const spec = getNode(object.map, "spec");
      // Unset replicas is one, and an autoscaled Deployment's count is not written here.
      const replicas = integerOf(getNode(spec, "replicas"));
      if (replicas === undefined || replicas < 2) continue;
      const strategy = getNode(spec, "strategy");
      const type = getNode(strategy, "type");
      // Recreate stops every pod by design, for workloads that cannot run two versions at once.
      if (!isUnset(type) && scalarString(type) !== "RollingUpdate") continue;
      const rollingUpdate = getNode(strategy, "rollingUpdate");
      if (!isMap(rollingUpdate)) continue;
      const unavailableNode = getNode(rollingUpdate, "maxUnavailable");
      const unavailable = podsOf(unavailableNode, replicas, "down");
      if (unavailable === undefined || unavailable < replicas) continue;
      const surgeNode = getNode(rollingUpdate, "maxSurge");
      // maxSurge defaults to 25%, rounded up: at least one pod.
      const surge = isUnset(surgeNode) ? 1 : podsOf(surgeNode, replicas, "up");

      const map = rollingUpdate as YAMLMap<Scalar, AnyNode>;
      const data: Data = { replicas, fixes: [] };
      // maxUnavailable: 0 needs a surge, or the API server rejects the Deployment.
      const noUnavailable = setScalarEntry(map, "maxUnavailable", 0, file.lines);
      const withSurge = surge === 0 ? setScalarEntry(map, "maxSurge", 1, file.lines) : [];
      const keepAll = noUnavailable && withSurge && surge !== undefined ? planEdits([...noUnavailable, ...withSurge], rollingUpdate, file.text) : undefined;
      if (keepAll) data.fixes.push({ title: surge === 0 ? "Keep every replica serving during a rollout (maxUnavailable: 0, maxSurge: 1)" : "Keep every replica serving during a rollout (maxUnavailable: 0)", edits: keepAll });
      const oneAtATime = planEdits(setScalarEntry(map, "maxUnavailable", 1, file.lines), rollingUpdate, file.text);
      if (oneAtATime) data.fixes.push({ title: "Take down one replica at a time (maxUnavailable: 1)", edits: oneAtATime });

      const at = isScalar(unavailableNode) && unavailableNode.range ? unavailableNode : (getPair(strategy, "rollingUpdate")!.key as Scalar);
      report({
        at: [at.range![0], at.range![1]],
        message: `maxUnavailable lets a rollout stop all ${replicas} replicas at once, so every release may be an outage. Keep some serving: 0 with a surge, or fewer than ${replicas}.`,
        data,
      });
    }
  },
  fix(data, context) {
    return data.fixes.flatMap((fix) => {
      const edits = plannedEditsIn(fix.edits, context);
      return edits ? [{ title: fix.title, safe: false, edits }] : [];
    });
  },
});

/**
 * How many pods an int-or-percent amount allows, rounded as the Deployment controller
 * rounds it: maxUnavailable down, maxSurge up. `undefined` for a value that cannot be
 * judged (a template, a malformed value), so nothing is said.
 */
function podsOf(node: AnyNode, replicas: number, rounding: "down" | "up"): number | undefined {
  const amount = intOrPercentOf(node);
  if (!amount) return undefined;
  if ("count" in amount) return amount.count >= 0 ? amount.count : undefined;
  const exact = (replicas * amount.percent) / 100;
  return rounding === "down" ? Math.floor(exact) : Math.ceil(exact);
}

