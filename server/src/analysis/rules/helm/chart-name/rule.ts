import { defineRule } from "../../define-rule.ts";
import { chartMap, field, keySpan, valueSpan } from "../../../helm/metadata-fields.ts";
import { scalarString } from "../../../documents/ast.ts";

interface Data {
  name: string | undefined;
}

/** What `helm lint` accepts as a chart name. */
const NAME = /^[a-zA-Z0-9._-]+$/;

export default defineRule<Data>({
  id: "helm/chart-name",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A Chart.yaml has no `name`, or a name Helm does not accept.",
    why: "The name is required and becomes part of release resource names and of the packaged archive's file name: Helm refuses names with spaces, slashes or other characters outside letters, digits, `.`, `_` and `-`.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: my web\nversion: 1.0.0\n" },
    valid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: my-web\nversion: 1.0.0\n" },
  },
  check({ document, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const pair = field(map, "name");
    if (!pair) {
      const first = map.items[0];
      report({ at: first ? keySpan(first) : [0, 0], message: "This Chart.yaml has no name, which Helm requires. Add the chart's name.", data: { name: undefined } });
      return;
    }
    const name = scalarString(pair.value);
    if (name !== undefined && NAME.test(name)) return;
    report({
      at: valueSpan(pair),
      message: name === undefined ? "The chart name is empty, which Helm refuses. Set a name." : `The chart name "${name}" has characters Helm refuses; use letters, digits, ".", "_" and "-".`,
      data: { name },
    });
  },
});
