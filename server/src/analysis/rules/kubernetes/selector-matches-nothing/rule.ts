import { isMap, isSeq, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, getPair, type AnyNode } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { describeSelector, selectsEverything } from "../../../kubernetes/selectors.ts";
import { labelSelectorAt, spanOf } from "../../../kubernetes/selector-nodes.ts";
import { changeAt, describeNearMiss, planLabelChange, selectionVerdict, type PlannedLabelChange } from "../../../kubernetes/selected-pods.ts";
import { replacementFixes } from "../../../kubernetes/reference-rules.ts";

interface Data {
  kind: string;
  namespace: string;
  selector: string;
  /** One-label changes that would select a workload's pods. */
  changes: PlannedLabelChange[];
}

/** A selector to check, with what it means when it selects nothing. */
interface Selection {
  key: Node;
  node: AnyNode;
  consequence: string;
}

export default defineRule<Data>({
  id: "kubernetes/selector-matches-nothing",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A PodDisruptionBudget's or NetworkPolicy's pod selector matches no pod template in its namespace.",
    why:
      "A PodDisruptionBudget that selects nothing protects nothing during node drains, and a NetworkPolicy that selects nothing isolates nothing (or, in a rule's `podSelector`, admits no one), and Kubernetes says nothing about either. When a workload's labels differ from the selector by one label, this is a warning with a fix that selects them. When nothing comes close, the pods may be created outside the workspace, so it is a note, and only when the workspace has workloads in that namespace. An empty `podSelector` selects every pod and is not reported; a rule's `podSelector` beside a `namespaceSelector` picks pods of other namespaces and is not checked.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: wbe\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      for (const selection of selectionsOf(resource.kind, resource.node)) {
        const located = labelSelectorAt(selection.node);
        if (!located || selectsEverything(located.selector)) continue;
        const verdict = selectionVerdict(located.selector, resource.namespace, workspace);
        if (verdict.kind !== "nothing") continue;
        const selector = describeSelector(located.selector);
        const changes = verdict.changes.map((change) => planLabelChange(located, change, file.text)).filter((change) => change !== undefined);
        const data: Data = { kind: resource.kind, namespace: resource.namespace, selector, changes };
        const first = verdict.changes[0];
        if (first) {
          report({
            at: changeAt(located, first) ?? spanOf(selection.key),
            message: `No pod in namespace ${resource.namespace} has ${selector}, so ${selection.consequence}: ${describeNearMiss(first, located.selector, verdict.owners)}.`,
            data,
          });
        } else {
          report({
            at: spanOf(selection.key),
            message: `No pod template in namespace ${resource.namespace} of this workspace has ${selector}, so ${selection.consequence} unless pods created elsewhere match it.`,
            data,
            severity: "info",
          });
        }
      }
    }
  },
  fix(data, context) {
    return replacementFixes(data.changes, context);
  },
});

/** The pod selectors of a PodDisruptionBudget or a NetworkPolicy that pick pods of its own namespace. */
function selectionsOf(kind: string, node: AnyNode): Selection[] {
  const found: Selection[] = [];
  const spec = getNode(node, "spec");
  if (kind === "PodDisruptionBudget") {
    const pair = getPair(spec, "selector");
    if (pair && pair.value !== null) found.push({ key: pair.key as Node, node: pair.value, consequence: "this PodDisruptionBudget protects nothing" });
  }
  if (kind !== "NetworkPolicy") return found;
  const pair = getPair(spec, "podSelector");
  if (pair) found.push({ key: pair.key as Node, node: pair.value, consequence: "this NetworkPolicy applies to no pod" });
  for (const [direction, peers, consequence] of [
    ["ingress", "from", "this rule admits traffic from no pod"],
    ["egress", "to", "this rule allows traffic to no pod"],
  ] as const) {
    const rules = getNode(spec, direction);
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      const list = getNode(rule, peers);
      if (!isSeq(list)) continue;
      for (const peer of list.items) {
        // Beside a namespaceSelector, a podSelector picks pods in other namespaces, which this cannot see.
        if (!isMap(peer) || getPair(peer, "namespaceSelector") !== undefined) continue;
        const selector = getPair(peer, "podSelector");
        if (selector) found.push({ key: selector.key as Node, node: selector.value, consequence });
      }
    }
  }
  return found;
}
