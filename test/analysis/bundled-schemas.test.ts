import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService } from "yaml-language-server/lib/umd/languageservice/yamlLanguageService.js";
import { BundledSchemas } from "../../server/src/analysis/kubernetes/schema/bundled.ts";
import { toJsonSchema, type JsonSchema } from "../../server/src/analysis/kubernetes/schema/json-schema.ts";
import type { BuiltinSchemaSet, SchemaDataSource, SchemaNode } from "../../server/src/analysis/kubernetes/schema/types.ts";
import { bundledSchemaFolder, bundledSchemaSource, loadBundledSchemas } from "../../server/src/io/schema-data.ts";

// These tests read the real generated data. It is built by `npm run build`; when it is missing
// the tests fail rather than skip, so a broken generator can never pass unnoticed.
const MISSING = "the bundled schemas are missing: run npm run build";

function schemas(): BuiltinSchemaSet {
  const set = loadBundledSchemas();
  assert.ok(set, MISSING);
  return set;
}

/** A fresh set over the real data that records every file it reads. */
function countingSet(): { set: BundledSchemas; reads: string[] } {
  const source = bundledSchemaSource();
  assert.ok(source, MISSING);
  const reads: string[] = [];
  const counting: SchemaDataSource = {
    read(name) {
      reads.push(name);
      return source.read(name);
    },
  };
  return { set: new BundledSchemas(counting), reads };
}

const VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34"];

function refOf(set: BuiltinSchemaSet, version: string, apiVersion: string, kind: string): string | undefined {
  return set.resourceTypes(version).find((type) => type.apiVersion === apiVersion && type.kind === kind)?.ref;
}

/** Follows a `$ref`, bare or wrapped in a one-element `allOf` beside a description. */
function resolve(set: BuiltinSchemaSet, version: string, node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref ?? (node?.allOf?.length === 1 ? node.allOf[0]!.$ref : undefined);
  return ref === undefined ? node : set.definition(version, ref);
}

/** The node at a path such as `spec.template.spec.containers[].name`, references followed. */
function at(set: BuiltinSchemaSet, version: string, apiVersion: string, kind: string, path: string): SchemaNode | undefined {
  const ref = refOf(set, version, apiVersion, kind);
  let node = ref === undefined ? undefined : set.definition(version, ref);
  for (const segment of path.split(/\.|(?=\[\])/).filter(Boolean)) {
    node = resolve(set, version, node);
    node = segment === "[]" ? node?.items : node?.properties?.[segment];
  }
  return resolve(set, version, node);
}

test("the data is built and well under 10 MB", () => {
  const folder = bundledSchemaFolder();
  assert.ok(folder, MISSING);
  const bytes = readdirSync(folder).reduce((total, name) => total + statSync(join(folder, name)).size, 0);
  assert.ok(bytes < 10 * 1024 * 1024, `${bytes} bytes`);
});

test("versions run from 1.29 to 1.34 in ascending order, and the newest is 1.34", () => {
  const set = schemas();
  assert.deepEqual(set.versions, VERSIONS);
  assert.equal(set.newest, "1.34");
});

