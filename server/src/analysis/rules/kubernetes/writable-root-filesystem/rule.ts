import { defineRule } from "../../define-rule.ts";
import { checkContainerFlag, type ContainerFlagData } from "../../../kubernetes/security/container-flags.ts";
import { fixesOf } from "../../../kubernetes/security/planned-fix.ts";

export default defineRule<ContainerFlagData>({
  id: "kubernetes/writable-root-filesystem",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  // Many images write to their own filesystem (caches, pid files), so this is opted into, not on by default.
  recommended: false,
  docs: {
    summary: "A container's root filesystem is writable: readOnlyRootFilesystem is not true.",
    why:
      "With a writable root filesystem, an attacker who gets code execution can drop tools and binaries, change configuration or plant persistence in the container. A read-only root filesystem forces every write to an explicit volume, such as an emptyDir for /tmp. Images that write to their own filesystem fail until those paths get volumes, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n",
    },
  },
  check(context) {
    checkContainerFlag(context, {
      key: "readOnlyRootFilesystem",
      wanted: true,
      unsetIsFinding: true,
      linuxOnly: true,
      message: (_pod, container, explicit) =>
        `Container "${container.name}" ${explicit ? "has a writable root filesystem" : "does not set readOnlyRootFilesystem: true"}, so an intruder can change its files and drop tools into it. Make it read-only and mount a volume for each path it must write.`,
    });
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
