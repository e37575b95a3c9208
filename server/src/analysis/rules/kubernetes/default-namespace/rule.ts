import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { describeObject, objectsOf } from "../../../kubernetes/security/pods.ts";
import { plainString } from "../../../kubernetes/values/scalars.ts";

interface Data {
  object: string;
}

export default defineRule<Data>({
  id: "kubernetes/default-namespace",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "An object is placed in the default namespace.",
    why:
      "The default namespace is where everything lands that nobody placed: its quotas, network policies and RBAC are rarely set up, anyone with broad access to the cluster reaches it, and workloads there share it with strangers. Give each application its own namespace. An object that names no namespace is not reported, since kubectl -n, Kustomize or Helm usually supplies one.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\ndata:\n  mode: production\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\ndata:\n  mode: production\n",
    },
  },
  check({ document, report }) {
    for (const object of objectsOf(document!)) {
      const namespace = plainString(getIn(object, ["metadata", "namespace"]));
      if (namespace?.value !== "default") continue;
      const subject = describeObject(object);
      report({
        at: [namespace.range![0], namespace.range![1]],
        message: `${subject} is in the default namespace, which usually has no quotas, network policies or access rules of its own. Give the application a namespace.`,
        data: { object: subject },
      });
    }
  },
});
