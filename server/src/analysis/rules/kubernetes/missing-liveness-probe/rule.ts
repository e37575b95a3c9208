import { defineRule } from "../../define-rule.ts";
import { checkProbe, probeFixes, type ProbeData, type ProbeKind } from "../../../kubernetes/reliability/probes.ts";

/** A generous delay: a liveness probe that fires before a slow server has started restarts it forever. */
const LIVENESS: ProbeKind = {
  field: "livenessProbe",
  noun: "liveness",
  initialDelaySeconds: 30,
  consequence: "if it hangs without exiting, Kubernetes never restarts it.",
};

export default defineRule<ProbeData>({
  id: "kubernetes/missing-liveness-probe",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A container that serves a port has no liveness probe.",
    why:
      "Kubernetes restarts a container that exits, but one that deadlocks or stops listening keeps running, broken, until a liveness probe fails. The rule is not in the recommended set because a liveness probe that is too strict or starts too early restarts healthy containers, which can do more harm than the hang it guards against; turn it on where you will tune the probes. Only containers of long-running workloads that declare a port are reported (set the option `onlyWithPorts: false` to report every container). The fix adds a TCP probe on the first port that starts after 30 seconds.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n",
    },
    valid: {
      path: "deploy.yaml",
      text:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n      livenessProbe:\n        tcpSocket:\n          port: 80\n        initialDelaySeconds: 30\n",
    },
  },
  check(context) {
    checkProbe(LIVENESS, context);
  },
  fix(data, context) {
    return probeFixes(LIVENESS, data, context);
  },
});
