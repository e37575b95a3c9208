import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getPair } from "../../../documents/ast.ts";
import { describeObject, podSitesOf } from "../../../kubernetes/security/pods.ts";
import { serviceAccountOf } from "../../../kubernetes/security/service-accounts.ts";
import { booleanAt } from "../../../kubernetes/security/settings.ts";

interface Data {
  object: string;
}

export default defineRule<Data>({
  id: "kubernetes/default-service-account",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A pod runs as its namespace's default ServiceAccount.",
    why:
      "Every pod that names no ServiceAccount runs as `default`, so a role granted to it for one application is granted to all of them, and nothing tells their API calls apart. Give each application a ServiceAccount of its own, with only the roles it needs. A pod that sets automountServiceAccountToken: false carries no token, so it is not reported.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  serviceAccountName: web\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ document, report }) {
    for (const pod of podSitesOf(document!)) {
      if (serviceAccountOf(pod) !== "default") continue;
      const automount = booleanAt(pod.spec, "automountServiceAccountToken");
      if (automount.state === "set" && !automount.value) continue;
      const named = (getPair(pod.spec, "serviceAccountName") ?? getPair(pod.spec, "serviceAccount"))?.value as Node | undefined;
      const at: Node = named?.range ? named : pod.specKey;
      const subject = describeObject(pod.object);
      report({
        at: [at.range![0], at.range![1]],
        message: `${subject} runs as the default ServiceAccount, which every pod of the namespace shares, so any role it gets is theirs too. Give it a ServiceAccount of its own.`,
        data: { object: subject },
      });
    }
  },
});
