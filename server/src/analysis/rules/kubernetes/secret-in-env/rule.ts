import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { secretKindOf } from "../../../kubernetes/security/secrets.ts";
import { plainString } from "../../../kubernetes/values/scalars.ts";
import { mapsOf } from "../../../kubernetes/values/walk.ts";

interface Data {
  container: string;
  variable: string;
}

export default defineRule<Data>({
  id: "kubernetes/secret-in-env",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  restricted: true,
  docs: {
    summary: "An environment variable holds a password, token, key or other secret as a literal value.",
    why:
      "A secret written into a manifest is in every copy of it: the Git history, CI logs, the pod spec that anyone allowed to read pods can see, and every backup of etcd. Put it in a Secret (or an external secret store) and refer to it with valueFrom.secretKeyRef, so that access to it is controlled and it can be rotated without editing the workload. Names like PASSWORD, SECRET, TOKEN or an API KEY give a secret away, as does a private key in any variable. Moving the value to a Secret needs a decision about where that Secret comes from, so there is no fix.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: example/web:1.4\n      env:\n        - name: DB_PASSWORD\n          value: hunter2\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: example/web:1.4\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: web-db\n              key: password\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db-password\n",
    },
  },
  check({ document, report }) {
    for (const pod of podSitesOf(document!)) {
      for (const container of pod.containers) {
        for (const variable of mapsOf(getNode(container.map, "env"))) {
          const name = plainString(getNode(variable, "name"));
          const value = plainString(getNode(variable, "value"));
          if (!name || !value) continue;
          const kind = secretKindOf(name.value, value.value);
          if (!kind) continue;
          report({
            at: [value.range![0], value.range![1]],
            message: `Variable ${name.value} of container "${container.name}" holds ${kind} in plain text, visible to everyone who can read the manifest or the pod. Store it in a Secret and refer to it with valueFrom.secretKeyRef.`,
            data: { container: container.name, variable: name.value },
          });
        }
      }
    }
  },
});
