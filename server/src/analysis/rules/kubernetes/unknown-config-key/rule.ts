import { defineRule } from "../../define-rule.ts";
import { objectReferencesOf } from "../../../kubernetes/references.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  kind: string;
  name: string;
  key: string;
  /** Offsets of the key, to rename it. */
  at: [number, number];
  suggestions: string[];
  /** Adds the key with an empty value to the object, possibly in another file. */
  addition?: TextEdit;
}

export default defineRule<Data>({
  id: "kubernetes/unknown-config-key",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workload reads a key that its ConfigMap or Secret does not have.",
    why:
      "Kubernetes checks the key only when the pod starts: the container fails with CreateContainerConfigError in the one environment where the object differs, long after review. An `optional: true` reference is not reported.",
    invalid: {
      path: "app.yaml",
      text:
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  log-level: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: web\n              key: loglevel\n",
    },
    valid: {
      path: "app.yaml",
      text:
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  log-level: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: web\n              key: log-level\n",
    },
  },
  check({ document, workspace, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      for (const reference of objectReferencesOf(resource.node)) {
        if (reference.optional || reference.keys.length === 0) continue;
        const targets = workspace.find(reference.kind, resource.namespace, reference.name);
        // Two definitions of one object are another rule's business; a key any of them has is fine.
        if (targets.length === 0 || targets.some((target) => target.keys === undefined)) continue;
        const known = new Set(targets.flatMap((target) => target.keys ?? []));
        const target = targets[0]!;
        for (const { key, at } of reference.keys) {
          if (known.has(key)) continue;
          const suggestions = closestMatches(key, known);
          const data: Data = { kind: reference.kind, name: reference.name, key, at, suggestions };
          const insertion = target.keyInsertion;
          if (insertion) {
            data.addition = {
              path: target.path,
              range: { start: { line: insertion.line, character: 0 }, end: { line: insertion.line, character: 0 } },
              newText: `${" ".repeat(insertion.indent)}${key}: ""${insertion.eol}`,
            };
          }
          const hint = suggestions.length > 0 ? ` Did you mean ${suggestions[0]}?` : ` It has ${describeKeys([...known])}.`;
          report({ at, message: `${reference.kind} ${reference.name} has no key ${key}, which ${reference.via} reads, so the pod cannot start.${hint}`, data });
        }
      }
    }
  },
  fix(data, { text, lines }) {
    if (text.slice(data.at[0], data.at[1]).replace(/^["']|["']$/g, "") !== data.key) return [];
    const fixes = data.suggestions.map((suggestion) => ({
      title: `Use key ${suggestion}`,
      safe: false,
      edits: [{ range: lines.rangeOf(data.at[0], data.at[1]), newText: suggestion }],
    }));
    if (data.addition) fixes.push({ title: `Add key ${data.key} to ${data.kind} ${data.name}`, safe: false, edits: [data.addition] });
    return fixes;
  },
});

function describeKeys(keys: string[]): string {
  if (keys.length === 0) return "no keys";
  const shown = keys.slice(0, 5).join(", ");
  return keys.length > 5 ? `keys ${shown}, ...` : `keys ${shown}`;
}
