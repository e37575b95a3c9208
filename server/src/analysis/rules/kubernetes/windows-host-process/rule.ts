import { defineRule } from "../../define-rule.ts";
import { replaceValue, styleOf } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf } from "../../../kubernetes/security/pods.ts";
import { booleanAt, mappingAt, securityContextOf } from "../../../kubernetes/security/settings.ts";

interface Data {
  /** The container, or `undefined` for the pod's own setting. */
  container?: string;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/windows-host-process",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  restricted: true,
  docs: {
    summary: "A Windows pod or container runs as a HostProcess: windowsOptions.hostProcess is true.",
    why:
      "A Windows HostProcess container runs directly on the node, outside any container isolation, with the node's network and file system: it is the Windows counterpart of a privileged container, and the Pod Security Standards forbid it from their baseline level up. Only node agents need it. Such an agent stops working without it, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: NT AUTHORITY\\SYSTEM\n  containers:\n    - name: agent\n      image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      const targets = [
        { owner: pod.spec, container: undefined as string | undefined },
        ...pod.containers.map((container) => ({ owner: container.map, container: container.name as string | undefined })),
      ];
      for (const { owner, container } of targets) {
        const options = mappingAt(securityContextOf(owner), "windowsOptions");
        const hostProcess = booleanAt(options, "hostProcess");
        if (hostProcess.state !== "set" || !hostProcess.value || options === undefined || options === "unknown") continue;
        const subject = container === undefined ? "The pod" : `Container "${container}"`;
        const title = container === undefined ? "Set hostProcess to false for the pod" : `Set hostProcess to false in container ${container}`;
        const fix = planFix(title, false, replaceValue(options, hostProcess.pair, "false", file.lines, style), pod.object, file.text);
        const data: Data = { fixes: plans(fix) };
        if (container !== undefined) data.container = container;
        report({
          at: [hostProcess.node.range![0], hostProcess.node.range![1]],
          message: `${subject} runs as a Windows HostProcess, directly on the node without container isolation. Remove it unless this is a node agent that must.`,
          data,
        });
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});
