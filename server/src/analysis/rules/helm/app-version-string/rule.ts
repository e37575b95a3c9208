import { defineRule } from "../../define-rule.ts";
import { chartMap, field, isUnquotedNonString, quoteEdit, valueSpan } from "../../../helm/metadata-fields.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  written: string;
  quote: PlannedEdits | undefined;
}

export default defineRule<Data>({
  id: "helm/app-version-string",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A Chart.yaml's `appVersion` is written as a number, not a string.",
    why:
      "YAML reads `appVersion: 1.10` as the number 1.1, so the version Helm shows and templates read as `.Chart.AppVersion` (often the image tag) is not the one written. `helm lint` warns about it too. Quote it.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: 1.10\n" },
    valid: { path: "chart/Chart.yaml", text: 'apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: "1.10"\n' },
  },
  check({ document, file, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const pair = field(map, "appVersion");
    const node = pair?.value;
    if (!pair || !isUnquotedNonString(node)) return;
    const written = file.text.slice(node.range![0], node.range![1]);
    report({
      at: valueSpan(pair),
      message: `appVersion ${written} is read as a YAML ${typeof node.value === "boolean" ? "boolean" : "number"} (${String(node.value)}), not the string written. Quote it.`,
      data: { written, quote: planEdits(quoteEdit(node, file.lines), node, file.text) },
    });
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.quote, context);
    return edits ? [{ title: `Quote appVersion ${data.written}`, safe: true, edits }] : [];
  },
});
