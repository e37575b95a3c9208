import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, getPair, scalarString } from "../../../documents/ast.ts";
import { setAt, styleOf } from "../../../kubernetes/security/edits.ts";
import { hostPathVolumesOf } from "../../../kubernetes/security/host-paths.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { booleanAt } from "../../../kubernetes/security/settings.ts";
import { mapsOf } from "../../../kubernetes/values/walk.ts";

interface Data {
  container: string;
  volume: string;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/writable-host-path",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  // Log shippers and node agents write to the node on purpose; this is opted into.
  recommended: false,
  docs: {
    summary: "A container mounts a hostPath volume without readOnly: true.",
    why:
      "A writable mount of a node path lets the container change files the node and other pods rely on: plant a binary or a cron job, rewrite configuration, fill the node's disk. Mount host paths read-only unless the container's job is to write there. A container that writes to the mount fails once it is read-only, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: fluent/fluent-bit:3.2\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: fluent/fluent-bit:3.2\n      volumeMounts:\n        - name: logs\n          mountPath: /var/log\n          readOnly: true\n  volumes:\n    - name: logs\n      hostPath:\n        path: /var/log\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      const hostPaths = new Map(hostPathVolumesOf(pod).flatMap((volume) => (volume.name === undefined ? [] : [[volume.name, volume] as const])));
      if (hostPaths.size === 0) continue;
      for (const container of pod.containers) {
        for (const mount of mapsOf(getNode(container.map, "volumeMounts"))) {
          const name = scalarString(getNode(mount, "name"));
          const volume = name === undefined ? undefined : hostPaths.get(name);
          if (!volume) continue;
          const readOnly = booleanAt(mount, "readOnly");
          if (readOnly.state === "unknown" || (readOnly.state === "set" && readOnly.value)) continue;
          const at = (readOnly.state === "set" ? readOnly.node : getPair(mount, "name")!.value) as Node;
          const nodePath = volume.path ? ` "${volume.path.value}"` : "";
          const fix = planFix(`Mount ${name} read-only in container ${container.name}`, false, setAt(mount, ["readOnly"], "true", file.lines, style), pod.object, file.text);
          report({
            at: [at.range![0], at.range![1]],
            message: `Container "${container.name}" mounts the node's path${nodePath} (volume "${name}") writable, so it can change files the node and other pods rely on. Add readOnly: true unless it must write there.`,
            data: { container: container.name, volume: name!, fixes: plans(fix) },
          });
        }
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