for (const version of VERSIONS) {
  test(`${version}: apps/v1 Deployment resolves, with apiVersion, kind, spec and status`, () => {
    const set = schemas();
    const ref = refOf(set, version, "apps/v1", "Deployment");
    assert.equal(ref, "io.k8s.api.apps.v1.Deployment");
    const deployment = set.definition(version, ref);
    assert.ok(deployment?.properties);
    assert.deepEqual(Object.keys(deployment.properties), ["apiVersion", "kind", "metadata", "spec", "status"]);
    assert.equal(deployment.properties.apiVersion?.type, "string");
    assert.match(deployment.properties.kind?.description ?? "", /REST resource this object represents/);
  });

  test(`${version}: a pod template's container requires a name and describes its fields`, () => {
    const set = schemas();
    const container = at(set, version, "apps/v1", "Deployment", "spec.template.spec.containers[]");
    assert.ok(container?.required);
    assert.ok(container.required.includes("name"));
    assert.equal(container.required.includes("image"), false);
    assert.match(container.properties?.image?.description ?? "", /Container image name/);
    assert.match(at(set, version, "apps/v1", "Deployment", "spec")?.description ?? "", /DeploymentSpec is the specification/);
  });

  test(`${version}: imagePullPolicy is exactly Always, IfNotPresent or Never`, () => {
    const set = schemas();
    for (const path of ["spec.template.spec.containers[].imagePullPolicy", "spec.template.spec.initContainers[].imagePullPolicy"]) {
      assert.deepEqual(at(set, version, "apps/v1", "Deployment", path)?.enum, ["Always", "IfNotPresent", "Never"], path);
    }
  });

  test(`${version}: resource limits and requests are quantities`, () => {
    const set = schemas();
    for (const field of ["limits", "requests"]) {
      const map = at(set, version, "v1", "Pod", `spec.containers[].resources.${field}`);
      assert.equal(map?.type, "object");
      assert.deepEqual(map.additionalProperties, { "x-kubernetes-int-or-string": true, format: "quantity" });
    }
  });

  test(`${version}: a Service's targetPort is an int-or-string and its type an enum`, () => {
    const set = schemas();
    const targetPort = at(set, version, "v1", "Service", "spec.ports[].targetPort");
    assert.equal(targetPort?.["x-kubernetes-int-or-string"], true);
    assert.equal(targetPort.format, undefined);
    assert.deepEqual(at(set, version, "v1", "Service", "spec.type")?.enum, ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]);
  });

  test(`${version}: list kinds exist and their items are the listed resources`, () => {
    const set = schemas();
    for (const [apiVersion, kind] of [
      ["apps/v1", "Deployment"],
      ["v1", "Pod"],
      ["v1", "ConfigMap"],
      ["batch/v1", "CronJob"],
    ] as const) {
      const list = at(set, version, apiVersion, `${kind}List`, "items[]");
      assert.equal(list, set.definition(version, refOf(set, version, apiVersion, kind)!), `${kind}List`);
    }
  });

  test(`${version}: batch/v1beta1 CronJob is gone and batch/v1 CronJob is served`, () => {
    const set = schemas();
    assert.equal(refOf(set, version, "batch/v1beta1", "CronJob"), undefined);
    assert.equal(refOf(set, version, "batch/v1", "CronJob"), "io.k8s.api.batch.v1.CronJob");
  });
}

// Container.restartPolicyRules arrived in Kubernetes 1.34; Pod.spec.resources in 1.32.
const fieldsByVersion: Array<[path: string, firstVersion: string]> = [
  ["spec.containers[].restartPolicyRules", "1.34"],
  ["spec.resources", "1.32"],
  ["spec.containers[].name", "1.29"],
];

for (const [path, firstVersion] of fieldsByVersion) {
  test(`Pod ${path} exists from ${firstVersion} on`, () => {
    const set = schemas();
    const present = VERSIONS.filter((version) => at(set, version, "v1", "Pod", path) !== undefined);
    assert.deepEqual(present, VERSIONS.slice(VERSIONS.indexOf(firstVersion)));
  });
}

test("an unchanged definition is stored once and shared by the versions that use it", () => {
  const set = schemas();
  const container = (version: string) => set.definition(version, "io.k8s.api.core.v1.Container");
  assert.equal(container("1.29"), container("1.33"));
  assert.notEqual(container("1.33"), container("1.34"));
});

test("loading a Deployment reads its own chunk and nothing unrelated, and caches what it read", () => {
  const { set, reads } = countingSet();
  assert.deepEqual(reads, ["index.json"]);
  assert.ok(set.definition("1.34", "io.k8s.api.apps.v1.Deployment"));
  assert.deepEqual(reads, ["index.json", "1.34.json", "io.k8s.api.apps.v1.json"]);
  assert.ok(set.definition("1.34", "io.k8s.api.apps.v1.DeploymentSpec"));
  assert.ok(set.definition("1.34", "io.k8s.api.core.v1.PodSpec"));
  assert.ok(set.definition("1.34", "io.k8s.api.core.v1.Container"));
  assert.deepEqual(reads, ["index.json", "1.34.json", "io.k8s.api.apps.v1.json", "io.k8s.api.core.v1.json"]);
});

test("unknown versions, references and prototype keys find nothing", () => {
  const set = schemas();
  assert.deepEqual(set.resourceTypes("1.20"), []);
  assert.equal(set.definition("1.20", "io.k8s.api.apps.v1.Deployment"), undefined);
  for (const ref of ["io.k8s.api.apps.v1.Nope", "io.k8s.api.nope.v1.Deployment", "Deployment", "", "io.k8s.api.apps.v1.constructor", "constructor.toString", "__proto__.x"]) {
    assert.equal(set.definition("1.34", ref), undefined, ref);
  }
});

test("definitions and resource types are frozen, so one caller cannot change another's", () => {
  const set = schemas();
  const deployment = set.definition("1.34", "io.k8s.api.apps.v1.Deployment")!;
  assert.ok(Object.isFrozen(deployment) && Object.isFrozen(deployment.properties!.spec));
  assert.ok(Object.isFrozen(set.resourceTypes("1.34")) && Object.isFrozen(set.resourceTypes("1.34")[0]));
});

