import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ALL_RULES,
  analyzeFile,
  applyEdits,
  customResourcesIn,
  defaultConfig,
  fixesForFinding,
  kubernetesEnvironment,
  type Finding,
  type KubernetesEnvironment,
} from "../../../server/src/analysis/index.ts";
import { loadBundledSchemas } from "../../../server/src/io/schema-data.ts";

// The four value rules, alone or beside the schema rules, as they run in a real workspace.
const VALUE_RULES = ["kubernetes/invalid-quantity", "kubernetes/invalid-name", "kubernetes/invalid-label", "kubernetes/invalid-port"];
const SCHEMA_RULES = ["kubernetes/invalid-type", "kubernetes/invalid-enum"];

function findings(text: string, options: { ids?: string[]; kubernetes?: KubernetesEnvironment } = {}): Finding[] {
  const ids = options.ids ?? VALUE_RULES;
  const rules = ALL_RULES.filter((rule) => ids.includes(rule.id));
  const config = defaultConfig();
  for (const rule of rules) config.rules[rule.id] = {};
  return analyzeFile({ path: "/w/manifest.yaml", text }, { config, rules, ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}) });
}

function summary(list: Finding[]): string[] {
  return list.map((finding) => `${finding.range.start.line + 1}:${finding.ruleId}`);
}

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${extra}spec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          protocol: tcp\n      resources:\n        requests:\n          memory: 512MB\n`;

test("objects that no known API server validates are left alone", () => {
  const texts = [
    // A custom resource whose definition is not in the workspace.
    "apiVersion: example.com/v1\nkind: Database\nmetadata:\n  name: Orders_DB\n  labels:\n    size: 10\nspec:\n  resources:\n    requests:\n      memory: 1GB\n",
    // Knative's Service is not the core Service, whatever its pod template holds.
    "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: 1hello\nspec:\n  template:\n    spec:\n      containers:\n        - image: nginx\n          ports:\n            - containerPort: 99999\n              protocol: tcp\n",
    // Configuration files that share the manifest shape.
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: My_Overlay\n  labels:\n    weird key!: yes\n",
    "apiVersion: v1\nkind: Config\nmetadata:\n  name: Whatever\n",
    "apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nname: My_Cluster\nnodes:\n  - role: control-plane\n    labels:\n      ingress-ready: true\n",
  ];
  for (const text of texts) assert.deepEqual(summary(findings(text)), [], text);
});

test("a custom resource defined in the workspace has its metadata validated", () => {
  const crd =
    "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: databases.example.com\nspec:\n  group: example.com\n  names:\n    kind: Database\n    plural: databases\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n";
  const kubernetes = kubernetesEnvironment(undefined, undefined, customResourcesIn("/w/crd.yaml", crd));
  const text = "apiVersion: example.com/v1\nkind: Database\nmetadata:\n  name: Orders_DB\n  labels:\n    tier: yes\nspec:\n  resources:\n    requests:\n      memory: 1GB\n";
  // Its name and labels are ObjectMeta's, validated by every API server; its spec is its own.
  assert.deepEqual(summary(findings(text, { kubernetes })), ["4:kubernetes/invalid-name", "6:kubernetes/invalid-label"]);
});

test("without schemas the value rules report wrong types and enum values themselves, with safe fixes", () => {
  const text = pod("  labels:\n    version: 1.0\n");
  const list = findings(text);
  assert.deepEqual(summary(list), ["6:kubernetes/invalid-label", "13:kubernetes/invalid-port", "16:kubernetes/invalid-quantity"]);
  const fixes = list.map((finding) => fixesForFinding(finding.ruleId, finding.data, { path: "/w/manifest.yaml", text })[0]!);
  assert.deepEqual(
    fixes.map((fix) => `${fix.title}${fix.safe ? " (safe)" : ""}`),
    ["Quote 1.0 (safe)", "Change to TCP (safe)", "Change to 512Mi"],
  );
  const fixed = applyEdits(text, fixes.flatMap((fix) => fix.edits));
  assert.match(fixed, /version: "1\.0"/);
  assert.match(fixed, /protocol: TCP/);
  assert.match(fixed, /memory: 512Mi/);
  assert.deepEqual(summary(findings(fixed)), []);
});

test("beside the schema rules, a wrong type or enum value is reported once, by the schema rule", () => {
  const kubernetes = kubernetesEnvironment(loadBundledSchemas(), undefined);
  const text = pod("  labels:\n    version: 1.0\n    enabled: yes\n");
  const list = findings(text, { ids: [...VALUE_RULES, ...SCHEMA_RULES], kubernetes });
  assert.deepEqual(summary(list), ["6:kubernetes/invalid-type", "7:kubernetes/invalid-label", "14:kubernetes/invalid-enum", "17:kubernetes/invalid-quantity"]);
});

test("a quoted number where only a number fits is the schema rules' business, a quoted port reference is not", () => {
  const text =
    "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: \"80\"\n      targetPort: \"8080\"\n      nodePort: \"30080\"\n";
  assert.deepEqual(summary(findings(text)), ["8:kubernetes/invalid-port"]);
});

test("a fix is not offered once the text it would replace has changed", () => {
  const text = pod("");
  const finding = findings(text).find((candidate) => candidate.ruleId === "kubernetes/invalid-quantity")!;
  assert.equal(fixesForFinding(finding.ruleId, finding.data, { path: "/w/manifest.yaml", text }).length, 2);
  const edited = text.replace("512MB", "512GB");
  assert.deepEqual(fixesForFinding(finding.ruleId, finding.data, { path: "/w/manifest.yaml", text: edited }), []);
});

test("documents of a v1 List are checked item by item", () => {
  const text =
    "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: team.payments\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: fine.name\n";
  assert.deepEqual(summary(findings(text)), ["7:kubernetes/invalid-name"]);
});

test("renaming a volume renames its mounts, and renaming a port renames the probes that use it", () => {
  const text =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - name: Admin\n          containerPort: 9000\n      livenessProbe:\n        httpGet:\n          port: Admin\n      volumeMounts:\n        - name: Data_Dir\n          mountPath: /data\n    - name: sidecar\n      image: busybox:1.36\n      volumeMounts:\n        - name: \"Data_Dir\"\n          mountPath: /data\n  volumes:\n    - name: Data_Dir\n      emptyDir: {}\n";
  const list = findings(text, { ids: ["kubernetes/invalid-name"] });
  const fixes = list.flatMap((finding) => fixesForFinding(finding.ruleId, finding.data, { path: "/w/manifest.yaml", text }));
  assert.deepEqual(fixes.map((fix) => `${fix.title}${fix.safe ? " (safe)" : ""}`), ["Rename to admin", "Rename to data-dir"]);
  const fixed = applyEdits(text, fixes.flatMap((fix) => fix.edits));
  assert.equal((fixed.match(/data-dir/g) ?? []).length, 3);
  assert.equal((fixed.match(/port: admin/g) ?? []).length, 1);
  assert.deepEqual(summary(findings(fixed)), []);
});
