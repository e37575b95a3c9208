import { isMap, type Pair, type Scalar, type YAMLMap } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, getPair } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { spanOf } from "../../../kubernetes/selector-nodes.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { removeEntry } from "../../../edits/map-entries.ts";

interface Data {
  kind: string;
  scaler: string;
  /** Removes `spec.replicas`. */
  removal?: PlannedEdits;
}

/** Kinds that scale other objects through their `scaleTargetRef`, as the index records them. */
const SCALER_KINDS = ["HorizontalPodAutoscaler", "ScaledObject"];

export default defineRule<Data>({
  id: "kubernetes/hpa-replicas",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A workload that an autoscaler scales also sets `spec.replicas`.",
    why:
      "The autoscaler owns the replica count. Every `kubectl apply` or GitOps sync of a manifest that sets `replicas` resets it to that number, so the workload shrinks under load until the autoscaler scales it back, on every deploy. Leave `replicas` out and let the autoscaler's `minReplicas` set the floor. The fix removes it; it is not applied automatically, because the first apply without `replicas` after a `kubectl apply` that set it scales the workload to 1 until the autoscaler reacts.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 10\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      const spec = getNode(resource.node, "spec");
      const pair = getPair(spec, "replicas");
      if (!resource.name || !pair || !isMap(spec)) continue;
      const scalers = SCALER_KINDS.flatMap((kind) => workspace.inNamespace(kind, resource.namespace)).filter(
        (scaler) => scaler.scaleTarget?.kind === resource.kind && scaler.scaleTarget.name === resource.name,
      );
      const scaler = scalers[0];
      if (!scaler) continue;
      const data: Data = { kind: resource.kind, scaler: `${scaler.kind} ${scaler.name}` };
      const removal = planEdits(removeEntry(spec as YAMLMap, pair as Pair, file.lines), spec, file.text);
      if (removal) data.removal = removal;
      report({
        at: spanOf(pair.key as Scalar),
        message: `${data.scaler} scales this ${resource.kind}, so setting replicas here resets the autoscaler's choice on every apply.`,
        data,
      });
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.removal, context);
    return edits ? [{ title: "Remove replicas", safe: false, edits }] : [];
  },
});