test("a missing index refuses to open; a missing or damaged chunk only finds nothing", () => {
  assert.throws(() => new BundledSchemas({ read: () => undefined }), /index\.json/);
  assert.throws(() => new BundledSchemas({ read: () => JSON.stringify({ format: 99, versions: ["1.34"], newest: "1.34" }) }), /format 99/);
  const real = bundledSchemaSource();
  assert.ok(real, MISSING);
  const damaged = new BundledSchemas({ read: (name) => (name === "io.k8s.api.apps.v1.json" ? "{" : real.read(name)) });
  assert.equal(damaged.definition("1.34", "io.k8s.api.apps.v1.Deployment"), undefined);
  assert.ok(damaged.definition("1.34", "io.k8s.api.core.v1.Pod"));
});

for (const version of VERSIONS) {
  test(`${version}: every resource type and every reference it reaches resolves`, () => {
    const set = schemas();
    const pending = set.resourceTypes(version).map(({ ref }) => ref);
    const seen = new Set(pending);
    const visit = (node: SchemaNode, from: string): void => {
      if (node.$ref !== undefined) {
        assert.ok(set.definition(version, node.$ref), `${from} refers to missing ${node.$ref}`);
        if (!seen.has(node.$ref)) {
          seen.add(node.$ref);
          pending.push(node.$ref);
        }
      }
      for (const child of [...Object.values(node.properties ?? {}), node.items, node.allOf ?? []].flat()) if (child) visit(child, from);
      if (typeof node.additionalProperties === "object") visit(node.additionalProperties, from);
    };
    while (pending.length > 0) {
      const ref = pending.pop()!;
      const definition = set.definition(version, ref);
      assert.ok(definition, ref);
      visit(definition, ref);
    }
    for (const { ref } of set.resourceTypes(version)) {
      assert.equal(set.definition(version, ref)?.properties?.kind?.type, "string", ref);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// toJsonSchema

test("toJsonSchema emits a self-contained draft-07 schema with closed objects", () => {
  const schema = toJsonSchema(schemas(), "1.34", "apps/v1", "Deployment");
  assert.ok(schema);
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
  assert.equal(schema.additionalProperties, false);
  const definitions = schema.definitions as Record<string, JsonSchema>;
  const text = JSON.stringify(schema);
  for (const [, ref] of text.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) assert.ok(definitions[ref!], ref);
  assert.doesNotMatch(text, /"\$ref":"(?!#\/definitions\/)/);
  assert.doesNotMatch(text, /x-kubernetes-|"format":"quantity"/);
  assert.equal(definitions["io.k8s.api.core.v1.ServicePort"], undefined, "a Deployment does not reach Service definitions");
  assert.deepEqual((definitions["io.k8s.api.core.v1.HTTPGetAction"]!.properties as Record<string, JsonSchema>).port!.type, ["integer", "string"]);
  assert.equal(toJsonSchema(schemas(), "1.34", "batch/v1beta1", "CronJob"), undefined);
});

test("yaml-language-server reports what the emitted schema forbids, and nothing Kubernetes accepts", async () => {
  const schema = toJsonSchema(schemas(), "1.34", "apps/v1", "Deployment");
  const service = getLanguageService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (relativePath: string) => relativePath },
  });
  service.configure({ validate: true, schemas: [{ uri: "file:///deployment.schema.json", fileMatch: ["*.yaml"] }] });
  const text = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata: {name: web, labels: {app: web}}",
    "spec:",
    "  selector: {matchLabels: {app: web}}",
    "  strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}",
    "  template:",
    "    metadata: {labels: {app: web}}",
    "    spec:",
    "      containers:",
    "        - name: web",
    "          image: nginx",
    "          imagePullPolicy: Sometimes",
    "          colour: blue",
    "          ports: [{containerPort: 80, name: http}]",
    "          livenessProbe: {httpGet: {port: http, path: /}}",
    "          resources: {limits: {cpu: 0.5, memory: 128Mi}, requests: {cpu: 100m, memory: lots}}",
    "        - image: nginx",
    "status: {replicas: 1}",
    "",
  ].join("\n");
  const diagnostics = await service.doValidation(TextDocument.create("file:///w/deployment.yaml", "yaml", 1, text), false);
  const found = diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.message] as const).sort(([a], [b]) => a - b);
  assert.deepEqual(
    found.map(([line]) => line),
    [13, 14, 17, 18],
    JSON.stringify(found),
  );
  assert.match(found[0]![1], /Always.*IfNotPresent.*Never/);
  assert.match(found[1]![1], /colour/);
  assert.match(found[2]![1], /pattern/);
  assert.match(found[3]![1], /name/);
});
