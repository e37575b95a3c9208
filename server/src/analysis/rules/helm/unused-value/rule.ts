import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { valuesUsage } from "../../../helm/usage.ts";
import { readValuesFile, type ValuesNode } from "../../../helm/values-tree.ts";
import { removePair } from "../../../edits/remove.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  path: string[];
  removal: PlannedEdits | undefined;
}

export default defineRule<Data>({
  id: "helm/unused-value",
  appliesTo: ["chart-values"],
  scope: "document",
  severity: "hint",
  recommended: true,
  docs: {
    summary: "A values key that no template, subchart or `tpl` string of the chart reads.",
    why:
      "A key nothing reads is dead configuration: users set it and nothing changes, often because a template was renamed or the key is misspelt. Keys under `global`, under a dependency that is not in `charts/`, and every key of a chart that reads `.Values` whole are never reported.",
    invalid: {
      path: "chart/values.yaml",
      text: "replicaCount: 2\nimage:\n  repository: nginx\npodAnotations: {}\n",
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/templates/deployment.yaml", text: "spec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    metadata:\n      annotations: {{ toYaml .Values.podAnnotations | nindent 8 }}\n    spec:\n      containers:\n        - image: {{ .Values.image.repository }}\n" },
      ],
    },
    valid: {
      path: "chart/values.yaml",
      text: "replicaCount: 2\nimage:\n  repository: nginx\npodAnnotations: {}\n",
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/templates/deployment.yaml", text: "spec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    metadata:\n      annotations: {{ toYaml .Values.podAnnotations | nindent 8 }}\n    spec:\n      containers:\n        - image: {{ .Values.image.repository }}\n" },
      ],
    },
  },
  check({ file, document, chart, report }) {
    // A chart without templates renders nothing of its own: its values are its subcharts' business.
    if (!chart || chart.templates.length === 0 || document!.index > 0) return;
    const usage = valuesUsage(chart);
    if (usage.all) return;
    const values = readValuesFile(file.path, file.text, document!.yaml);
    const visit = (node: ValuesNode, prefix: string[]) => {
      for (const entry of node.entries?.values() ?? []) {
        const path = [...prefix, entry.key];
        if (usage.isUsed(path)) {
          visit(entry.node, path);
          continue;
        }
        const anchor = (entry.pair.value as Node | null) ?? (entry.pair.key as Node);
        report({
          at: entry.keyAt,
          message: `No template of chart ${chart.name} reads ${path.join(".")}, so setting it changes nothing. Remove it, or check the templates for a misspelt key.`,
          data: { path, removal: planEdits(removePair(entry.pair, file.lines), anchor, file.text) },
          tags: ["unnecessary"],
        });
      }
    };
    visit(values.root, []);
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.removal, context);
    return edits ? [{ title: `Remove ${data.path.join(".")}`, safe: false, edits }] : [];
  },
});
