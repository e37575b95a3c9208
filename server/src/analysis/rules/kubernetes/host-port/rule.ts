import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { removeAt } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { integerAt } from "../../../kubernetes/security/settings.ts";
import { mapsOf } from "../../../kubernetes/values/walk.ts";

interface Data {
  container: string;
  hostPort: number;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/host-port",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container port is bound to a port of the node (hostPort).",
    why:
      "A hostPort opens the port on the node's own address, outside Services and often outside NetworkPolicies, and only one pod per node can hold it, so replicas fail to schedule. The Pod Security Standards forbid host ports from their baseline level up. Expose the pod through a Service instead. The fix removes hostPort, which stops clients that connect to the node's port, so it is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n          hostPort: 8080\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n",
    },
  },
  check({ file, document, report }) {
    for (const pod of podSitesOf(document!)) {
      for (const container of pod.containers) {
        for (const port of mapsOf(getNode(container.map, "ports"))) {
          const hostPort = integerAt(port, "hostPort");
          // Kubernetes reads 0 as no host port.
          if (hostPort.state !== "set" || hostPort.value === 0) continue;
          const fix = planFix(`Remove hostPort ${hostPort.value} from container ${container.name}`, false, [removeAt(port, hostPort.pair, file.lines)], pod.object, file.text);
          report({
            at: [hostPort.node.range![0], hostPort.node.range![1]],
            message: `Container "${container.name}" binds port ${hostPort.value} of the node, which bypasses Services and allows one such pod per node. Expose it through a Service instead.`,
            data: { container: container.name, hostPort: hostPort.value, fixes: plans(fix) },
          });
        }
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
