import { defineRule } from "../../define-rule.ts";
import { getPair } from "../../../documents/ast.ts";
import { insertEntriesAfter } from "../../../edits/map-entries.ts";
import { replaceValue, setAt, styleOf } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { accountKey, namespaceOf, serviceAccountFactsOf, serviceAccountOf } from "../../../kubernetes/security/service-accounts.ts";
import { booleanAt } from "../../../kubernetes/security/settings.ts";

interface Data {
  serviceAccount: string;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/service-account-token",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  // Whether a pod talks to the API server is not visible in its manifest, so this is opted into.
  recommended: false,
  docs: {
    summary: "A pod mounts its ServiceAccount's API token without needing it: automountServiceAccountToken is not false.",
    why:
      "Kubernetes mounts a token of the pod's ServiceAccount into every container unless the pod or the ServiceAccount sets automountServiceAccountToken: false. Most applications never call the API server, but anyone who takes over one of their containers can, with whatever the account is allowed to do. The rule reads ServiceAccounts defined in the same file, and says nothing about a pod whose ServiceAccount a RoleBinding in the file grants a role, since that pod evidently uses the API. A pod that does call the API server fails once the token is gone, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    const facts = serviceAccountFactsOf(file);
    for (const pod of pods) {
      const account = serviceAccountOf(pod);
      const setting = booleanAt(pod.spec, "automountServiceAccountToken");
      if (account === undefined || setting.state === "unknown" || (setting.state === "set" && !setting.value)) continue;
      const namespace = namespaceOf(pod.object);
      if (facts.bound.has(accountKey(namespace, account))) continue;
      if (setting.state === "set") {
        const fix = planFix("Set automountServiceAccountToken to false", false, replaceValue(pod.spec, setting.pair, "false", file.lines, style), pod.object, file.text);
        report({
          at: [setting.node.range![0], setting.node.range![1]],
          message: `The pod mounts an API token of ServiceAccount "${account}" into its containers, so whoever takes one over can call the API server as that account. Set it to false unless the pod uses the API.`,
          data: { serviceAccount: account, fixes: plans(fix) },
        });
        continue;
      }
      const own = facts.automount.get(accountKey(namespace, account));
      if (own === false) continue;
      // Beside the ServiceAccount it is about, when the pod names one.
      const named = getPair(pod.spec, "serviceAccountName") ?? getPair(pod.spec, "serviceAccount");
      const edits = named ? insertEntriesAfter(pod.spec, named, { automountServiceAccountToken: "false" }, file.lines) : setAt(pod.spec, ["automountServiceAccountToken"], "false", file.lines, style);
      const fix = planFix("Set automountServiceAccountToken to false", false, edits, pod.object, file.text);
      const where = facts.automount.has(accountKey(namespace, account)) ? "neither it nor its ServiceAccount turns that off" : "Kubernetes does unless told otherwise";
      report({
        at: [pod.specKey.range![0], pod.specKey.range![1]],
        message: `The pod mounts an API token of ServiceAccount "${account}" (${where}), so whoever takes over a container can call the API server as that account. Set automountServiceAccountToken: false unless the pod uses the API.`,
        data: { serviceAccount: account, fixes: plans(fix) },
      });
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
