import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
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
// Name collisions in cdk8s
//
// cdk8s names its interfaces by short name and its resource classes by kind and version, so
// where two API groups share a name it keeps one. The generator repairs that from
// kubernetes-models; these tests read kubernetes-models themselves, so a new collision in a
// future cdk8s package fails here even when the generator misses it.

for (const version of VERSIONS) {
  test(`${version}: a FlowSchema's subjects are flowcontrol Subjects, not RBAC ones`, () => {
    const set = schemas();
    const subject = at(set, version, "flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "spec.rules[].subjects[]");
    assert.deepEqual(Object.keys(subject?.properties ?? {}).sort(), ["group", "kind", "serviceAccount", "user"]);
    assert.deepEqual(subject?.required, ["kind"]);
    const serviceAccount = at(set, version, "flowcontrol.apiserver.k8s.io/v1", "FlowSchema", "spec.rules[].subjects[].serviceAccount");
    assert.deepEqual(serviceAccount?.required, ["name", "namespace"]);
    // RBAC keeps its own Subject, which does require a name.
    assert.ok(at(set, version, "rbac.authorization.k8s.io/v1", "RoleBinding", "subjects[]")?.required?.includes("name"));
  });

  test(`${version}: an EndpointSlice's ports do not require the port a Service's endpoints do`, () => {
    const set = schemas();
    const port = at(set, version, "discovery.k8s.io/v1", "EndpointSlice", "ports[]");
    assert.ok(port?.properties?.port);
    assert.equal(port.required, undefined);
    assert.ok(at(set, version, "v1", "Endpoints", "subsets[].ports[]")?.required?.includes("port"));
  });

  test(`${version}: the core v1 Event is served beside events.k8s.io/v1 Event`, () => {
    const set = schemas();
    assert.equal(refOf(set, version, "v1", "Event"), "io.k8s.api.core.v1.Event");
    assert.equal(refOf(set, version, "events.k8s.io/v1", "Event"), "io.k8s.api.events.v1.Event");
    const event = set.definition(version, "io.k8s.api.core.v1.Event");
    assert.ok(event);
    assert.ok(event.required?.includes("involvedObject"));
    assert.equal(event.properties?.kind?.type, "string");
    assert.ok(at(set, version, "v1", "Event", "involvedObject")?.properties?.uid);
    assert.equal(at(set, version, "v1", "Event", "regarding"), undefined, "regarding is a field of events.k8s.io/v1 Event only");
    assert.equal(at(set, version, "v1", "EventList", "items[]"), event);
  });

  test(`${version}: every reference to another definition is the one kubernetes-models gives the field`, () => {
    const set = schemas();
    const { problems, checked } = checkReferences(set, version);
    assert.deepEqual(problems, []);
    // The fields cdk8s got wrong must have been checked, or the check proves nothing.
    for (const field of [
      "io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects#subjects",
      "io.k8s.api.discovery.v1.EndpointSlice#ports",
      "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec#service",
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookConversion#clientConfig",
    ]) {
      assert.ok(checked.has(field), field);
    }
  });
}

test("the reference check catches a field that refers to a same-named definition of another group", () => {
  const real = schemas();
  const collided = "io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects";
  const doctored: BuiltinSchemaSet = {
    versions: real.versions,
    newest: real.newest,
    resourceTypes: (version) => real.resourceTypes(version),
    definition(version, ref) {
      const definition = real.definition(version, ref);
      if (ref !== collided || !definition) return definition;
      const subjects = { ...definition.properties!.subjects, items: { $ref: "io.k8s.api.rbac.v1.Subject" } };
      return { ...definition, properties: { ...definition.properties, subjects } };
    },
  };
  assert.deepEqual(checkReferences(doctored, "1.34").problems, [
    `${collided}#subjects refers to io.k8s.api.rbac.v1.Subject; kubernetes-models says IoK8sApiFlowcontrolV1Subject`,
  ]);
});

const REPO = join(__dirname, "..", "..");

/** The kubernetes-models packages to check a version against, the nearest first (4.5.1 is 1.33, 5.1.0 is 1.35). */
function modelPackagesFor(version: string): string[] {
  return version === "1.34" ? ["kubernetes-models-1-34", "kubernetes-models-1-33"] : ["kubernetes-models-1-33", "kubernetes-models-1-34"];
}

/** Per model definition (by `normalized` name), each field's type as kubernetes-models writes it, whitespace removed. */
type ModelFields = Map<string, Map<string, string>>;

const modelCache = new Map<string, ModelFields>();

/**
 * Reads the model declarations of a kubernetes-models package. They are generated with one
 * layout: `export interface IX {` with one `"field"?: Type;` per property at four spaces, and an
 * `export { IX as IIoK8s...Name }` that names the definition, so plain text matching suffices.
 */
function modelFields(name: string): ModelFields {
  const cached = modelCache.get(name);
  if (cached) return cached;
  const fields: ModelFields = new Map();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith("_")) visit(path);
      } else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") {
        readModel(readFileSync(path, "utf8"), fields);
      }
    }
  };
  visit(join(REPO, "node_modules", name));
  modelCache.set(name, fields);
  return fields;
}

