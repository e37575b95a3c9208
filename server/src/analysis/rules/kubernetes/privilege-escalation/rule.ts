import { defineRule } from "../../define-rule.ts";
import { capabilityList } from "../../../kubernetes/security/capabilities.ts";
import { checkContainerFlag, type ContainerFlagData } from "../../../kubernetes/security/container-flags.ts";
import { fixesOf } from "../../../kubernetes/security/planned-fix.ts";
import type { ContainerSite } from "../../../kubernetes/security/pods.ts";
import { booleanAt, securityContextOf } from "../../../kubernetes/security/settings.ts";

export default defineRule<ContainerFlagData>({
  id: "kubernetes/privilege-escalation",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container does not set allowPrivilegeEscalation to false.",
    why:
      "Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than it started with, through setuid binaries such as sudo or through file capabilities, which turns a foothold into root inside the container. Kubernetes allows it by default; the Pod Security Standards' restricted level requires false. Tools that rely on setuid (ping in old images, sudo) stop working, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        allowPrivilegeEscalation: false\n",
    },
  },
  check(context) {
    checkContainerFlag(context, {
      key: "allowPrivilegeEscalation",
      wanted: false,
      unsetIsFinding: true,
      linuxOnly: true,
      fixable: (container) => !alwaysEscalates(container),
      message: (_pod, container, explicit) => {
        const what = explicit ? "allows privilege escalation" : "does not set allowPrivilegeEscalation: false, so it allows privilege escalation";
        const why = alwaysEscalates(container)
          ? " It is privileged or adds SYS_ADMIN, which always allows it; Kubernetes refuses false until that is removed."
          : " Set it to false so no process in it can gain privileges through setuid binaries.";
        return `Container "${container.name}" ${what}.${why}`;
      },
    });
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});

/** Kubernetes rejects `allowPrivilegeEscalation: false` beside `privileged: true` or an added SYS_ADMIN. */
function alwaysEscalates(container: ContainerSite): boolean {
  const privileged = booleanAt(securityContextOf(container.map), "privileged");
  if (privileged.state === "set" && privileged.value) return true;
  const added = capabilityList(container.map, "add");
  return added !== "unknown" && added.items.some((item) => item.name === "SYS_ADMIN");
}
