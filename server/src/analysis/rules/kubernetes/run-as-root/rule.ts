import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { replaceValue, setAt, styleOf } from "../../../kubernetes/security/edits.ts";
import { fixesOf, planFix, plans, type PlannedFix } from "../../../kubernetes/security/planned-fix.ts";
import { podSitesOf, type ContainerSite, type PodSite } from "../../../kubernetes/security/pods.ts";
import { booleanAt, integerAt, securityContextOf, type Setting } from "../../../kubernetes/security/settings.ts";

interface Data {
  /** The containers the finding is about. */
  containers: string[];
  fixes: PlannedFix[];
}

/** How one container runs, after the pod's settings fill in what it leaves out. */
interface Effective {
  container: ContainerSite;
  ownNonRoot: Setting<boolean>;
  nonRoot: Setting<boolean>;
  ownUser: Setting<number>;
  user: Setting<number>;
}

export default defineRule<Data>({
  id: "kubernetes/run-as-root",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  restricted: true,
  docs: {
    summary: "A container may run as root: runAsNonRoot is not true, or runAsUser is 0.",
    why:
      "Most images run as root unless told otherwise, and root in a container is root on the node's kernel: one kernel or runtime bug away from the node. With runAsNonRoot: true the kubelet refuses to start a container whose user is root; the Pod Security Standards' restricted level requires it. Set it on the pod, which covers every container, or on each container. The fix is safe when every container it covers has a non-zero runAsUser, and needs review otherwise: an image whose user is root will no longer start.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 101\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check({ file, document, report }) {
    const pods = podSitesOf(document!);
    if (pods.length === 0) return;
    const style = styleOf(document!.yaml.contents, file.lines);
    for (const pod of pods) {
      const podContext = securityContextOf(pod.spec);
      const podNonRoot = booleanAt(podContext, "runAsNonRoot");
      const podUser = integerAt(podContext, "runAsUser");
      const effective = pod.containers.flatMap((container) => {
        const own = securityContextOf(container.map);
        const ownNonRoot = booleanAt(own, "runAsNonRoot");
        const ownUser = integerAt(own, "runAsUser");
        const nonRoot = ownNonRoot.state === "unset" ? podNonRoot : ownNonRoot;
        const user = ownUser.state === "unset" ? podUser : ownUser;
        return nonRoot.state === "unknown" || user.state === "unknown" ? [] : [{ container, ownNonRoot, nonRoot, ownUser, user }];
      });
      const known = effective.length === pod.containers.length;
      const inheritRootUser: Effective[] = [];
      const inheritNonRoot: Effective[] = [];

      for (const entry of effective) {
        const { container, ownNonRoot, nonRoot, ownUser, user } = entry;
        if (user.state === "set" && user.value === 0) {
          if (ownUser.state === "set") {
            report({ at: span(ownUser.node), message: `Container "${container.name}" runs as root: its runAsUser is 0. Give it a non-zero user id.`, data: { containers: [container.name], fixes: [] } });
          } else {
            inheritRootUser.push(entry);
          }
          continue;
        }
        if (nonRoot.state === "set" && nonRoot.value) continue;
        if (ownNonRoot.state === "set") {
          const safe = user.state === "set";
          const own = securityContextOf(container.map);
          const edit = own && own !== "unknown" ? replaceValue(own, ownNonRoot.pair, "true", file.lines, style) : undefined;
          const fix = planFix(`Set runAsNonRoot to true in container ${container.name}`, safe, edit, pod.object, file.text);
          report({
            at: span(ownNonRoot.node),
            message: `Container "${container.name}" sets runAsNonRoot to false, so it runs as root whenever its image's user is root. Set it to true${safe ? "" : ", with a non-zero runAsUser if the image has no user of its own"}.`,
            data: { containers: [container.name], fixes: plans(fix) },
          });
        } else {
          inheritNonRoot.push(entry);
        }
      }

      if (inheritRootUser.length > 0 && podUser.state === "set") {
        const names = inheritRootUser.map(({ container }) => container.name);
        report({ at: span(podUser.node), message: `The pod's runAsUser is 0, so ${names.length === 1 ? `container "${names[0]}" runs` : `containers ${listOf(names)} run`} as root. Give the pod a non-zero user id.`, data: { containers: names, fixes: [] } });
      }
      if (inheritNonRoot.length > 0) reportPodNonRoot(pod, inheritNonRoot, podNonRoot, known ? effective : undefined);
    }

    function reportPodNonRoot(pod: PodSite, inheriting: Effective[], podNonRoot: Setting<boolean>, all: Effective[] | undefined): void {
      const names = inheriting.map(({ container }) => container.name);
      // Setting it on the pod changes every container that does not set it itself; it cannot break one that runs as a non-zero user.
      const safe = all !== undefined && all.every(({ ownNonRoot, user }) => ownNonRoot.state === "set" || (user.state === "set" && user.value !== 0));
      const explicit = podNonRoot.state === "set";
      const podContext = securityContextOf(pod.spec);
      const edits =
        explicit && podContext !== undefined && podContext !== "unknown"
          ? replaceValue(podContext, podNonRoot.pair, "true", file.lines, style)
          : setAt(pod.spec, ["securityContext", "runAsNonRoot"], "true", file.lines, style);
      const fix = planFix("Set runAsNonRoot to true for the pod", safe, edits, pod.object, file.text);
      const subject = names.length === 1 ? `container "${names[0]}" runs` : `containers ${listOf(names)} run`;
      const message = explicit
        ? `The pod sets runAsNonRoot to false, so ${subject} as root whenever the image's user is root. Set it to true.`
        : `Neither the pod nor ${names.length === 1 ? `container "${names[0]}"` : `containers ${listOf(names)}`} set${names.length === 1 ? "s" : ""} runAsNonRoot: true, so ${names.length === 1 ? "it runs" : "they run"} as root whenever the image's user is root. Set it on the pod${safe ? "" : ", with a non-zero runAsUser for images that have no user of their own"}.`;
      const at: Node = explicit ? podNonRoot.node : pod.specKey;
      report({ at: span(at), message, data: { containers: names, fixes: plans(fix) } });
    }
  },
  fix(data, context) {
    return fixesOf(data.fixes, context);
  },
});

function span(node: Node): [number, number] {
  return [node.range![0], node.range![1]];
}

function listOf(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}
