import { defineRule } from "../../define-rule.ts";
import { chartMap, field, insertFirstLine, keySpan, valueSpan } from "../../../helm/metadata-fields.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { scalarString } from "../../../documents/ast.ts";

interface Data {
  found: string | undefined;
  plan: PlannedEdits | undefined;
}

export default defineRule<Data>({
  id: "helm/chart-api-version",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A Chart.yaml has no `apiVersion`, or one other than `v2`.",
    why:
      "Helm 3 refuses a chart without `apiVersion` and knows only `v1` and `v2`. `v1` is the Helm 2 format, which keeps dependencies in `requirements.yaml` and has no `type`; it is reported as information only, since Helm 3 still installs it.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v3\nname: web\nversion: 1.0.0\n" },
    valid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
  },
  check({ document, file, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const pair = field(map, "apiVersion");
    if (!pair) {
      const plan = planEdits(insertFirstLine(map, file.lines, "apiVersion: v2"), map, file.text);
      const first = map.items[0];
      report({ at: first ? keySpan(first) : [0, 0], message: "This Chart.yaml has no apiVersion, so Helm 3 refuses the chart. Add apiVersion: v2.", data: { found: undefined, plan } });
      return;
    }
    const found = scalarString(pair.value);
    if (found === "v2") return;
    const at = valueSpan(pair);
    const plan = pair.value ? planEdits({ range: file.lines.rangeOf(at[0], at[1]), newText: "v2" }, pair.value, file.text) : undefined;
    if (found === "v1") {
      report({ at, message: "apiVersion v1 is the Helm 2 chart format: dependencies belong in requirements.yaml and `type` is ignored. Move to apiVersion v2 when the chart no longer needs Helm 2.", data: { found, plan }, severity: "info" });
      return;
    }
    report({ at, message: `apiVersion ${found ?? "(empty)"} is not a chart API version Helm knows, so it refuses the chart. Use v2.`, data: { found, plan } });
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    if (!edits) return [];
    return [{ title: data.found === undefined ? "Add apiVersion: v2" : "Use apiVersion v2", safe: false, edits }];
  },
});
