import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getIn, getNode, scalarString, type AnyNode } from "../../../documents/ast.ts";
import { resourcesInContext, type ResourceInContext } from "../../../kubernetes/referencing.ts";
import { containersOf, podSpecOf } from "../../../kubernetes/workloads.ts";
import { selectsEverything } from "../../../kubernetes/selectors.ts";
import { mapSelectorAt, spanOf } from "../../../kubernetes/selector-nodes.ts";
import { ownersSelectedBy, podOwnersIn } from "../../../kubernetes/selected-pods.ts";
import { isTemplated } from "../../../kubernetes/values/scalars.ts";
import { replacementFixes, suggestReplacements, type SuggestedReplacement } from "../../../kubernetes/reference-rules.ts";
import { isValidName } from "../../../kubernetes/values/names.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { WorkspaceView } from "../../../workspace/workspace-index.ts";

interface Data {
  name: string;
  /** Each suggested port name, with the replacement that writes it. */
  suggestions: SuggestedReplacement[];
}

interface Problem {
  node: Scalar;
  message: (hint: string) => string;
  /** The port names to suggest from. */
  known: string[];
  /** Starts the sentence that lists them when none is close. */
  listed: string;
  severity?: "warning";
}

interface DeclaredPort {
  name: string | undefined;
  number: string | undefined;
  protocol: string;
}

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const HOOKS = ["postStart", "preStop"] as const;
/** Handlers whose `port` may be a name; a gRPC probe's port is a number only. */
const HANDLERS = ["httpGet", "tcpSocket"] as const;

export default defineRule<Data>({
  id: "kubernetes/unknown-port-name",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A probe, lifecycle hook or Service `targetPort` names a port that the container does not declare.",
    why:
      "A port given by name is looked up among the container's `ports`. A probe that names a missing port fails every time, so the container is never ready or is restarted forever; a Service `targetPort` that no selected container declares gives that Service port no endpoints. Kubernetes accepts both manifests and the mistake shows only at run time. A probe that names a port declared only for UDP or SCTP is a warning, since probes connect over TCP. Ports given by number are not checked: a container may listen on a port it does not declare.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 8080\n      readinessProbe:\n        httpGet:\n          path: /ready\n          port: htp\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: http\n          containerPort: 8080\n      readinessProbe:\n        httpGet:\n          path: /ready\n          port: http\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      const problems = [...containerProblems(resource), ...serviceProblems(resource, workspace)];
      for (const problem of problems) {
        const name = String(problem.node.value);
        const close = closestMatches(name, new Set(problem.known));
        // With nothing close, a container's only named port is still the likely one.
        const names = close.length > 0 ? close : new Set(problem.known).size === 1 ? [problem.known[0]!] : [];
        const suggestions = suggestReplacements(problem.node, names, (suggestion) => `Use port ${suggestion}`, file.text);
        const hint = close.length > 0 ? ` Did you mean ${close[0]}?` : problem.known.length > 0 ? ` ${problem.listed} ${[...new Set(problem.known)].join(", ")}.` : "";
        report({ at: spanOf(problem.node), message: problem.message(hint), data: { name, suggestions }, ...(problem.severity ? { severity: problem.severity } : {}) });
      }
    }
  },
  fix(data, context) {
    return replacementFixes(data.suggestions, context);
  },
});

