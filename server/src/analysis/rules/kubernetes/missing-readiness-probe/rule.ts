import { defineRule } from "../../define-rule.ts";
import { checkProbe, probeFixes, type ProbeData, type ProbeKind } from "../../../kubernetes/reliability/probes.ts";

const READINESS: ProbeKind = {
  field: "readinessProbe",
  noun: "readiness",
  initialDelaySeconds: 5,
  consequence: "it receives traffic as soon as it starts, before it can answer, and keeps receiving it when it stops answering.",
};

export default defineRule<ProbeData>({
  id: "kubernetes/missing-readiness-probe",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A container that serves a port has no readiness probe.",
    why:
      "Kubernetes sends a pod traffic once it is ready, and without a readiness probe a pod is ready as soon as its containers start: requests reach a server that is still loading, or one that has stopped answering, and a rolling update replaces healthy pods before the new ones work. Only containers of long-running workloads that declare a port are reported, since a worker that serves nothing needs no probe (set the option `onlyWithPorts: false` to report every container). The fix adds a TCP probe on the first port; an HTTP probe on a health endpoint tells more when the server has one.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n",
    },
    valid: {
      path: "deploy.yaml",
      text:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n      readinessProbe:\n        httpGet:\n          path: /\n          port: 80\n",
    },
  },
  check(context) {
    checkProbe(READINESS, context);
  },
  fix(data, context) {
    return probeFixes(READINESS, data, context);
  },
});
