import { defineRule } from "../../define-rule.ts";
import { replaceValue, styleOf } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { securityContextOf, stringAt } from "../../../kubernetes/security/settings.ts";

interface Data {
  container: string;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/unmasked-proc-mount",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container mounts /proc without the runtime's masks: procMount is not Default.",
    why:
      "The container runtime hides and write-protects the parts of /proc that reach into the node's kernel (/proc/sys, /proc/kcore, /proc/sysrq-trigger and others). procMount: Unmasked removes that protection, which only nested container runtimes need. The Pod Security Standards allow only Default from their baseline level up. A nested runtime stops working without it, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  hostUsers: false\n  containers:\n    - name: builder\n      image: quay.io/buildah/stable:v1.38\n      securityContext:\n        procMount: Unmasked\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: quay.io/buildah/stable:v1.38\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      for (const container of pod.containers) {
        const securityContext = securityContextOf(container.map);
        const procMount = stringAt(securityContext, "procMount");
        if (procMount.state !== "set" || procMount.value === "Default" || securityContext === undefined || securityContext === "unknown") continue;
        const fix = planFix(`Set procMount to Default in container ${container.name}`, false, replaceValue(securityContext, procMount.pair, "Default", file.lines, style), pod.object, file.text);
        report({
          at: [procMount.node.range![0], procMount.node.range![1]],
          message: `Container "${container.name}" mounts /proc with procMount ${procMount.value}, without the masks that keep it from the node's kernel settings. Use Default unless it runs containers itself.`,
          data: { container: container.name, fixes: plans(fix) },
        });
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
