/** The pure parts of the live diff: splitting a file into resources, normalising, masking Secrets, changed paths, rendering. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { resourceAt, splitResources } from "../../client/src/diff/documents.ts";
import { normalise, LAST_APPLIED } from "../../client/src/diff/normalise.ts";
import { maskSecrets } from "../../client/src/diff/mask.ts";
import { changedPaths } from "../../client/src/diff/paths.ts";
import { renderYaml } from "../../client/src/diff/render.ts";
import { combine, diffResources, type LiveSource } from "../../client/src/diff/live-diff.ts";
import type { JsonObject } from "../../client/src/diff/objects.ts";

describe("splitResources", () => {
  test("every document and every List item is a resource with its lines; non-resources are problems", () => {
    const text = [
      "# comment",
      "apiVersion: v1", // 1
      "kind: ConfigMap",
      "metadata:",
      "  name: a",
      "---",
      "apiVersion: v1", // 6
      "kind: List",
      "items:",
      "  - apiVersion: v1", // 9
      "    kind: Secret",
      "    metadata: { name: b, namespace: x }",
      "  - apiVersion: v1", // 12
      "    kind: Service",
      "    metadata: { name: c }",
      "---",
      "just: data", // 16
      "---",
      "",
      "---",
      "a: [", // 20
    ].join("\n");
    const { resources, problems } = splitResources(text);
    assert.deepEqual(
      resources.map((resource) => [resource.identity.kind, resource.identity.name, resource.identity.namespace, resource.startLine]),
      [
        ["ConfigMap", "a", undefined, 1],
        ["Secret", "b", "x", 9],
        ["Service", "c", undefined, 12],
      ],
    );
    assert.deepEqual(problems.map((problem) => problem.startLine), [16, 20]);
    assert.equal(resourceAt(resources, 10)?.identity.name, "b");
    assert.equal(resourceAt(resources, 3)?.identity.name, "a");
  });
});

test("tool configuration files are not resources: kustomizations, kubeconfigs", () => {
  const text = [
    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: k\n",
    "apiVersion: v1\nkind: Config\nmetadata:\n  name: kc\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: real\n",
  ].join("---\n");
  const { resources, problems } = splitResources(text);
  assert.deepEqual(resources.map((resource) => resource.identity.kind), ["ConfigMap"]);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!.message, /configures a tool/);
});

describe("normalise", () => {
  test("drops server fields, status and the last-applied annotation, keeping other annotations", () => {
    const object: JsonObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "a", uid: "u", resourceVersion: "1", generation: 2, creationTimestamp: "t", managedFields: [], annotations: { [LAST_APPLIED]: "{}", keep: "me" } },
      data: { a: "1" },
      status: { x: 1 },
    };
    assert.deepEqual(normalise(object), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", annotations: { keep: "me" } }, data: { a: "1" } });
    const only = normalise({ metadata: { name: "a", annotations: { [LAST_APPLIED]: "{}" } } });
    assert.deepEqual(only, { metadata: { name: "a" } });
    assert.ok((object.metadata as JsonObject).uid, "the input is not changed");
  });
});

describe("maskSecrets", () => {
  const secret = (data: JsonObject, annotations?: JsonObject): JsonObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", ...(annotations ? { annotations } : {}) }, data });

  test("equal values are ***, differing ones *** (before) / *** (after), one-sided ones ***", () => {
    const [before, after] = maskSecrets(secret({ same: "c2FtZQ==", changed: "b2xk", gone: "eA==" }), secret({ same: "c2FtZQ==", changed: "bmV3", added: "eQ==" }));
    assert.deepEqual(before!.data, { same: "***", changed: "*** (before)", gone: "***" });
    assert.deepEqual(after!.data, { same: "***", changed: "*** (after)", added: "***" });
  });

  test("a new Secret's values are masked too, and other kinds are untouched", () => {
    const [before, after] = maskSecrets(undefined, { ...secret({ a: "YWJjZA==" }), stringData: { b: "plain" } });
    assert.equal(before, undefined);
    assert.deepEqual(after!.data, { a: "***" });
    assert.deepEqual(after!.stringData, { b: "***" });
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
    assert.deepEqual(maskSecrets(configMap, configMap), [configMap, configMap]);
  });

  test("annotations that embed the Secret are masked: JSON copies by key, other text by value", () => {
    const copy = (password: string) => JSON.stringify({ data: { password, user: "YWRtaW4=" } });
    const [before, after] = maskSecrets(
      secret({ password: "b2xkLXBhc3M=" }, { copy: copy("b2xkLXBhc3M="), note: "old password is old-pass", plain: "nothing here" }),
      secret({ password: "bmV3LXBhc3M=" }, { copy: copy("bmV3LXBhc3M="), note: "old password is old-pass", plain: "nothing here" }),
    );
    const annotations = (object: JsonObject | undefined) => (object!.metadata as JsonObject).annotations as JsonObject;
    assert.deepEqual(JSON.parse(String(annotations(before).copy)), { data: { password: "*** (before)", user: "***" } });
    assert.deepEqual(JSON.parse(String(annotations(after).copy)), { data: { password: "*** (after)", user: "***" } });
    assert.equal(annotations(before).note, "old password is ***");
    assert.equal(annotations(after).plain, "nothing here");
    assert.doesNotMatch(JSON.stringify([before, after]), /b2xkLXBhc3M|bmV3LXBhc3M|old-pass|new-pass/);
  });
});

describe("changedPaths", () => {
  test("maps by key, keyed lists by element key, atomic lists whole", () => {
    const before: JsonObject = { spec: { replicas: 1, tolerations: [{ key: "a" }], containers: [{ name: "web", image: "1", ports: [{ containerPort: 80 }] }, { name: "old", image: "x" }] } };
    const after: JsonObject = { spec: { replicas: 2, tolerations: [{ key: "b" }], containers: [{ name: "web", image: "2", ports: [{ containerPort: 80 }, { containerPort: 81, protocol: "UDP" }] }], paused: true } };
    assert.deepEqual(changedPaths(before, after), [
      "spec.containers[name=old]",
      "spec.containers[name=web].image",
      "spec.containers[name=web].ports[containerPort=81,protocol=UDP]",
      "spec.paused",
      "spec.replicas",
      "spec.tolerations",
    ]);
    assert.deepEqual(changedPaths(before, structuredClone(before)), []);
    assert.deepEqual(changedPaths(undefined, after), ["(new)"]);
  });
});

describe("renderYaml and combine", () => {
  test("apiVersion, kind and metadata come first, other keys sorted, as kubectl prints them", () => {
    assert.equal(renderYaml({ spec: { b: 1, a: 2 }, metadata: { name: "x" }, kind: "K", apiVersion: "v1" }), "apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  a: 2\n  b: 1\n");
  });

  test("diffs of many resources keep the file's order under bounded concurrency", async () => {
    let inFlight = 0;
    let most = 0;
    const source: LiveSource = {
      namespaceOf: async (ref) => ref.namespace ?? "default",
      get: async (ref) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5 + (ref.name.length % 3)));
        inFlight--;
        return ref.name === "new" ? undefined : { apiVersion: "v1", kind: "ConfigMap", metadata: { name: ref.name, uid: "x" }, data: { a: "1" } };
      },
      dryRunApply: async (object) => ({ ...object, metadata: { ...(object.metadata as JsonObject), uid: "x" } }),
      dryRunCreate: async (object) => object,
    };
    const text = ["same", "changed", "new", "also-same", "more"].map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "${name === "changed" ? 2 : 1}"\n`).join("---\n");
    const diffs = await diffResources(source, splitResources(text).resources, { concurrency: 2 });
    assert.deepEqual(diffs.map((diff) => `${diff.label} ${diff.status}`), [
      "ConfigMap default/same unchanged",
      "ConfigMap default/changed changed",
      "ConfigMap default/new new",
      "ConfigMap default/also-same unchanged",
      "ConfigMap default/more unchanged",
    ]);
    assert.equal(most, 2);
    const combined = combine(diffs);
    assert.match(combined.liveText, /# ConfigMap default\/new\n# \(not on the cluster\)\n---/);
  });
});
