import { defineRule } from "../../define-rule.ts";
import { removeAt } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { booleanAt } from "../../../kubernetes/security/settings.ts";

interface Data {
  setting: string;
  fixes: PlannedFix[];
}

/** What sharing each of the node's namespaces gives a pod. */
const NAMESPACES: Record<string, string> = {
  hostNetwork: "shares the node's network: it can bind the node's ports, reach services listening on the node's localhost, and escapes NetworkPolicies",
  hostPID: "shares the node's process namespace: it sees every process on the node and can signal them or read their environment through /proc",
  hostIPC: "shares the node's IPC namespace: it can read and write shared memory of every process on the node",
};

export default defineRule<Data>({
  id: "kubernetes/host-namespaces",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  restricted: true,
  docs: {
    summary: "A pod shares the node's network, process or IPC namespace (hostNetwork, hostPID, hostIPC).",
    why:
      "Namespaces are what keeps a container's view of the node small. With hostNetwork a pod binds the node's ports and reaches what listens on its localhost, past every NetworkPolicy; with hostPID it sees and signals every process on the node; with hostIPC it reads other processes' shared memory. Only node agents (CNI plugins, monitoring agents) need them; the option `allow` lists settings not to report, as `[hostNetwork]`. The fix removes the setting, which Kubernetes then leaves off; an agent that needs it stops working, so it is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ file, document, options, report }) {
    const allowed = new Set(Array.isArray(options.allow) ? options.allow : []);
    for (const pod of podSitesOf(document!)) {
      for (const [key, what] of Object.entries(NAMESPACES)) {
        if (allowed.has(key)) continue;
        const setting = booleanAt(pod.spec, key);
        if (setting.state !== "set" || !setting.value) continue;
        const fix = planFix(`Remove ${key}`, false, [removeAt(pod.spec, setting.pair, file.lines)], pod.object, file.text);
        report({ at: [setting.node.range![0], setting.node.range![1]], message: `The pod ${what}. Remove ${key} unless it is a node agent that needs it.`, data: { setting: key, fixes: plans(fix) } });
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
