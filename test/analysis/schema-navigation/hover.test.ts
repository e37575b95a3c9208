import { test } from "node:test";
import assert from "node:assert/strict";
import { kubernetesHover } from "../../../server/src/analysis/index.ts";
import { DEPLOYMENT, LAYOUT, POD_LIST, WIDGET, environment, mark, withCursor } from "./support.ts";

/**
 * Hover, one row per cursor position: the substrings the markdown must hold and must not,
 * or `null` when there must be no hover at all.
 */
interface HoverCase {
  name: string;
  text: string;
  path?: string;
  version?: string;
  expect: string[] | null;
  absent?: string[];
}

const cases: HoverCase[] = [
  {
    name: "a container's key gives its path, type, description and the target version",
    text: mark(DEPLOYMENT, "image:", 2),
    expect: ["`spec.template.spec.containers[0].image`", "`string`", "Container image name", "Kubernetes 1.34", "Deployment `apps/v1`"],
    absent: ["required", "Allowed values"],
  },
  { name: "a required list of objects", text: mark(DEPLOYMENT, "containers:", 4), expect: ["`spec.template.spec.containers`", "`[]Container`", ", required"] },
  { name: "a map of strings", text: mark(DEPLOYMENT, "matchLabels", 3), expect: ["`spec.selector.matchLabels`", "`map[string]string`"] },
  { name: "an int-or-string field", text: mark(DEPLOYMENT, "maxSurge", 1), expect: ["`int-or-string`", "The maximum number of pods"] },
  { name: "a quantity map value takes its map's description", text: mark(DEPLOYMENT, "cpu:", 1), expect: ["`spec.template.spec.containers[0].resources.limits.cpu`", "`quantity`", "Limits describes"] },
  { name: "a referenced definition is named by its short name", text: mark(DEPLOYMENT, "metadata:", 1), expect: ["`metadata`", "`ObjectMeta`", "Standard object's metadata"] },
  {
    name: "the value of an enum field lists the allowed values",
    text: mark(DEPLOYMENT, "IfNotPresent", 4),
    expect: ["`spec.template.spec.containers[0].imagePullPolicy`", "Allowed values: `Always`, `IfNotPresent`, `Never`"],
  },
  { name: "the apiVersion value describes the resource type", text: mark(DEPLOYMENT, "apps/v1", 2), expect: ["**Deployment** `apps/v1`", "declarative updates", "Kubernetes 1.34"] },
  { name: "the kind value describes the resource type", text: mark(DEPLOYMENT, "Deployment", 3), expect: ["**Deployment** `apps/v1`"] },
  {
    name: "a kind the target version does not serve under that apiVersion says where it is served",
    text: "apiVersion: apps/v1beta1\nkind: Deploy|ment\n",
    expect: ["does not serve `Deployment` as `apps/v1beta1`", "served as `apps/v1`"],
  },
  {
    name: "a CRD's field says which CRD defines it",
    text: mark(WIDGET, "size", 2),
    expect: ["`spec.size`", "`integer`", ", required", "How many things", "from CRD /w/crds/widget.yaml", "Widget `example.com/v1`"],
    absent: ["Kubernetes 1.34"],
  },
  { name: "a CRD's enum value", text: mark(WIDGET, "fast", 1), expect: ["Allowed values: `fast`, `slow`"] },
  { name: "a CRD's kind value", text: mark(WIDGET, "Widget", 2), expect: ["**Widget** `example.com/v1`", "A Widget makes things.", "from CRD /w/crds/widget.yaml"] },
  { name: "a custom resource's metadata is ObjectMeta", text: mark(WIDGET, "name: w", 1), expect: ["`metadata.name`", "`string`", "Name must be unique"] },
  { name: "an item of a v1 List is a resource of its own", text: mark(POD_LIST, "restartPolicy", 3), expect: ["`spec.restartPolicy`", "Allowed values: `Always`", "Pod `v1`"] },
  { name: "a List item's container", text: mark(POD_LIST, "image: busybox", 2), expect: ["`spec.containers[0].image`"] },
  {
    name: "the second document of a file",
    text: `${WIDGET}---\n${mark(DEPLOYMENT, "selector", 3)}`,
    expect: ["`spec.selector`", "`LabelSelector`", ", required"],
  },
  { name: "an unbundled version is named beside the one used", text: mark(DEPLOYMENT, "image:", 2), version: "1.99", expect: ["Kubernetes 1.34 (the nearest bundled version to 1.99)"] },
  { name: "a key the schema does not know", text: "apiVersion: v1\nkind: ConfigMap\nfoo|bar: 1\n", expect: null },
  { name: "a kind nothing defines", text: "apiVersion: example.org/v1\nkind: Gadget\nspec:\n  si|ze: 1\n", expect: null },
  { name: "whitespace between keys", text: "apiVersion: v1\nkind: ConfigMap\n|\ndata: {}\n", expect: null },
  { name: "an empty value", text: "apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: |\n", expect: null },
  { name: "a plain YAML file", text: "name: CI\non: push\nfoo: b|ar\n", expect: null },
  { name: "a workflow, whatever its content", text: mark(DEPLOYMENT, "image:", 2), path: "/w/.github/workflows/ci.yml", expect: null },
  { name: "a chart template", text: mark(DEPLOYMENT, "image:", 2), path: "/w/chart/templates/deployment.yaml", expect: null },
];

for (const { name, text: marked, path, version, expect, absent } of cases) {
  test(`hover: ${name}`, () => {
    const { text, position } = withCursor(marked);
    const hover = kubernetesHover({ path: path ?? "/w/app.yaml", text }, position, { layout: LAYOUT, kubernetes: environment(version) });
    if (expect === null) {
      assert.equal(hover, undefined, `unexpected hover:\n${hover?.markdown}`);
      return;
    }
    assert.ok(hover, "no hover");
    for (const part of expect) assert.ok(hover.markdown.includes(part), `missing ${JSON.stringify(part)} in:\n${hover.markdown}`);
    for (const part of absent ?? []) assert.ok(!hover.markdown.includes(part), `unexpected ${JSON.stringify(part)} in:\n${hover.markdown}`);
  });
}

test("hover: the range is the token under the cursor", () => {
  const { text, position } = withCursor(mark(DEPLOYMENT, "IfNotPresent", 4));
  const hover = kubernetesHover({ path: "/w/app.yaml", text }, position, { layout: LAYOUT, kubernetes: environment() });
  assert.deepEqual(hover?.range, { start: { line: position.line, character: 27 }, end: { line: position.line, character: 39 } });
});
