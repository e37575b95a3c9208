import { defineRule } from "../../define-rule.ts";
import { hostPathVolumesOf, sensitivityOf } from "../../../kubernetes/security/host-paths.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";

interface Data {
  volume: string;
  path: string;
}

export default defineRule<Data>({
  id: "kubernetes/sensitive-host-path",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  restricted: true,
  docs: {
    summary: "A hostPath volume mounts a sensitive path of the node, such as the container runtime's socket, /etc or /var/lib/kubelet.",
    why:
      "Some node paths are the node: whoever reaches the container runtime's socket (/var/run/docker.sock, containerd.sock) starts a privileged container and owns the node, /etc/kubernetes and /var/lib/etcd hold the cluster's credentials, /var/lib/kubelet holds every pod's secrets, and / holds all of it. Mounting one turns any bug in the pod into a node compromise. The runtime socket, the whole filesystem and the cluster's credentials are errors; other system paths are warnings. What the pod should use instead depends on what it does, so there is no fix.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: docker:27\n      volumeMounts:\n        - name: docker\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: gcr.io/kaniko-project/executor:v1.23.2\n      volumeMounts:\n        - name: workspace\n          mountPath: /workspace\n  volumes:\n    - name: workspace\n      emptyDir: {}\n",
    },
  },
  check({ document, report }) {
    for (const pod of podSitesOf(document!)) {
      for (const volume of hostPathVolumesOf(pod)) {
        if (!volume.path) continue;
        const sensitivity = sensitivityOf(volume.path.value);
        if (!sensitivity) continue;
        const name = volume.name ?? "(unnamed)";
        report({
          at: [volume.path.range![0], volume.path.range![1]],
          message: `Volume "${name}" mounts "${volume.path.value}", ${sensitivity.what}. A compromise of this pod ${sensitivity.nodeTakeover ? "is a compromise of the node" : "exposes the node"}; do not mount it unless the pod is a node agent that must.`,
          data: { volume: name, path: volume.path.value },
          ...(sensitivity.nodeTakeover ? { severity: "error" as const } : {}),
        });
      }
    }
  },
});
