import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { podTemplateOf } from "../../../kubernetes/workloads.ts";
import { matchesLabels } from "../../../kubernetes/selectors.ts";
import { controllerLabelsOf } from "../../../kubernetes/selected-pods.ts";
import { labelMapOf, labelSelectorAt, matchLabelsSource, spanOf } from "../../../kubernetes/selector-nodes.ts";
import { plainName } from "../../../kubernetes/reference-rules.ts";

interface Data {
  kind: string;
  name: string;
  /** Offsets of `metadata.name`'s value: the fix applies only while it still reads `name`. */
  at: [number, number];
  /** A PodDisruptionBudget for the workload's pods, to append to the file. */
  stub?: string;
}

/** Workloads of interchangeable replicas that a node drain can take down together. */
const KINDS = new Set(["Deployment", "StatefulSet"]);

export default defineRule<Data>({
  id: "kubernetes/missing-pdb",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "hint",
  recommended: false,
  docs: {
    summary: "A Deployment or StatefulSet with two or more replicas has no PodDisruptionBudget.",
    why:
      "Without a PodDisruptionBudget, a node drain or a cluster upgrade may evict every replica at once, and the replicas that were meant to keep the service up go down together. Only a written `replicas` of 2 or more counts. The rule is a hint outside the recommended set: the budget may live with the cluster's policies, and a workspace seen one file at a time cannot know of it. The fix appends a budget that allows one pod down at a time.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (!KINDS.has(resource.kind)) continue;
      const replicas = getIn(resource.node, ["spec", "replicas"]);
      const nameNode = plainName(getIn(resource.node, ["metadata", "name"]));
      if (!nameNode || !isScalar(replicas) || typeof replicas.value !== "number" || replicas.value < 2) continue;
      const labels = labelMapOf(getIn(podTemplateOf(resource.node), ["metadata", "labels"]));
      if (!labels || Object.keys(labels).length === 0) continue;
      const present = controllerLabelsOf(resource.kind);
      const budgets = workspace.inNamespace("PodDisruptionBudget", resource.namespace);
      if (budgets.some((budget) => budget.podSelectorUnknown || (budget.podSelector && matchesLabels(budget.podSelector, labels, present)))) continue;
      const data: Data = { kind: resource.kind, name: nameNode.value, at: spanOf(nameNode) };
      const stub = budgetStub(nameNode.value, getIn(resource.node, ["metadata", "namespace"]) ? resource.namespace : undefined, getIn(resource.node, ["spec", "selector"]), file.lines.eol, file.text);
      if (stub) data.stub = stub;
      report({
        at: data.at,
        message: `No PodDisruptionBudget in namespace ${resource.namespace} covers the ${replicas.value} replicas of this ${resource.kind}, so a node drain may evict them all at once.`,
        data,
      });
    }
  },
  fix(data, { text, lines }) {
    if (!data.stub || text.slice(data.at[0], data.at[1]).replace(/^["']|["']$/g, "") !== data.name) return [];
    const separator = text.length === 0 || text.endsWith("\n") ? "" : lines.eol;
    return [{ title: `Add a PodDisruptionBudget for ${data.kind} ${data.name}`, safe: false, edits: [{ range: lines.rangeOf(text.length, text.length), newText: `${separator}---${lines.eol}${data.stub}` }] }];
  },
});

/** A budget that selects the workload's pods by its `matchLabels`, copied as written; none for other selectors. */
function budgetStub(name: string, namespace: string | undefined, selectorNode: Parameters<typeof labelSelectorAt>[0], eol: string, text: string): string | undefined {
  const entries = matchLabelsSource(labelSelectorAt(selectorNode), text);
  if (!entries) return undefined;
  const labels = entries.map((entry) => `      ${entry}`);
  const metadata = ["metadata:", `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : [])];
  return ["apiVersion: policy/v1", "kind: PodDisruptionBudget", ...metadata, "spec:", "  maxUnavailable: 1", "  selector:", "    matchLabels:", ...labels].join(eol) + eol;
}
