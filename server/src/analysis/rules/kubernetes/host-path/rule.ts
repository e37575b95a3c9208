import { defineRule } from "../../define-rule.ts";
import { hostPathVolumesOf } from "../../../kubernetes/security/host-paths.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";

interface Data {
  volume: string;
  path?: string;
}

export default defineRule<Data>({
  id: "kubernetes/host-path",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A pod mounts a directory or file of the node through a hostPath volume.",
    why:
      "A hostPath volume gives the pod the node's own files: it can read what other pods and the node left there, write where the node will trust it, and it ties the pod to what one node happens to hold. The Pod Security Standards forbid hostPath volumes from their baseline level up. Use a PersistentVolumeClaim, a ConfigMap or an emptyDir; kubernetes/sensitive-host-path reports the paths that hand over the node, in every profile. What to use instead depends on the workload, so there is no fix.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/nginx\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log/web\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log/nginx\n  volumes:\n    - name: logs\n      emptyDir: {}\n",
    },
  },
  check({ document, report }) {
    for (const pod of podSitesOf(document!)) {
      for (const volume of hostPathVolumesOf(pod)) {
        const name = volume.name ?? "(unnamed)";
        const where = volume.path ? `"${volume.path.value}" of the node` : "a path of the node";
        const data: Data = { volume: name };
        if (volume.path) data.path = volume.path.value;
        const key = volume.pair.key!;
        report({
          at: [key.range![0], key.range![1]],
          message: `Volume "${name}" mounts ${where}, so the pod shares the node's files and depends on what that node holds. Use a PersistentVolumeClaim, ConfigMap or emptyDir instead.`,
          data,
        });
      }
    }
  },
});
