import { defineRule } from "../../define-rule.ts";
import { schemaReportOf } from "../../../kubernetes/schema/document-issues.ts";
import { closestMatches } from "../../../text/similar.ts";

interface Data {
  value: string;
  /** Offsets of the value, to replace it. */
  at: [number, number];
  /** Allowed values, closest first. */
  suggestions: string[];
}

export default defineRule<Data>({
  id: "kubernetes/invalid-enum",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A value that is not one of the values the field allows.",
    why: "Kubernetes fields such as `imagePullPolicy`, `restartPolicy` or a Service's `type` take a fixed set of values and the API server rejects anything else, case included.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresnt\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresent\n",
    },
  },
  check(context) {
    const { report } = context;
    for (const issue of schemaReportOf(context).issues) {
      if (issue.kind !== "invalid-enum") continue;
      const range = issue.node.range!;
      const allowed = issue.allowed.filter((value): value is string => typeof value === "string" && value !== "");
      const close = closestMatches(issue.value, allowed, allowed.length);
      const suggestions = [...close, ...allowed.filter((value) => !close.includes(value))];
      const hint = close.length > 0 ? ` Did you mean ${close[0]}?` : "";
      report({
        at: [range[0], range[1]],
        message: `\`${issue.value}\` is not allowed in \`${issue.path}\`; use one of ${allowed.join(", ")}.${hint}`,
        data: { value: issue.value, at: [range[0], range[1]], suggestions: close.length > 0 ? suggestions.slice(0, 3) : suggestions.slice(0, 5) },
      });
    }
  },
  fix(data, { text, lines }) {
    const current = text.slice(data.at[0], data.at[1]).replace(/^["']|["']$/g, "");
    if (current !== data.value) return [];
    return data.suggestions.map((suggestion, index) => ({
      title: `Change to ${suggestion}`,
      // A value that differs only in case has one obvious meaning.
      safe: index === 0 && suggestion.toLowerCase() === data.value.toLowerCase(),
      edits: [{ range: lines.rangeOf(data.at[0], data.at[1]), newText: suggestion }],
    }));
  },
});
