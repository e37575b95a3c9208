import { isMap, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getPair } from "../../../documents/ast.ts";
import { contentEnd } from "../../../edits/content-end.ts";
import { capabilityList, capabilityName, type CapabilityItem, type CapabilityList } from "../../../kubernetes/security/capabilities.ts";
import { removeAt, removeItems } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf, type ContainerSite } from "../../../kubernetes/security/pods.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  container: string;
  capability: string;
  fixes: PlannedFix[];
}

/** What each capability that opens a way out of the container, or into its neighbours, allows. */
const DANGEROUS: Record<string, string> = {
  ALL: "gives the container every capability, as good as privileged",
  SYS_ADMIN: "allows mounting filesystems and most kernel administration, the usual way out of a container",
  NET_ADMIN: "allows changing interfaces, routes and firewall rules of the pod's network",
  NET_RAW: "allows forging packets, which enables ARP and DNS spoofing against other pods",
  SYS_PTRACE: "allows tracing and reading the memory of other processes",
  SYS_MODULE: "allows loading kernel modules, which is code running in the node's kernel",
  SYS_RAWIO: "allows raw access to I/O ports and memory",
  SYS_BOOT: "allows rebooting the node",
  SYS_TIME: "allows setting the node's clock",
  DAC_READ_SEARCH: "allows reading any file and opening files by handle, a known container escape",
  BPF: "allows loading BPF programs into the kernel",
  PERFMON: "allows kernel performance monitoring, which leaks kernel memory layout",
  MAC_ADMIN: "allows changing the AppArmor or SELinux policy",
  MAC_OVERRIDE: "allows bypassing the AppArmor or SELinux policy",
  SYSLOG: "allows reading the kernel log, which leaks kernel addresses",
};

/** Capabilities that amount to owning the node are errors; the rest are warnings. */
const NODE_LEVEL = new Set(["ALL", "SYS_ADMIN", "SYS_MODULE"]);

export default defineRule<Data>({
  id: "kubernetes/dangerous-capabilities",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  restricted: true,
  docs: {
    summary: "A container adds a dangerous Linux capability, such as ALL, SYS_ADMIN, NET_ADMIN or NET_RAW.",
    why:
      "Capabilities split root's powers; some of them are almost all of it. ALL and SYS_ADMIN are as good as a privileged container, SYS_MODULE loads code into the node's kernel, SYS_PTRACE reads other processes, and NET_RAW and NET_ADMIN let a container spoof or reroute its neighbours' traffic. Add only the capability the process needs and justify it. The option `allow` lists capabilities not to report (for example NET_ADMIN for a CNI agent). Removing one can break the workload, so the fix is never applied without review.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add:\n            - SYS_ADMIN\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n          add:\n            - NET_BIND_SERVICE\n",
    },
  },
  check({ file, document, options, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const allowed = new Set(Array.isArray(options.allow) ? options.allow.filter((item): item is string => typeof item === "string").map(capabilityName) : []);
    for (const pod of pods) {
      if (pod.windows) continue;
      for (const container of pod.containers) {
        const added = capabilityList(container.map, "add");
        if (added === "unknown") continue;
        for (const item of added.items) {
          const what = DANGEROUS[item.name];
          if (what === undefined || allowed.has(item.name)) continue;
          const fix = planFix(`Remove ${item.written} from container ${container.name}`, false, removalEdits(container, added, item, file.lines), pod.object, file.text);
          report({
            at: [item.node.range![0], item.node.range![1]],
            message: `Container "${container.name}" adds capability ${item.written}, which ${what}. Remove it unless the container cannot work without it.`,
            data: { container: container.name, capability: item.name, fixes: plans(fix) },
            ...(NODE_LEVEL.has(item.name) ? { severity: "error" as const } : {}),
          });
        }
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});

/**
 * Removes one capability. When it was the only one added, the `add` entry goes too, and
 * so on upwards; a `securityContext` left with nothing is written `{}`, as an empty
 * mapping, rather than removed, so a later setting has an obvious place to go.
 */
function removalEdits(container: ContainerSite, added: CapabilityList, item: CapabilityItem, lines: LineIndex): TextEdit[] | undefined {
  if (!added.seq || !added.pair || !added.capabilities) return undefined;
  if (added.items.length > 1) return removeItems(added.seq, new Set([item.index]), lines);
  if (added.capabilities.items.length > 1) return [removeAt(added.capabilities, added.pair, lines)];
  const contextPair = getPair(container.map, "securityContext");
  const securityContext = contextPair?.value;
  if (!contextPair || !isMap(securityContext)) return undefined;
  const capabilitiesPair = getPair(securityContext, "capabilities");
  if (!capabilitiesPair) return undefined;
  if (securityContext.items.length > 1) return [removeAt(securityContext, capabilitiesPair, lines)];
  return emptied(contextPair.key, securityContext, lines);
}

/** Replaces a mapping entry's value with `{}`. */
function emptied(key: Node, value: Node, lines: LineIndex): TextEdit[] | undefined {
  if (!key.range || !value.range) return undefined;
  const colon = lines.text.indexOf(":", key.range[1]);
  if (colon < 0) return undefined;
  return [{ range: lines.rangeOf(colon + 1, contentEnd(lines.text, value.range[1])), newText: " {}" }];
}
