import { defineRule } from "../../define-rule.ts";
import { replaceValue, setAt, styleOf } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { mappingAt, securityContextOf, stringAt } from "../../../kubernetes/security/settings.ts";

interface Data {
  containers: string[];
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/seccomp-profile",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container runs without a seccomp profile: seccompProfile.type is not RuntimeDefault or Localhost.",
    why:
      "Unless a seccomp profile is set, Kubernetes runs containers Unconfined: every system call of the node's kernel is open to them, including the rarely used ones most kernel exploits go through. RuntimeDefault, the container runtime's own profile, blocks those and almost never gets in an application's way; the Pod Security Standards' restricted level requires it (or a Localhost profile). Set it once on the pod and every container inherits it. A program that needs a blocked system call fails, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      // Windows has no seccomp.
      if (pod.windows) continue;
      const podContext = securityContextOf(pod.spec);
      const podType = stringAt(mappingAt(podContext, "seccompProfile"), "type");
      const inheriting: string[] = [];
      for (const container of pod.containers) {
        const own = stringAt(mappingAt(securityContextOf(container.map), "seccompProfile"), "type");
        if (own.state === "unknown") continue;
        if (own.state === "set") {
          // RuntimeDefault and Localhost confine it; any other value than Unconfined is invalid, which the schema rules report.
          if (own.value !== "Unconfined") continue;
          const profile = mappingAt(securityContextOf(container.map), "seccompProfile");
          const edit = profile && profile !== "unknown" ? replaceValue(profile, own.pair, "RuntimeDefault", file.lines, style) : undefined;
          const fix = planFix(`Use the RuntimeDefault seccomp profile in container ${container.name}`, false, edit, pod.object, file.text);
          report({
            at: [own.node.range![0], own.node.range![1]],
            message: `Container "${container.name}" runs Unconfined by seccomp, so every system call of the node's kernel is open to it. Use RuntimeDefault, or a Localhost profile written for it.`,
            data: { containers: [container.name], fixes: plans(fix) },
          });
          continue;
        }
        if (podType.state === "unknown" || (podType.state === "set" && podType.value !== "Unconfined")) continue;
        inheriting.push(container.name);
      }
      if (inheriting.length === 0) continue;
      const subject = inheriting.length === 1 ? `container "${inheriting[0]}"` : `containers ${inheriting.map((name) => `"${name}"`).join(", ")}`;
      if (podType.state === "set") {
        const profile = mappingAt(podContext, "seccompProfile");
        const edit = profile && profile !== "unknown" ? replaceValue(profile, podType.pair, "RuntimeDefault", file.lines, style) : undefined;
        const fix = planFix("Use the RuntimeDefault seccomp profile for the pod", false, edit, pod.object, file.text);
        report({
          at: [podType.node.range![0], podType.node.range![1]],
          message: `The pod runs Unconfined by seccomp, and ${subject} inherit${inheriting.length === 1 ? "s" : ""} it: every system call of the node's kernel is open to them. Use RuntimeDefault.`,
          data: { containers: inheriting, fixes: plans(fix) },
        });
      } else {
        const edits = setAt(pod.spec, ["securityContext", "seccompProfile", "type"], "RuntimeDefault", file.lines, style);
        const fix = planFix("Use the RuntimeDefault seccomp profile for the pod", false, edits, pod.object, file.text);
        report({
          at: [pod.specKey.range![0], pod.specKey.range![1]],
          message: `Neither the pod nor ${subject} set${inheriting.length === 1 ? "s" : ""} a seccomp profile, so ${inheriting.length === 1 ? "it runs" : "they run"} Unconfined, with every system call of the node's kernel open. Set seccompProfile type RuntimeDefault on the pod.`,
          data: { containers: inheriting, fixes: plans(fix) },
        });
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
