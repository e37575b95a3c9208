import { defineRule } from "../../define-rule.ts";
import { chartMap, field, valueSpan } from "../../../helm/metadata-fields.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { scalarString } from "../../../documents/ast.ts";
import { closestMatches } from "../../../text/similar.ts";

interface Data {
  type: string;
  suggestion: string | undefined;
  plan: PlannedEdits | undefined;
}

const TYPES = ["application", "library"];

export default defineRule<Data>({
  id: "helm/chart-type",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A Chart.yaml's `type` is neither `application` nor `library`.",
    why: "Helm refuses a chart of any other type. A library chart only provides templates to other charts and renders nothing; leave `type` out for an application chart.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\ntype: app\n" },
    valid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\ntype: application\n" },
  },
  check({ document, file, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const pair = field(map, "type");
    if (!pair || pair.value === null) return;
    const type = scalarString(pair.value) ?? "";
    if (TYPES.includes(type)) return;
    const suggestion = closestMatches(type, TYPES)[0] ?? (type.startsWith("lib") ? "library" : type.startsWith("app") ? "application" : undefined);
    const at = valueSpan(pair);
    const plan = suggestion ? planEdits({ range: file.lines.rangeOf(at[0], at[1]), newText: suggestion }, pair.value, file.text) : undefined;
    report({ at, message: `The chart type "${type}" is not one Helm knows, so it refuses the chart. Use application or library.`, data: { type, suggestion, plan } });
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    return edits && data.suggestion ? [{ title: `Use type ${data.suggestion}`, safe: false, edits }] : [];
  },
});
