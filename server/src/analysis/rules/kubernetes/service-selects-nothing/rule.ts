import { defineRule } from "../../define-rule.ts";
import { getNode, getPair, scalarString } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { describeSelector, selectsEverything } from "../../../kubernetes/selectors.ts";
import { mapSelectorAt, spanOf } from "../../../kubernetes/selector-nodes.ts";
import { changeAt, describeNearMiss, planLabelChange, selectionVerdict, type PlannedLabelChange } from "../../../kubernetes/selected-pods.ts";
import { replacementFixes } from "../../../kubernetes/reference-rules.ts";

interface Data {
  namespace: string;
  selector: string;
  /** One-label changes that would select a workload's pods. */
  changes: PlannedLabelChange[];
}

export default defineRule<Data>({
  id: "kubernetes/service-selects-nothing",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A Service's selector matches no pod template in its namespace.",
    why:
      "A Service sends traffic to the pods its selector matches; a typo in one label leaves it without endpoints, and clients see refused connections while every object looks healthy. When a workload's labels differ from the selector by one label, this is a warning with a fix that selects them. When nothing comes close, the pods may be created outside the workspace (an operator, another repository), so it is a note, and only when the workspace has workloads in that namespace. A Service without a selector (its Endpoints are managed by hand) and an ExternalName Service are not checked.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n    - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (resource.kind !== "Service") continue;
      const spec = getNode(resource.node, "spec");
      const pair = getPair(spec, "selector");
      if (!pair || scalarString(getNode(spec, "type")) === "ExternalName") continue;
      const located = mapSelectorAt(pair.value);
      if (!located || selectsEverything(located.selector)) continue;
      const verdict = selectionVerdict(located.selector, resource.namespace, workspace);
      if (verdict.kind !== "nothing") continue;
      const changes = verdict.changes.map((change) => planLabelChange(located, change, file.text)).filter((change) => change !== undefined);
      const selector = describeSelector(located.selector);
      const data: Data = { namespace: resource.namespace, selector, changes };
      const first = verdict.changes[0];
      if (first) {
        report({
          at: changeAt(located, first) ?? spanOf(pair.key),
          message: `No pod in namespace ${resource.namespace} has ${selector}, so this Service has no endpoints: ${describeNearMiss(first, located.selector, verdict.owners)}.`,
          data,
        });
      } else {
        report({
          at: spanOf(pair.key),
          message: `No pod template in namespace ${resource.namespace} of this workspace has ${selector}, so this Service has no endpoints unless pods created elsewhere match it.`,
          data,
          severity: "info",
        });
      }
    }
  },
  fix(data, context) {
    return replacementFixes(data.changes, context);
  },
});
