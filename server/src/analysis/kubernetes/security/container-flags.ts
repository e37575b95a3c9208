import type { Node } from "yaml";
import type { CheckContext } from "../../rules/define-rule.ts";
import { setAt, styleOf } from "./edits.ts";
import { planFix, plans, type PlannedFix } from "./planned-fix.ts";
import { podSitesOf, type ContainerSite, type PodSite } from "./pods.ts";
import { booleanAt, securityContextOf } from "./settings.ts";

/** The data of a finding about one container's security setting. */
export interface ContainerFlagData {
  container: string;
  fixes: PlannedFix[];
}

/** How a rule about a container's boolean `securityContext` setting reads and mends it. */
export interface ContainerFlag {
  key: string;
  /** The value a hardened container has. */
  wanted: boolean;
  /** Whether leaving the setting out is a finding too, because Kubernetes' default is the risky value. */
  unsetIsFinding: boolean;
  /** Windows has no such setting, so its pods are skipped. */
  linuxOnly: boolean;
  message(pod: PodSite, container: ContainerSite, explicit: boolean): string;
  /** A fix that cannot work for this container (Kubernetes would reject it) is left out. */
  fixable?(container: ContainerSite): boolean;
  safe?: boolean;
}

/**
 * Reports each container whose `securityContext.<key>` is not the hardened value, at
 * the value when it is written and at the container's name when it is left out. The
 * fix writes the hardened value, creating `securityContext` when the container has none.
 */
export function checkContainerFlag(context: CheckContext<ContainerFlagData>, flag: ContainerFlag): void {
  const { file, document, report } = context;
  const pods = podSitesOf(document!);
  if (pods.length === 0) return;
  const style = styleOf(document!.yaml.contents, file.lines);
  for (const pod of pods) {
    if (flag.linuxOnly && pod.windows) continue;
    for (const container of pod.containers) {
      const securityContext = securityContextOf(container.map);
      const setting = booleanAt(securityContext, flag.key);
      if (setting.state === "unknown" || (setting.state === "set" && setting.value === flag.wanted)) continue;
      if (setting.state === "unset" && !flag.unsetIsFinding) continue;
      const explicit = setting.state === "set";
      const at: Node = explicit ? setting.node : container.anchor;
      const edits = flag.fixable && !flag.fixable(container) ? undefined : setAt(container.map, ["securityContext", flag.key], String(flag.wanted), file.lines, style);
      const fix = planFix(`Set ${flag.key} to ${flag.wanted} in container ${container.name}`, flag.safe ?? false, edits, pod.object, file.text);
      report({ at: [at.range![0], at.range![1]], message: flag.message(pod, container, explicit), data: { container: container.name, fixes: plans(fix) } });
    }
  }
}
