import { isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getIn, getNode, type AnyNode } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { spanOf } from "../../../kubernetes/selector-nodes.ts";
import { absenceIsTelling, plainName, replacementFixes, suggestReplacements, type SuggestedReplacement } from "../../../kubernetes/reference-rules.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { IndexedResource } from "../../../workspace/indexed-resource.ts";

interface Data {
  service: string;
  suggestions: SuggestedReplacement[];
}

/** A backend's Service and port, as written in networking.k8s.io/v1 or in the older v1beta1 shape. */
interface Backend {
  service: Scalar & { value: string };
  port: Scalar | undefined;
}

export default defineRule<Data>({
  id: "kubernetes/ingress-backend",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "An Ingress backend names a Service that is not in its namespace, or a port that the Service does not expose.",
    why:
      "An Ingress routes only to a Service of its own namespace, by one of the Service's ports (`port.number` is the Service's `port`, not the container's). A wrong port answers 503 for every request of that path, and the Ingress is accepted without a word: that is an error. A Service that is not in the namespace may be created elsewhere, so that is a note, given when a close name suggests a typo, or when the whole workspace is known and holds other Services of that namespace (or this one in another): a workspace with none gets its Services from elsewhere.",
    invalid: {
      path: "web.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 8080\n",
    },
    valid: {
      path: "web.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (resource.kind !== "Ingress") continue;
      for (const backend of backendsOf(resource.node)) {
        const name = backend.service.value;
        const services = workspace.find("Service", resource.namespace, name);
        if (services.length === 0) {
          const known = workspace.inNamespace("Service", resource.namespace).map((service) => service.name);
          const names = closestMatches(name, new Set(known), 3, "name");
          const elsewhere = [...new Set(workspace.ofKind("Service").filter((service) => service.name === name).map((service) => service.namespace))];
          if (!absenceIsTelling(workspace, known.length, names.length > 0, elsewhere.length > 0)) continue;
          const where = elsewhere.length > 0 ? ` It exists in namespace ${elsewhere.join(", ")}, but an Ingress routes only to Services of its own.` : workspace.complete ? " It may be created outside this workspace." : "";
          report({
            at: spanOf(backend.service),
            message: `Service ${name} is not in namespace ${resource.namespace} of this workspace.${where}${names.length > 0 ? ` Did you mean ${names[0]}?` : ""}`,
            data: { service: name, suggestions: suggestReplacements(backend.service, names, (suggestion) => `Use Service ${suggestion}`, file.text) },
            severity: "info",
          });
          continue;
        }
        const problem = backend.port ? portProblem(backend.port, services) : undefined;
        if (!problem || !backend.port) continue;
        report({
          at: spanOf(backend.port),
          message: `Service ${name} exposes no port ${problem.wanted}, so this backend answers 503 to every request. ${problem.hint}`,
          data: { service: name, suggestions: suggestReplacements(backend.port, problem.suggestions, (suggestion) => `Use port ${suggestion}`, file.text, problem.numeric) },
        });
      }
    }
  },
  fix(data, context) {
    return replacementFixes(data.suggestions, context);
  },
});

/** Every Service backend of an Ingress: the default one and each path's. */
function backendsOf(ingress: AnyNode): Backend[] {
  const spec = getNode(ingress, "spec");
  const nodes: AnyNode[] = [getNode(spec, "defaultBackend"), getNode(spec, "backend")];
  const rules = getNode(spec, "rules");
  if (isSeq(rules)) {
    for (const rule of rules.items) {
      const paths = getIn(rule, ["http", "paths"]);
      if (isSeq(paths)) for (const path of paths.items) nodes.push(getNode(path, "backend"));
    }
  }
  const found: Backend[] = [];
  for (const node of nodes) {
    const service = getNode(node, "service");
    // networking.k8s.io/v1 writes `service: {name, port: {number | name}}`; v1beta1 wrote `serviceName` and `servicePort`.
    const name = service !== undefined ? getNode(service, "name") : getNode(node, "serviceName");
    const port = service !== undefined ? (getIn(service, ["port", "number"]) ?? getIn(service, ["port", "name"])) : getNode(node, "servicePort");
    const named = plainName(name);
    if (!named) continue;
    found.push({ service: named, port: isScalar(port) && port.range ? port : undefined });
  }
  return found;
}

/** What is wrong with a backend's port on Services that exist, or `undefined` when one of them has it. */
function portProblem(port: Scalar, services: readonly IndexedResource[]): { wanted: string; hint: string; suggestions: string[]; numeric: boolean } | undefined {
  const exposed = services.flatMap((service) => service.ports ?? []);
  // A Service without ports (an ExternalName one) cannot be judged by them.
  if (exposed.length === 0) return undefined;
  const value = port.value;
  if (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value))) {
    const number = Number(value);
    // A port whose number cannot be read (templated) might be this one.
    if (exposed.some((entry) => entry.number === number || entry.number === undefined)) return undefined;
    const numbers = [...new Set(exposed.map((entry) => entry.number).filter((entry) => entry !== undefined))];
    // The container's port written where the Service's belongs is the usual slip.
    const forwarding = exposed.filter((entry) => entry.targetPort === number && entry.number !== undefined).map((entry) => entry.number!);
    const suggestions = forwarding.length > 0 ? [...new Set(forwarding)] : numbers.length === 1 ? numbers : [];
    const hint = forwarding.length > 0 ? `Port ${forwarding[0]} forwards to ${number}; an Ingress names the Service's port.` : `It exposes ${numbers.join(", ")}.`;
    return { wanted: String(number), hint, suggestions: suggestions.map(String), numeric: true };
  }
  const named = plainName(port)?.value;
  if (named === undefined || exposed.some((entry) => entry.name === named)) return undefined;
  const names = [...new Set(exposed.map((entry) => entry.name).filter((entry) => entry !== undefined))];
  const close = closestMatches(named, new Set(names));
  const suggestions = close.length > 0 ? close : names.length === 1 ? names : [];
  const hint = close.length > 0 ? `Did you mean ${close[0]}?` : names.length > 0 ? `Its ports are named ${names.join(", ")}.` : "Its ports have no names.";
  return { wanted: `named ${named}`, hint, suggestions, numeric: false };
}
