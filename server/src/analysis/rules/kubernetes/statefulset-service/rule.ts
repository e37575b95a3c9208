import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { labelSelectorAt, matchLabelsSource, spanOf } from "../../../kubernetes/selector-nodes.ts";
import { absenceIsTelling, plainName, replacementFixes, suggestReplacements, type SuggestedReplacement } from "../../../kubernetes/reference-rules.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { Fix, TextEdit } from "../../../types.ts";

interface Data {
  service: string;
  /** Offsets of `serviceName`'s value: fixes apply only while it still reads `service`. */
  at: [number, number];
  suggestions: SuggestedReplacement[];
  /** Adds `clusterIP: None` to the Service, possibly in another file. */
  headless?: TextEdit;
  /** Appends a headless Service for the StatefulSet's pods to this file. */
  stub?: { text: string };
}

export default defineRule<Data>({
  id: "kubernetes/statefulset-service",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A StatefulSet's `serviceName` is not a headless Service of its namespace.",
    why:
      "A StatefulSet's pods get their stable DNS names (`web-0.web.shop.svc`) from the governing Service that `serviceName` names, and only a headless Service (`clusterIP: None`) publishes a record per pod. With a Service that has a cluster IP, peers that find each other by pod name (databases, brokers) cannot. That is a warning, with a fix that makes the Service headless; an existing Service's `clusterIP` cannot change in place, so it must be recreated. A Service that is not in the namespace may be created elsewhere, so that is a note, given when a close name suggests a typo, or when the whole workspace is known and holds other Services of that namespace.",
    invalid: {
      path: "db.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector:\n    app: db\n  ports:\n    - port: 5432\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n",
    },
    valid: {
      path: "db.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - port: 5432\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (resource.kind !== "StatefulSet") continue;
      const nameNode = plainName(getIn(resource.node, ["spec", "serviceName"]));
      if (!nameNode) continue;
      const service = nameNode.value;
      const at = spanOf(nameNode);
      const services = workspace.find("Service", resource.namespace, service);
      if (services.length > 0) {
        if (services.some((candidate) => candidate.headless)) continue;
        const data: Data = { service, at, suggestions: [] };
        const insertion = services.length === 1 ? services[0]!.clusterIPInsertion : undefined;
        if (insertion) {
          data.headless = {
            path: services[0]!.path,
            range: { start: { line: insertion.line, character: 0 }, end: { line: insertion.line, character: 0 } },
            newText: `${" ".repeat(insertion.indent)}clusterIP: None${insertion.eol}`,
          };
        }
        report({ at, message: `Service ${service} has a cluster IP, so the pods of this StatefulSet get no DNS names of their own; a governing Service must be headless (clusterIP: None).`, data });
        continue;
      }
      const known = workspace.inNamespace("Service", resource.namespace).map((candidate) => candidate.name);
      const names = closestMatches(service, new Set(known), 3, "name");
      if (!absenceIsTelling(workspace, known.length, names.length > 0)) continue;
      const data: Data = { service, at, suggestions: suggestReplacements(nameNode, names, (name) => `Use Service ${name}`, file.text) };
      const stub = headlessServiceStub(service, getIn(resource.node, ["metadata", "namespace"]) ? resource.namespace : undefined, getIn(resource.node, ["spec", "selector"]), file.lines.eol, file.text);
      if (stub) data.stub = { text: stub };
      const where = workspace.complete ? " It may be created outside this workspace." : "";
      report({
        at,
        message: `Service ${service} is not in namespace ${resource.namespace} of this workspace, so the pods of this StatefulSet get no DNS names of their own.${where}${names.length > 0 ? ` Did you mean ${names[0]}?` : ""}`,
        data,
        severity: "info",
      });
    }
  },
  fix(data, context) {
    if (context.text.slice(data.at[0], data.at[1]).replace(/^["']|["']$/g, "") !== data.service) return [];
    const fixes: Fix[] = replacementFixes(data.suggestions, context);
    if (data.headless) fixes.push({ title: `Make Service ${data.service} headless`, safe: false, edits: [data.headless] });
    if (data.stub) {
      const { text, lines } = context;
      const separator = text.length === 0 || text.endsWith("\n") ? "" : lines.eol;
      fixes.push({ title: `Create headless Service ${data.service} in this file`, safe: false, edits: [{ range: lines.rangeOf(text.length, text.length), newText: `${separator}---${lines.eol}${data.stub.text}` }] });
    }
    return fixes;
  },
});

/** A headless Service selecting the StatefulSet's pods by its `matchLabels`, copied as written; none for other selectors. */
function headlessServiceStub(name: string, namespace: string | undefined, selectorNode: Parameters<typeof labelSelectorAt>[0], eol: string, text: string): string | undefined {
  const entries = matchLabelsSource(labelSelectorAt(selectorNode), text);
  if (!entries) return undefined;
  const labels = entries.map((entry) => `    ${entry}`);
  const metadata = ["metadata:", `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : [])];
  return ["apiVersion: v1", "kind: Service", ...metadata, "spec:", "  clusterIP: None", "  selector:", ...labels].join(eol) + eol;
}
