import { test } from "node:test";
import assert from "node:assert/strict";
import { renderedFindings, splitRendered, type Finding } from "../../../server/src/analysis/index.ts";
import { lineInTemplate } from "../../../server/src/analysis/helm/rendered.ts";

const OUTPUT = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shipshape-web
---
# Source: web/charts/cache/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: cache
          image: "redis:7"
`;

test("rendered output is cut at its Source comments, subcharts included", () => {
  const parts = splitRendered(OUTPUT, "/w/web");
  assert.deepEqual(parts.map((part) => part.templatePath), ["/w/web/templates/service.yaml", "/w/web/charts/cache/templates/deployment.yaml"]);
  assert.ok(parts[1]!.text.startsWith("apiVersion: apps/v1\n"));
});

test("a rendered line maps to the template line that wrote it: same text, else same key, else the first line", () => {
  const template = 'kind: Deployment\nspec:\n  containers:\n    - name: {{ .Values.name }}\n      image: "{{ .Values.image }}"\n';
  assert.equal(lineInTemplate("kind: Deployment", template), 0);
  assert.equal(lineInTemplate('      image: "redis:7"', template), 4);
  assert.equal(lineInTemplate("    - name: cache", template), 3);
  assert.equal(lineInTemplate("  replicas: 3", template), 0);
});

test("findings move onto the templates, without data or fixes", () => {
  const template = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          image: "{{ .Values.image }}"\n';
  const analyse = (part: { path: string; text: string }): Finding[] => {
    const line = part.text.split("\n").findIndex((text) => text.includes("image:"));
    if (line < 0) return [];
    return [{ ruleId: "kubernetes/latest-image-tag", severity: "warning", message: "Pin the image.", path: part.path, range: { start: { line, character: 10 }, end: { line, character: 24 } }, data: { at: [1, 2] }, fixes: [{ title: "Pin", safe: false }] }];
  };
  const findings = renderedFindings(splitRendered(OUTPUT, "/w/web"), analyse, (path) => (path.endsWith("cache/templates/deployment.yaml") ? template : undefined));
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.path, "/w/web/charts/cache/templates/deployment.yaml");
  assert.deepEqual(findings[0]!.range, { start: { line: 7, character: 10 }, end: { line: 7, character: 38 } });
  assert.equal(findings[0]!.data, null);
  assert.deepEqual(findings[0]!.fixes, []);
  assert.match(findings[0]!.message, /^In the rendered chart: /);
});
