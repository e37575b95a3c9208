import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFile, kindFromPath, layoutFromPaths } from "../../server/src/analysis/index.ts";
import { parseFile } from "../../server/src/analysis/documents/parse.ts";

const layout = layoutFromPaths(["/w/charts/web/Chart.yaml", "/w/charts/web/charts/db/Chart.yaml", "/w/README.md"]);

const byPath: Array<[string, string | undefined]> = [
  ["/w/.github/workflows/ci.yml", "workflow"],
  ["/w/.github/workflows/release.yaml", "workflow"],
  ["/w/.github/workflows/nested/ci.yml", undefined],
  ["/w/.github/dependabot.yml", undefined],
  ["/w/actions/build/action.yml", "action-metadata"],
  ["/w/.shipshape.yaml", "shipshape-config"],
  ["/w/charts/web/Chart.yaml", "chart-metadata"],
  ["/w/charts/web/values.yaml", "chart-values"],
  ["/w/charts/web/values-prod.yaml", "chart-values"],
  ["/w/charts/web/ci/test-values.yaml", "chart-values"],
  ["/w/charts/web/templates/deployment.yaml", "chart-template"],
  ["/w/charts/web/templates/_helpers.tpl", "chart-template"],
  ["/w/charts/web/charts/db/values.yaml", "chart-values"],
  ["/w/charts/web/charts/db/templates/sts.yaml", "chart-template"],
  // A values.yaml with no Chart.yaml beside it is plain YAML, decided by content.
  ["/w/config/values.yaml", undefined],
  ["/w/templates/deployment.yaml", undefined],
  ["C:\\w\\.github\\workflows\\ci.yml", "workflow"],
];

for (const [path, kind] of byPath) {
  test(`kind of ${path} from its path is ${kind ?? "decided by content"}`, () => {
    assert.equal(kindFromPath(path, layout), kind);
  });
}

const byContent: Array<[string, string[]]> = [
  ["apiVersion: v1\nkind: Pod\n", ["manifest"]],
  ["apiVersion: v1\nkind: Pod\n---\nfoo: bar\n---\napiVersion: apps/v1\nkind: Deployment\n", ["manifest", "other", "manifest"]],
  ["kind: Pod\n", ["other"]],
  ["- apiVersion: v1\n  kind: Pod\n", ["other"]],
  ["apiVersion: 1\nkind: Pod\n", ["other"]],
];

for (const [text, kinds] of byContent) {
  test(`documents of ${JSON.stringify(text)} are ${kinds.join(", ")}`, () => {
    assert.deepEqual(parseFile({ path: "/w/x.yaml", text }, layout).documents.map((document) => document.kind), kinds);
  });
}

test("chart templates are not parsed as YAML, so template actions cause no syntax error", () => {
  const text = "metadata:\n  labels:\n    {{- include \"web.labels\" . | nindent 4 }}\n  name: {{ .Values.name }}\n";
  assert.deepEqual(analyzeFile({ path: "/w/charts/web/templates/deployment.yaml", text }, { layout }), []);
  assert.ok(analyzeFile({ path: "/w/elsewhere/deployment.yaml", text }).some((finding) => finding.ruleId === "yaml/syntax-error"));
});
