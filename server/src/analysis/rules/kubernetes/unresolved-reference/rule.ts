import { defineRule } from "../../define-rule.ts";
import { objectReferencesOf } from "../../../kubernetes/references.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  kind: string;
  name: string;
  namespace: string;
  /** Offsets of the reference's name, to rename it. */
  at: [number, number];
  suggestions: string[];
  /** Appends a stub object to this file; absent for kinds a stub cannot stand in for. */
  stub?: TextEdit;
}

/** Kinds whose empty stub is a valid, useful starting point. */
const STUBS: Record<string, (name: string, namespace: string, keys: string[], eol: string) => string> = {
  ConfigMap: (name, namespace, keys, eol) => stubText("v1", "ConfigMap", name, namespace, keys.length > 0 ? ["data:", ...keys.map((key) => `  ${key}: ""`)] : [], eol),
  Secret: (name, namespace, keys, eol) =>
    stubText("v1", "Secret", name, namespace, ["type: Opaque", ...(keys.length > 0 ? ["stringData:", ...keys.map((key) => `  ${key}: ""`)] : [])], eol),
  ServiceAccount: (name, namespace, _keys, eol) => stubText("v1", "ServiceAccount", name, namespace, [], eol),
  PersistentVolumeClaim: (name, namespace, _keys, eol) =>
    stubText("v1", "PersistentVolumeClaim", name, namespace, ["spec:", "  accessModes: [ReadWriteOnce]", "  resources:", "    requests:", "      storage: 1Gi"], eol),
};

export default defineRule<Data>({
  id: "kubernetes/unresolved-reference",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A workload refers to a ConfigMap, Secret, ServiceAccount or PersistentVolumeClaim that is nowhere in the workspace.",
    why:
      "A pod that mounts or reads a missing object never starts (CreateContainerConfigError, or Pending). The object may come from elsewhere (another repository, an operator), so this is a note, not an error; set the rule's severity higher if every object lives in this workspace.",
    invalid: {
      path: "app.yaml",
      text:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - configMapRef:\n            name: web-settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-setings\ndata:\n  mode: fast\n",
    },
    valid: {
      path: "app.yaml",
      text:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      envFrom:\n        - configMapRef:\n            name: web-settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  mode: fast\n",
    },
  },
  check({ document, workspace, file, report }) {
    // Analysed alone, a file cannot tell a missing object from one defined in another file,
    // unless the file itself holds an object of that kind with a close name.
    for (const resource of resourcesInContext(document!, workspace)) {
      for (const reference of objectReferencesOf(resource.node)) {
        if (reference.optional || workspace.find(reference.kind, resource.namespace, reference.name).length > 0) continue;
        const sameNamespace = workspace.inNamespace(reference.kind, resource.namespace).map((candidate) => candidate.name);
        const suggestions = closestMatches(reference.name, new Set(sameNamespace), 3, "name");
        if (!workspace.complete && suggestions.length === 0) continue;
        const elsewhere = [...new Set(workspace.ofKind(reference.kind).filter((candidate) => candidate.name === reference.name).map((candidate) => candidate.namespace))];
        const where = elsewhere.length > 0 ? ` It exists in namespace ${elsewhere.join(", ")}, but pods can only use one from their own.` : workspace.complete ? " It may be created outside this workspace." : "";
        const hint = suggestions.length > 0 ? ` Did you mean ${suggestions[0]}?` : "";
        const data: Data = { kind: reference.kind, name: reference.name, namespace: resource.namespace, at: reference.at, suggestions };
        const stub = STUBS[reference.kind];
        if (stub && elsewhere.length === 0) {
          const text = file.text;
          const eol = file.lines.eol;
          const separator = text.length === 0 || text.endsWith("\n") ? "" : eol;
          const namespace = resource.namespace === "default" ? "" : resource.namespace;
          data.stub = {
            range: file.lines.rangeOf(text.length, text.length),
            newText: `${separator}---${eol}${stub(reference.name, namespace, reference.keys.map((key) => key.key), eol)}`,
          };
        }
        report({
          at: reference.at,
          message: `${reference.kind} ${reference.name}, used by ${reference.via}, is not in namespace ${resource.namespace || "(cluster)"} of this workspace.${where}${hint}`,
          data,
        });
      }
    }
  },
  fix(data, { text, lines }) {
    if (text.slice(data.at[0], data.at[1]).replace(/^["']|["']$/g, "") !== data.name) return [];
    const fixes = data.suggestions.map((suggestion) => ({
      title: `Use ${data.kind} ${suggestion}`,
      safe: false,
      edits: [{ range: lines.rangeOf(data.at[0], data.at[1]), newText: suggestion }],
    }));
    if (data.stub) fixes.push({ title: `Create ${data.kind} ${data.name} in this file`, safe: false, edits: [data.stub] });
    return fixes;
  },
});

function stubText(apiVersion: string, kind: string, name: string, namespace: string, body: string[], eol: string): string {
  const metadata = ["metadata:", `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : [])];
  return [`apiVersion: ${apiVersion}`, `kind: ${kind}`, ...metadata, ...body].join(eol) + eol;
}
