import { defineRule } from "../../define-rule.ts";
import { checkContainerFlag, type ContainerFlagData } from "../../../kubernetes/security/container-flags.ts";
import { fixesOf } from "../../../kubernetes/security/planned-fix.ts";

export default defineRule<ContainerFlagData>({
  id: "kubernetes/privileged-container",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  restricted: true,
  docs: {
    summary: "A container runs privileged.",
    why:
      "A privileged container gets every Linux capability, every device of the node and no seccomp or AppArmor confinement, so anyone who takes over the process owns the node and every pod on it. Only node agents that really manage the host need it; they belong in a namespace of their own. Setting it to false can break such an agent, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n",
    },
  },
  check(context) {
    checkContainerFlag(context, {
      key: "privileged",
      wanted: false,
      unsetIsFinding: false,
      linuxOnly: false,
      message: (_pod, container) =>
        `Container "${container.name}" runs privileged: it has every capability and device of the node, so a compromise of it is a compromise of the node. Remove privileged unless it must manage the host.`,
    });
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
