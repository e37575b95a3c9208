import { test } from "node:test";
import assert from "node:assert/strict";
import { customResourcesIn, kubernetesEnvironment } from "../../../server/src/analysis/index.ts";
import { closestMatches } from "../../../server/src/analysis/text/similar.ts";
import { loadBundledSchemas } from "../../../server/src/io/schema-data.ts";

const bundled = loadBundledSchemas();

test("the target version is the request when bundled, else the nearest bundled version", () => {
  assert.ok(bundled, "the bundled schemas are missing; run npm run build");
  const oldest = bundled.versions[0]!;
  const newest = bundled.newest;
  const cases: Array<[string | undefined, string, boolean]> = [
    [undefined, newest, false],
    [oldest, oldest, false],
    ["1.20", oldest, true],
    ["1.99", newest, true],
  ];
  for (const [requested, expected, differs] of cases) {
    const environment = kubernetesEnvironment(bundled, requested);
    assert.equal(environment.version, expected, `requested ${requested}`);
    assert.equal(environment.requestedVersion !== undefined, differs, `requested ${requested}`);
  }
});

test("without bundled schemas the environment has no version and never throws", () => {
  const environment = kubernetesEnvironment(undefined, "1.30");
  assert.equal(environment.version, undefined);
});

test("CRDs give one custom resource type per served version, v1 and v1beta1 alike", () => {
  const text = [
    "apiVersion: apiextensions.k8s.io/v1",
    "kind: CustomResourceDefinition",
    "metadata: { name: widgets.example.com }",
    "spec:",
    "  group: example.com",
    "  names: { kind: Widget, plural: widgets }",
    "  versions:",
    "    - { name: v1, served: true, schema: { openAPIV3Schema: { type: object } } }",
    "    - { name: v2, served: true }",
    "    - { name: v0, served: false, schema: { openAPIV3Schema: { type: object } } }",
    "---",
    "apiVersion: apiextensions.k8s.io/v1beta1",
    "kind: CustomResourceDefinition",
    "metadata: { name: gadgets.example.com }",
    "spec:",
    "  group: example.com",
    "  version: v1beta1",
    "  names: { kind: Gadget, plural: gadgets }",
    "  validation: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }",
    "",
  ].join("\n");
  const types = customResourcesIn("/w/crds.yaml", text);
  assert.deepEqual(
    types.map((type) => [type.apiVersion, type.kind, type.schema === undefined ? "no schema" : "schema", type.definedIn]),
    [
      ["example.com/v1", "Widget", "schema", "/w/crds.yaml"],
      ["example.com/v2", "Widget", "no schema", "/w/crds.yaml"],
      ["example.com/v1beta1", "Gadget", "schema", "/w/crds.yaml"],
    ],
  );
});

test("files that do not mention a CRD, and broken ones, give no custom resources", () => {
  assert.deepEqual(customResourcesIn("/w/a.yaml", "apiVersion: v1\nkind: ConfigMap\n"), []);
  assert.deepEqual(customResourcesIn("/w/b.yaml", "kind: CustomResourceDefinition\nspec: [unclosed\n"), []);
  assert.deepEqual(customResourcesIn("/w/c.yaml", "kind: CustomResourceDefinition\nspec: {group: 5}\n"), []);
});

test("did-you-mean suggestions", () => {
  const cases: Array<[string, string[], string[]]> = [
    ["imagePullPolcy", ["image", "imagePullPolicy", "imagePullSecrets"], ["imagePullPolicy"]],
    ["nodeselector", ["nodeSelector", "nodeName"], ["nodeSelector"]],
    ["protocl", ["protocol", "port"], ["protocol"]],
    ["xyz", ["protocol", "port"], []],
    ["ConfigMpa", ["ConfigMap", "Secret"], ["ConfigMap"]],
  ];
  for (const [word, candidates, expected] of cases) assert.deepEqual(closestMatches(word, candidates), expected, word);
});
