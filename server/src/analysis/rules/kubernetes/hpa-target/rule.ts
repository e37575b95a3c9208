import { defineRule } from "../../define-rule.ts";
import { getIn, getNode } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { spanOf } from "../../../kubernetes/selector-nodes.ts";
import { absenceIsTelling, plainName, replacementFixes, suggestReplacements, type SuggestedReplacement } from "../../../kubernetes/reference-rules.ts";
import { closestMatches } from "../../../text/similar.ts";

interface Data {
  kind: string;
  name: string;
  suggestions: SuggestedReplacement[];
}

/** Kinds with a scale subresource that an autoscaler commonly targets, for "did you mean another kind". */
const SCALABLE_KINDS = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Rollout"];

/** Workload kinds that have no scale subresource: an autoscaler cannot scale them. */
const UNSCALABLE_KINDS = new Set(["DaemonSet", "Job", "CronJob", "Pod"]);

export default defineRule<Data>({
  id: "kubernetes/hpa-target",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A HorizontalPodAutoscaler's `scaleTargetRef` names a workload that is not in its namespace, or one that cannot be scaled.",
    why:
      "An autoscaler whose target is missing scales nothing, and Kubernetes only says so in the autoscaler's events, typically after a workload was renamed. The target may be created outside the workspace, so a missing one is a note, given when a close name suggests a typo, or when the whole workspace is known and holds other objects of that kind in the namespace. Naming the wrong kind (a Deployment that is a StatefulSet) or a kind without a scale subresource (a DaemonSet) is a warning.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-frontend\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web-fronted\n  minReplicas: 2\n  maxReplicas: 10\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-frontend\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web-frontend\n  minReplicas: 2\n  maxReplicas: 10\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (resource.kind !== "HorizontalPodAutoscaler") continue;
      const reference = getIn(resource.node, ["spec", "scaleTargetRef"]);
      const kindNode = plainName(getNode(reference, "kind"));
      const nameNode = plainName(getNode(reference, "name"));
      if (!kindNode || !nameNode) continue;
      const kind = kindNode.value;
      const name = nameNode.value;
      const ns = resource.namespace;
      if (workspace.find(kind, ns, name).length > 0) {
        if (UNSCALABLE_KINDS.has(kind)) {
          report({ at: spanOf(kindNode), message: `A ${kind} has no scale subresource, so this autoscaler cannot scale ${kind} ${name}.`, data: { kind, name, suggestions: [] }, severity: "warning" });
        }
        continue;
      }
      const namesakes = SCALABLE_KINDS.filter((other) => other !== kind && workspace.find(other, ns, name).length > 0);
      if (namesakes.length > 0) {
        report({
          at: spanOf(kindNode),
          message: `There is no ${kind} ${name} in namespace ${ns}, but there is a ${namesakes.join(" and a ")} of that name.`,
          data: { kind, name, suggestions: suggestReplacements(kindNode, namesakes, (other) => `Target ${other} ${name}`, file.text) },
          severity: "warning",
        });
        continue;
      }
      const known = workspace.inNamespace(kind, ns).map((target) => target.name);
      const names = closestMatches(name, new Set(known), 3, "name");
      if (!absenceIsTelling(workspace, known.length, names.length > 0)) continue;
      const where = workspace.complete ? " It may be created outside this workspace." : "";
      report({
        at: spanOf(nameNode),
        message: `${kind} ${name} is not in namespace ${ns} of this workspace, so this autoscaler scales nothing.${where}${names.length > 0 ? ` Did you mean ${names[0]}?` : ""}`,
        data: { kind, name, suggestions: suggestReplacements(nameNode, names, (other) => `Target ${kind} ${other}`, file.text) },
      });
    }
  },
  fix(data, context) {
    return replacementFixes(data.suggestions, context);
  },
});