function readModel(text: string, fields: ModelFields): void {
  const definitionOf = new Map<string, string>();
  for (const [, list] of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const [, local, exported] of list!.matchAll(/(\w+) as I(IoK8s\w+)/g)) definitionOf.set(local!, exported!);
  }
  for (const [, local, body] of text.matchAll(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)^\}/gm)) {
    const definition = definitionOf.get(local!);
    if (!definition) continue;
    const types = new Map<string, string>();
    // Each property runs to the next property or doc comment at the same depth, or to the end.
    for (const [, field, type] of body!.matchAll(/^ {4}"([^"]+)"\??: ([\s\S]*?)(?=\n {4}["/]|\s*(?![\s\S]))/gm)) {
      // Local names (a definition refers to itself as `IJSONSchemaProps`) become full ones.
      types.set(field!, type!.replace(/\s+/g, "").replace(/\bI[A-Z]\w*/g, (name) => (definitionOf.has(name) ? `I${definitionOf.get(name)}` : name)));
    }
    fields.set(normalized(definition!), types);
  }
}

/** `io.k8s.api.core.v1.Container` and `IoK8sApiCoreV1Container` both become `iok8sapicorev1container`. */
function normalized(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

/** The definition a kubernetes-models type refers to, directly, as list items or as map values. */
function modelReference(type: string): string | undefined {
  return /^(?:Array<|\{\[key:string\]:)?I(IoK8s\w+)(?:>|;\})?;$/.exec(type)?.[1];
}

/** The definition a bundled field refers to, directly, as list items or as map values. */
function referenceOf(node: SchemaNode): string | undefined {
  const inner = node.allOf?.length === 1 ? node.allOf[0]! : node;
  const values = inner.additionalProperties;
  return inner.$ref ?? inner.items?.$ref ?? (typeof values === "object" ? values.$ref : undefined);
}

/** `io.k8s.api.core` for `io.k8s.api.core.v1.Pod`: the definition name without version and short name. */
function groupOfRef(ref: string): string {
  return ref.split(".").slice(0, -2).join(".");
}

/** Whether a kubernetes-models name is the definition `ref` in some version of its group. */
function inAnyVersion(name: string, ref: string): boolean {
  const group = normalized(groupOfRef(ref));
  const shortName = normalized(ref.slice(ref.lastIndexOf(".") + 1));
  const model = normalized(name);
  return model.startsWith(group) && model.endsWith(shortName) && /^v\d+((alpha|beta)\d+)?$/.test(model.slice(group.length, model.length - shortName.length));
}

/**
 * Compares every field of every definition a version's resource types reach with the type
 * kubernetes-models gives it. A field kubernetes-models does not model exactly (alpha and beta
 * versions) is compared with the same definition of another version of its group; one that
 * cannot be compared at all may refer to another group only for core and apimachinery types,
 * which every group shares, since a collision makes a field refer to another group's type.
 */
function checkReferences(set: BuiltinSchemaSet, version: string): { problems: string[]; checked: Set<string> } {
  const packages = modelPackagesFor(version).map(modelFields);
  // The same definition in another version of its group refers to the other version's types
  // of its own group, so only the group and short name of those are compared.
  const otherVersion = (ref: string, field: string): string | undefined => {
    for (const fields of packages) {
      for (const [definition, types] of fields) {
        const type = types.get(field);
        if (type !== undefined && inAnyVersion(definition, ref)) return type;
      }
    }
    return undefined;
  };
  const problems: string[] = [];
  const checked = new Set<string>();
  const pending = set.resourceTypes(version).map(({ ref }) => ref);
  const seen = new Set(pending);
  while (pending.length > 0) {
    const ref = pending.pop()!;
    for (const [field, property] of Object.entries(set.definition(version, ref)?.properties ?? {})) {
      const target = referenceOf(property);
      if (target === undefined) continue;
      if (!seen.has(target)) {
        seen.add(target);
        pending.push(target);
      }
      const exact = packages.map((fields) => fields.get(normalized(ref))?.get(field)).find((found) => found !== undefined);
      const type = exact ?? otherVersion(ref, field);
      const real = type === undefined ? undefined : modelReference(type);
      if (real !== undefined) {
        checked.add(`${ref}#${field}`);
        const same = exact !== undefined || groupOfRef(target) !== groupOfRef(ref) ? normalized(real) === normalized(target) : inAnyVersion(real, target);
        if (!same) problems.push(`${ref}#${field} refers to ${target}; kubernetes-models says ${real}`);
      } else if (groupOfRef(target) !== groupOfRef(ref) && !/^io\.k8s\.(api\.core|apimachinery)\./.test(target)) {
        problems.push(`${ref}#${field} refers to ${target} of another group, and kubernetes-models cannot confirm it`);
      }
    }
  }
  return { problems, checked };
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
