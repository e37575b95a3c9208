import { test } from "node:test";
import assert from "node:assert/strict";
import { kubernetesCompletion, type SchemaCompletionList } from "../../../server/src/analysis/index.ts";
import { DEPLOYMENT, LAYOUT, POD_LIST, WIDGET, environment, mark, withCursor } from "./support.ts";

/**
 * Completion, one row per cursor position: labels that must be offered and labels that
 * must not, and the text some of them insert. `expect: null` means no completion at all.
 */
interface CompletionCase {
  name: string;
  text: string;
  path?: string;
  expect: string[] | null;
  absent?: string[];
  /** The exact list of labels, in order, when it is short enough to state. */
  exactly?: string[];
  /** Label to the exact text it inserts. */
  inserts?: Record<string, string>;
  /** Labels that must lead the list, in this order, once sorted. */
  first?: string[];
}

const CONTAINER_END = DEPLOYMENT.replace("              cpu: 500m\n", "              cpu: 500m\n          |\n");

const cases: CompletionCase[] = [
  {
    name: "a half-typed key under a container, parsed as a key without a value",
    text: DEPLOYMENT + "          securityCon|\n",
    expect: ["securityContext", "ports", "env"],
    absent: ["name", "image", "imagePullPolicy", "resources", "replicas"],
    inserts: { securityContext: "securityContext:\n            " },
  },
  {
    name: "an empty line decides its mapping by indentation",
    text: CONTAINER_END,
    expect: ["ports", "env", "livenessProbe", "securityContext"],
    absent: ["name", "image", "imagePullPolicy", "resources", "containers"],
    inserts: { ports: "ports:\n            - ", livenessProbe: "livenessProbe:\n            ", command: "command:\n            - ", workingDir: "workingDir: " },
  },
  {
    name: "a shallower empty line belongs to the pod spec",
    text: CONTAINER_END.replace("          |\n", "      |\n"),
    expect: ["volumes", "nodeSelector", "restartPolicy"],
    absent: ["containers", "ports"],
    inserts: { nodeSelector: "nodeSelector:\n        " },
  },
  {
    name: "a new list item offers its object's keys, required ones first",
    text: DEPLOYMENT + "        - |\n",
    expect: ["name", "image", "ports"],
    first: ["name"],
  },
  {
    name: "a word typed under an empty list field starts its first item",
    text: DEPLOYMENT.replace("    spec:\n      containers:", "    spec:\n      volumes:\n        na|\n      containers:"),
    expect: ["name", "configMap", "secret"],
    inserts: { name: "- name: ", configMap: "- configMap:\n            " },
  },
  {
    name: "a word typed under an object field that the parser reads as its value",
    text: DEPLOYMENT.replace("          resources:\n            limits:\n              cpu: 500m\n", "          resources:\n            lim|\n"),
    expect: ["limits", "requests", "claims"],
    inserts: { limits: "limits:\n              " },
  },
  {
    name: "an existing key being renamed keeps its colon and value",
    text: mark(DEPLOYMENT, "imagePullPolicy", 5),
    expect: ["imagePullPolicy", "workingDir"],
    inserts: { imagePullPolicy: "imagePullPolicy", workingDir: "workingDir" },
  },
  {
    name: "the root of a resource offers its top-level fields but not status",
    text: "apiVersion: apps/v1\nkind: Deployment\n|\n",
    expect: ["metadata", "spec"],
    absent: ["apiVersion", "kind", "status"],
  },
  {
    name: "the root of a resource whose apiVersion is missing offers it",
    text: "kind: Deployment\nmetadata:\n  name: web\n|\n",
    exactly: ["apiVersion"],
    expect: ["apiVersion"],
  },
  { name: "an enum value", text: DEPLOYMENT + "          terminationMessagePolicy: |\n", exactly: ["FallbackToLogsOnError", "File"], expect: [] },
  { name: "an enum value being typed over", text: mark(DEPLOYMENT, "IfNotPresent", 5), exactly: ["Always", "IfNotPresent", "Never"], expect: [] },
  { name: "an enum value inside quotes", text: DEPLOYMENT.replace("IfNotPresent", '"Nev|"'), exactly: ["Always", "IfNotPresent", "Never"], expect: [] },
  { name: "a boolean value", text: DEPLOYMENT.replace("    spec:\n      containers:", "    spec:\n      hostNetwork: |\n      containers:"), exactly: ["true", "false"], expect: [] },
  { name: "a free-form value has no completion", text: mark(DEPLOYMENT, "nginx", 2), expect: null },
  {
    name: "kinds served for the document's apiVersion",
    text: "apiVersion: apps/v1\nkind: |\n",
    expect: ["Deployment", "StatefulSet", "DaemonSet"],
    absent: ["Pod", "DeploymentList", "Widget"],
  },
  { name: "kinds of a CRD's group", text: "apiVersion: example.com/v1\nkind: W|\n", exactly: ["Widget"], expect: [] },
  { name: "every kind when there is no apiVersion yet", text: "kind: |\nmetadata:\n  name: x\n", expect: ["Deployment", "Pod", "ConfigMap", "Widget", "CronJob"] },
  { name: "apiVersions that serve the document's kind", text: "kind: Deployment\napiVersion: |\n", exactly: ["apps/v1"], expect: [] },
  { name: "every apiVersion when there is no kind", text: "apiVersion: |\nmetadata:\n  name: x\n", expect: ["v1", "apps/v1", "batch/v1", "example.com/v1"], first: ["v1"] },
  {
    name: "a CRD's fields, required first",
    text: WIDGET.replace("  size: 3\n  mode: fast\n", "  |\n"),
    expect: ["size", "mode", "parts"],
    first: ["size"],
    inserts: { parts: "parts:\n    - ", size: "size: " },
  },
  { name: "a CRD's enum value", text: WIDGET.replace("mode: fast", "mode: |"), exactly: ["fast", "slow"], expect: [] },
  { name: "a custom resource's metadata is ObjectMeta", text: WIDGET.replace("  name: w\n", "  name: w\n  |\n"), expect: ["labels", "namespace", "annotations"], absent: ["name"] },
  { name: "an item of a v1 List", text: POD_LIST.replace("      restartPolicy: Always\n", "      |\n"), expect: ["restartPolicy", "volumes"], absent: ["containers"] },
  { name: "an enum value in a List item", text: POD_LIST.replace("restartPolicy: Always", "restartPolicy: O|"), exactly: ["Always", "Never", "OnFailure"], expect: [] },
  { name: "the List itself has no schema to offer", text: POD_LIST + "|\n", expect: null },
  {
    name: "a line inside a block scalar is text",
    text: DEPLOYMENT.replace("    metadata:\n      labels:", "    metadata:\n      annotations:\n        note: |\n          some te|\n      labels:"),
    expect: null,
  },
  { name: "a comment line", text: DEPLOYMENT + "          # ima|\n", expect: null },
  { name: "an unknown kind has no fields", text: "apiVersion: example.org/v1\nkind: Gadget\nspec:\n  |\n", expect: null },
  { name: "a plain YAML file", text: "name: CI\n|\n", expect: null },
  { name: "a workflow, whatever its content", text: DEPLOYMENT + "          imagePul|\n", path: "/w/.github/workflows/ci.yml", expect: null },
];

