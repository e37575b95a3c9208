import { test } from "node:test";
import assert from "node:assert/strict";
import { WorkspaceIndex, indexSourceFile, kustomizeNamespaces, layoutFromPaths, resourceKey } from "../../server/src/analysis/index.ts";
import { WorkspaceResources } from "../../server/src/lsp/workspace-resources.ts";

const layout = layoutFromPaths([]);
const configMap = (name: string, keys: string[], namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ""}data:\n${keys.map((key) => `  ${key}: x\n`).join("")}`;

test("resources are indexed by kind, namespace and name, with their facts", () => {
  const text = `${configMap("settings", ["a", "b"])}---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ServiceAccount\n    metadata: { name: robot, namespace: ci }\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata: { name: reader, namespace: ignored }\n`;
  const resources = indexSourceFile({ path: "/w/a.yaml", text }, layout);
  assert.deepEqual(
    resources.map((resource) => [resourceKey(resource.kind, resource.namespace, resource.name), resource.documentIndex]),
    [["ConfigMap/default/settings", 0], ["ServiceAccount/ci/robot", 1], ["ClusterRole//reader", 1]],
  );
  assert.deepEqual(resources[0]!.keys, ["a", "b"]);
  assert.deepEqual(resources[0]!.keyInsertion, { line: 7, indent: 2, eol: "\n", map: "data" });
});

test("templated names, half-written resources and chart templates are not indexed", () => {
  assert.deepEqual(indexSourceFile({ path: "/w/b.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '{{ .Release.Name }}'\n" }, layout), []);
  assert.deepEqual(indexSourceFile({ path: "/w/c.yaml", text: "apiVersion: v1\nkind: ConfigMap\n" }, layout), []);
  const chart = layoutFromPaths(["/w/chart/Chart.yaml", "/w/chart/templates/cm.yaml"]);
  assert.deepEqual(indexSourceFile({ path: "/w/chart/templates/cm.yaml", text: configMap("x", []) }, chart), []);
});

test("an update reports only the keys whose facts changed, not moved positions", () => {
  const index = new WorkspaceIndex();
  const first = indexSourceFile({ path: "/w/a.yaml", text: configMap("settings", ["a"]) }, layout);
  assert.deepEqual([...index.update("/w/a.yaml", first)], ["ConfigMap/default/settings"]);
  const moved = indexSourceFile({ path: "/w/a.yaml", text: `# a comment\n${configMap("settings", ["a"])}` }, layout);
  assert.deepEqual([...index.update("/w/a.yaml", moved)], []);
  const changed = indexSourceFile({ path: "/w/a.yaml", text: configMap("settings", ["a", "b"]) }, layout);
  assert.deepEqual([...index.update("/w/a.yaml", changed)], ["ConfigMap/default/settings"]);
  assert.deepEqual([...index.remove("/w/a.yaml")], ["ConfigMap/default/settings"]);
  assert.equal(index.size, 0);
});

test("a view answers with the analysed file's resources as they are now", () => {
  const index = new WorkspaceIndex();
  index.update("/w/a.yaml", indexSourceFile({ path: "/w/a.yaml", text: configMap("old", []) }, layout));
  index.update("/w/b.yaml", indexSourceFile({ path: "/w/b.yaml", text: configMap("other", []) }, layout));
  const own = indexSourceFile({ path: "/w/a.yaml", text: configMap("new", []) }, layout);
  const queries: string[] = [];
  const view = index.viewFor("/w/a.yaml", own, (key) => queries.push(key));
  assert.deepEqual(view.find("ConfigMap", "default", "old"), []);
  assert.equal(view.find("ConfigMap", "default", "new").length, 1);
  assert.deepEqual(view.inNamespace("ConfigMap", "default").map((resource) => resource.name).sort(), ["new", "other"]);
  assert.deepEqual(queries, ["ConfigMap/default/old", "ConfigMap/default/new", "ConfigMap/default/*"]);
});

test("kustomizations set the namespace of the files they list; the outermost wins", () => {
  const namespaces = kustomizeNamespaces(
    [
      { path: "/w/base/kustomization.yaml", text: "namespace: base\nresources: [app.yaml, extra/]\n" },
      { path: "/w/kustomization.yaml", text: "namespace: prod\nresources: [base]\n" },
      { path: "/w/other/kustomization.yaml", text: "resources: [x.yaml]\n" },
    ],
    ["/w/base/app.yaml", "/w/base/extra/a.yaml", "/w/base/unlisted.yaml", "/w/other/x.yaml"],
  );
  assert.deepEqual(Object.fromEntries(namespaces), { "/w/base/app.yaml": "prod", "/w/base/extra/a.yaml": "prod", "/w/base/unlisted.yaml": "prod" });
});

test("the server re-checks only the files whose questions a change answers differently", () => {
  const rechecked: string[][] = [];
  const resources = new WorkspaceResources((paths) => rechecked.push(paths));
  resources.rebuild(
    [
      { path: "/w/cm.yaml", text: configMap("settings", ["a"]) },
      { path: "/w/other.yaml", text: configMap("unrelated", []) },
    ],
    layout,
  );
  // Two files asked questions while they were analysed: one about the ConfigMap, one about ServiceAccounts.
  const reader = resources.optionsFor("/w/reader.yaml");
  reader.onResources!([]);
  reader.onQuery!("ConfigMap/default/settings");
  const lister = resources.optionsFor("/w/lister.yaml");
  lister.onResources!([]);
  lister.onQuery!("ServiceAccount/default/*");

  const edit = resources.optionsFor("/w/cm.yaml");
  edit.onResources!(indexSourceFile({ path: "/w/cm.yaml", text: configMap("settings", ["a", "b"]) }, layout));
  assert.deepEqual(rechecked, [["/w/reader.yaml"]]);
  resources.optionsFor("/w/other.yaml").onResources!(indexSourceFile({ path: "/w/other.yaml", text: configMap("unrelated", []) }, layout));
  assert.equal(rechecked.length, 1, "an unchanged file re-checks nobody");
});