/** Probes and lifecycle hooks that name a port their container does not declare. */
function containerProblems(resource: ResourceInContext): Problem[] {
  const podSpec = podSpecOf(resource.node);
  if (podSpec === undefined) return [];
  const problems: Problem[] = [];
  for (const { container } of containersOf(podSpec)) {
    const containerName = scalarString(getNode(container, "name")) ?? "?";
    const ports = getNode(container, "ports");
    if (ports !== undefined && ports !== null && !isSeq(ports)) continue;
    const declared = isSeq(ports) ? ports.items.filter((port) => isMap(port)).map(declaredPort) : [];
    const known = declared.map((port) => port.name).filter((name) => name !== undefined);
    const handlers: Array<[string, AnyNode]> = [
      ...PROBES.map((probe): [string, AnyNode] => [probe, getNode(container, probe)]),
      ...HOOKS.map((hook): [string, AnyNode] => [`${hook} hook`, getIn(container, ["lifecycle", hook])]),
    ];
    for (const [what, handler] of handlers) {
      for (const kind of HANDLERS) {
        const port = namedPort(getIn(handler, [kind, "port"]));
        if (!port) continue;
        const target = declared.find((entry) => entry.name === port.value);
        if (target === undefined) {
          problems.push({
            node: port,
            known,
            listed: "It declares",
            message: (hint) => `Container ${containerName} declares no port named ${port.value}, so its ${what} cannot reach it and fails every time.${hint}`,
          });
        } else if (target.protocol !== "TCP" && !declared.some((entry) => entry.number === target.number && entry.protocol === "TCP")) {
          // httpGet and tcpSocket connect over TCP; a port declared only for UDP or SCTP does not answer them.
          const tcp = declared.filter((entry) => entry.protocol === "TCP" && entry.name !== undefined).map((entry) => entry.name!);
          problems.push({
            node: port,
            known: tcp,
            listed: "Its TCP ports are",
            severity: "warning",
            message: (hint) => `Port ${port.value} of container ${containerName} is declared for ${target.protocol}, but its ${what} connects over TCP.${hint}`,
          });
        }
      }
    }
  }
  return problems;
}

/** A Service's `targetPort` names that no container of the pods it selects declares. */
function serviceProblems(resource: ResourceInContext, workspace: WorkspaceView): Problem[] {
  if (resource.kind !== "Service") return [];
  const spec = getNode(resource.node, "spec");
  if (scalarString(getNode(spec, "type")) === "ExternalName") return [];
  const located = mapSelectorAt(getNode(spec, "selector"));
  const ports = getNode(spec, "ports");
  if (!located || selectsEverything(located.selector) || !isSeq(ports)) return [];
  // Most Services give target ports by number: then there are no pods to look up.
  if (!ports.items.some((port) => namedPort(getNode(port, "targetPort")) !== undefined)) return [];
  const { owners, unknown } = podOwnersIn(workspace, resource.namespace);
  const selected = ownersSelectedBy(located.selector, owners);
  // With no pod selected there is nothing to compare with; another rule reports the selector.
  if (unknown || selected.length === 0) return [];
  const known = selected.flatMap((owner) => (owner.resource.ports ?? []).map((port) => port.name).filter((name) => name !== undefined));
  const described = selected.slice(0, 2).map((owner) => `${owner.resource.kind} ${owner.resource.name}`).join(", ") + (selected.length > 2 ? ", ..." : "");
  const problems: Problem[] = [];
  for (const port of ports.items) {
    const target = namedPort(getNode(port, "targetPort"));
    if (!target || known.includes(String(target.value))) continue;
    const servicePort = scalarString(getNode(port, "port"));
    problems.push({
      node: target,
      known,
      listed: "They declare",
      message: (hint) => `No container of the pods this Service selects (${described}) declares a port named ${target.value}, so ${servicePort ? `Service port ${servicePort}` : "this Service port"} has no endpoints.${hint}`,
    });
  }
  return problems;
}

function declaredPort(port: AnyNode): DeclaredPort {
  return { name: scalarString(getNode(port, "name")), number: scalarString(getNode(port, "containerPort")), protocol: scalarString(getNode(port, "protocol")) ?? "TCP" };
}

/** A port given by name: a string that is not a number and not filled in by a template. */
function namedPort(node: AnyNode): Scalar | undefined {
  if (!isScalar(node) || typeof node.value !== "string" || !node.range) return undefined;
  const value = node.value;
  if (value === "" || /^\d+$/.test(value) || isTemplated(value) || value.includes("$(")) return undefined;
  // A name that breaks the syntax is the port rules' finding; one mistake gives one finding.
  return isValidName(value, "port-name") ? node : undefined;
}
