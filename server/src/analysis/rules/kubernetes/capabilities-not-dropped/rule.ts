import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { capabilityList, RUNTIME_DEFAULT_CAPABILITIES, type CapabilityList } from "../../../kubernetes/security/capabilities.ts";
import { removeAt, removeItems, replaceValue, setAt, styleOf, type Style } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf, type ContainerSite } from "../../../kubernetes/security/pods.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  container: string;
  fixes: PlannedFix[];
}

export default defineRule<Data>({
  id: "kubernetes/capabilities-not-dropped",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container does not drop ALL Linux capabilities.",
    why:
      "A container starts with the runtime's default capabilities, among them NET_RAW (forged packets, ARP and DNS spoofing against its neighbours) and CHOWN, DAC_OVERRIDE and SETUID (ways around file permissions). Dropping ALL and adding back only what the process needs (usually nothing, or NET_BIND_SERVICE for ports below 1024) removes them; the Pod Security Standards' restricted level requires `drop: [ALL]`, spelled in capitals. A process that needs a dropped capability fails, so the fix is never applied without review. Set the option `requireAll: false` to also accept `all` in any case, or an explicit drop of every default capability, as Polaris does.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop:\n            - NET_RAW\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n          add:\n            - NET_BIND_SERVICE\n",
    },
  },
  check({ file, document, options, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const requireAll = options.requireAll !== false;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      // Windows containers have no Linux capabilities.
      if (pod.windows) continue;
      for (const container of pod.containers) {
        const dropped = capabilityList(container.map, "drop");
        if (dropped === "unknown" || dropsAll(dropped, requireAll)) continue;
        const miscased = dropped.items.find((item) => item.name === "ALL");
        const at: Node = dropped.pair?.key ?? container.anchor;
        const fix = planFix(`Drop ALL capabilities in container ${container.name}`, false, dropAllEdits(container, dropped, file.lines, style), pod.object, file.text);
        const message = miscased
          ? `Container "${container.name}" drops "${miscased.written}" rather than "ALL"; runtimes read both as every capability, but Pod Security admission only accepts the capitals.`
          : `Container "${container.name}" does not drop ALL capabilities, so it keeps the runtime's defaults, NET_RAW and SETUID among them. Drop ALL and add back only what it needs.`;
        report({ at: [at.range![0], at.range![1]], message, data: { container: container.name, fixes: plans(fix) } });
      }
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});

function dropsAll(dropped: CapabilityList, requireAll: boolean): boolean {
  if (dropped.items.some((item) => (requireAll ? item.written.trim() === "ALL" : item.name === "ALL"))) return true;
  if (requireAll) return false;
  const names = new Set(dropped.items.map((item) => item.name));
  return [...RUNTIME_DEFAULT_CAPABILITIES].every((name) => names.has(name));
}

/**
 * Makes the drop list `[ALL]`: the names it listed are part of ALL. An `ALL` in the add
 * list is removed too: container runtimes apply the drop after it, so it grants nothing,
 * and to a reader it says the opposite.
 */
function dropAllEdits(container: ContainerSite, dropped: CapabilityList, lines: LineIndex, style: Style): TextEdit[] | undefined {
  const replaced = dropped.pair && dropped.capabilities ? replaceValue(dropped.capabilities, dropped.pair, ["ALL"], lines, style) : undefined;
  const drop = replaced ? [replaced] : dropped.pair ? undefined : setAt(container.map, ["securityContext", "capabilities", "drop"], ["ALL"], lines, style);
  if (!drop) return undefined;
  const added = capabilityList(container.map, "add");
  if (added === "unknown" || !added.capabilities || added.capabilities.flow || !added.pair || !added.seq) return drop;
  const all = new Set(added.items.filter((item) => item.name === "ALL").map((item) => item.index));
  if (all.size === 0) return drop;
  const removal = all.size === added.items.length ? [removeAt(added.capabilities, added.pair, lines)] : removeItems(added.seq, all, lines);
  return removal ? [...drop, ...removal] : drop;
}