function complete(marked: string, path = "/w/app.yaml"): SchemaCompletionList | undefined {
  const { text, position } = withCursor(marked);
  return kubernetesCompletion({ path, text }, position, { layout: LAYOUT, kubernetes: environment() });
}

for (const { name, text, path, expect, absent, exactly, inserts, first } of cases) {
  test(`completion: ${name}`, () => {
    const list = complete(text, path);
    if (expect === null) {
      assert.equal(list, undefined, `unexpected completions: ${list?.items.map((item) => item.label).join(", ")}`);
      return;
    }
    assert.ok(list, "no completion");
    const labels = list.items.map((item) => item.label);
    for (const label of expect) assert.ok(labels.includes(label), `missing ${label} in ${labels.join(", ")}`);
    for (const label of absent ?? []) assert.ok(!labels.includes(label), `unexpected ${label} in ${labels.join(", ")}`);
    if (exactly) assert.deepEqual(labels, exactly);
    for (const [label, newText] of Object.entries(inserts ?? {})) assert.equal(list.items.find((item) => item.label === label)?.newText, newText, label);
    if (first) {
      const sorted = [...list.items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((item) => item.label);
      assert.deepEqual(sorted.slice(0, first.length), first);
    }
  });
}

test("completion: a field item has its type as detail and its description as documentation", () => {
  const item = complete(CONTAINER_END)?.items.find((candidate) => candidate.label === "terminationMessagePolicy");
  assert.equal(item?.detail, "string");
  assert.ok(item?.documentation?.includes("Allowed values: `FallbackToLogsOnError`, `File`"));
  assert.ok(item?.documentation?.includes("Indicate how the termination message should be populated"));
  const required = complete(DEPLOYMENT + "        - |\n")?.items.find((candidate) => candidate.label === "name");
  assert.equal(required?.required, true);
});

test("completion: the range covers the whole word or value under the cursor", () => {
  const key = complete(DEPLOYMENT + "          imagePu|l\n");
  assert.deepEqual(key?.range, { start: { line: 23, character: 10 }, end: { line: 23, character: 18 } });
  const value = complete(mark(DEPLOYMENT, "IfNotPresent", 5));
  assert.deepEqual(value?.range, { start: { line: 19, character: 27 }, end: { line: 19, character: 39 } });
  const quoted = complete(DEPLOYMENT.replace("IfNotPresent", '"Nev|"'));
  assert.deepEqual(quoted?.range, { start: { line: 19, character: 28 }, end: { line: 19, character: 31 } });
});

test("completion: each document of a file is its own, and ranges are positions in the whole file", () => {
  const text = `${WIDGET}---\n${DEPLOYMENT}...\n---\n# a comment\n${WIDGET.replace("mode: fast", "mode: s|")}---\n`;
  const list = complete(text);
  assert.deepEqual(list?.items.map((item) => item.label), ["fast", "slow"]);
  const line = withCursor(text).position.line;
  assert.deepEqual(list?.range, { start: { line, character: 8 }, end: { line, character: 9 } });
  const endOfFirst = complete(`${WIDGET}  |\n---\n${DEPLOYMENT}`);
  assert.ok(endOfFirst?.items.some((item) => item.label === "parts"));
  assert.equal(complete(`${WIDGET}...\n|\n---\n${DEPLOYMENT}`), undefined);
});

test("completion: a CRLF file gets CRLF line breaks", () => {
  const item = complete(CONTAINER_END.replace(/\n/g, "\r\n"))?.items.find((candidate) => candidate.label === "ports");
  assert.equal(item?.newText, "ports:\r\n            - ");
});
