import { isMap, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { undefinedReads } from "../../../helm/undefined-values.ts";
import { templateFacts } from "../../../helm/template-facts.ts";
import { entryAt } from "../../../helm/values-tree.ts";
import { insertIntoBlockMap, type InsertTree } from "../../../edits/block-map.ts";
import { LineIndex } from "../../../documents/line-index.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { ChartModel } from "../../../helm/chart-model.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  /** The keys below `.Values`. */
  path: string[];
  /** Index of the first missing key, and its offsets in the template. */
  missing: number;
  at: [number, number];
  suggestions: string[];
  /** Adds the key to values.yaml with a placeholder, in that file. */
  addition: TextEdit[] | undefined;
  valuesFile: string | undefined;
}

export default defineRule<Data>({
  id: "helm/undefined-value",
  appliesTo: ["chart-template"],
  scope: "file",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A template reads a `.Values` key that no values file of the chart defines.",
    why:
      "`helm lint` and `helm template` accept a read of a missing key: it renders as nothing, or fails with a nil pointer only for some users' values, long after review. A typo such as `.Values.image.tagg` ships an empty image tag. Reads guarded by `default`, `if`, `with`, `hasKey` or `required` are not reported, nor keys under an empty mapping (`resources: {}`), which users are meant to fill.",
    invalid: {
      path: "chart/templates/deployment.yaml",
      text: "spec:\n  containers:\n    - name: web\n      image: {{ .Values.image.repository }}:{{ .Values.image.tagg }}\n",
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/values.yaml", text: "image:\n  repository: nginx\n  tag: 1.27.0\n" },
      ],
    },
    valid: {
      path: "chart/templates/deployment.yaml",
      text: "spec:\n  containers:\n    - name: web\n      image: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\n",
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/values.yaml", text: "image:\n  repository: nginx\n" },
      ],
    },
  },
  check({ file, chart, report }) {
    if (!chart) return;
    const facts = chart.templates.find((template) => template.path === file.path)?.facts ?? templateFacts(file.text);
    for (const { reference, missing, parent } of undefinedReads(chart, facts)) {
      const at = reference.segments[missing] ?? reference.at;
      const key = reference.path[missing]!;
      const suggestions = closestMatches(key, parent.entries!.keys());
      const shown = `.Values.${reference.path.join(".")}`;
      const fix = suggestions.length > 0 ? ` Did you mean ${[...reference.path.slice(0, missing), suggestions[0]].join(".")}?` : ` Add ${reference.path.slice(0, missing + 1).join(".")} to values.yaml or guard the read with default.`;
      const addition = additionOf(chart, reference.path, missing);
      report({
        at,
        message: `${shown} is not defined in any values file of chart ${chart.name}, so it renders empty unless every install sets it.${fix}`,
        data: { path: reference.path, missing, at, suggestions, addition: addition?.edits, valuesFile: addition?.path },
      });
    }
  },
  fix(data, { text, lines }) {
    const key = data.path[data.missing]!;
    const fixes = [];
    if (text.slice(data.at[0], data.at[1]) === key) {
      for (const suggestion of data.suggestions) {
        fixes.push({ title: `Use ${[...data.path.slice(0, data.missing), suggestion].join(".")}`, safe: false, edits: [{ range: lines.rangeOf(data.at[0], data.at[1]), newText: suggestion }] });
      }
    }
    if (data.addition) fixes.push({ title: `Add ${data.path.join(".")} to values.yaml`, safe: false, edits: data.addition });
    return fixes;
  },
});

/** Edits that add the path to the chart's values.yaml, nested under the keys it has, with an empty placeholder. */
function additionOf(chart: ChartModel, path: readonly string[], missing: number): { path: string; edits: TextEdit[] } | undefined {
  const values = chart.valuesFiles.find((file) => file.path.endsWith("/values.yaml"));
  if (!values?.document) return undefined;
  const parent = missing === 0 ? values.root : entryAt(values.root, path.slice(0, missing))?.node;
  const map = parent?.yaml as Node | null | undefined;
  if (!map || !isMap(map)) return undefined;
  let tree: InsertTree | string = '""';
  for (let i = path.length - 1; i >= missing; i--) tree = { [path[i]!]: tree };
  const edits = insertIntoBlockMap(map, tree as InsertTree, new LineIndex(values.text));
  if (!edits || edits.length === 0) return undefined;
  return { path: values.path, edits: edits.map((edit) => ({ ...edit, path: values.path })) };
}
