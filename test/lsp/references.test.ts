import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { applyWorkspaceEdit } from "./support/edits.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * References across files over stdio: the scan indexes every file before it analyses any,
 * an open document's unsaved text is what the index holds for it, and an edit re-publishes
 * only the files whose questions to the index it answers differently.
 */
const workload = (kind: "Pod" | "Deployment", name: string, env: string) => {
  const container = `    - name: ${name}\n      image: nginx:1.27\n      resources:\n        limits: { cpu: 500m, memory: 256Mi }\n      readinessProbe:\n        httpGet: { path: /, port: 80 }\n${env}`;
  if (kind === "Pod") return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n${container}`;
  const indented = container.replace(/^/gm, "    ");
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: { app: ${name} }\n  template:\n    metadata:\n      labels: { app: ${name} }\n    spec:\n      containers:\n${indented}`;
};
const keyRef = (variable: string, configMap: string, key: string) =>
  `      env:\n        - name: ${variable}\n          valueFrom:\n            configMapKeyRef:\n              name: ${configMap}\n              key: ${key}\n`;

/** Reads key `colour` of ConfigMap settings, which lives in config/settings.yaml. */
const WEB = workload("Deployment", "web", keyRef("COLOUR", "settings", "colour"));
/** Another file that reads the same key, never opened. */
const WORKER = workload("Pod", "worker", keyRef("COLOUR", "settings", "colour"));
/** Reads another ConfigMap: the settings edit must not re-publish it. */
const AUDIT = workload("Pod", "audit", keyRef("LEVEL", "audit", "level"));
const SETTINGS = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  color: blue\n";
const AUDIT_SETTINGS = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n  level: info\n";
/** Reads a ConfigMap that only a chart template defines: Helm renders templates, the index never reads them. */
const SITE = workload("Pod", "site", "      envFrom:\n        - configMapRef:\n            name: site-settings\n");

const MISSING_KEY = "kubernetes/unknown-config-key";
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle));

describe("references across files", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({
      "deploy/web.yaml": WEB,
      "deploy/worker.yaml": WORKER,
      "deploy/audit.yaml": AUDIT,
      "config/settings.yaml": SETTINGS,
      "config/audit.yaml": AUDIT_SETTINGS,
      "site/pod.yaml": SITE,
      "site/chart/Chart.yaml": "apiVersion: v2\nname: site\nversion: 1.0.0\n",
      "site/chart/templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site-settings\ndata:\n  mode: {{ .Values.mode | quote }}\n",
    });
    client = await LspClient.start({ folders: [workspace.root] });
    await client.waitUntil(() => client.progress.find((event) => event.value.kind === "end"), 10_000, () => "the end of the startup scan");
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  test("an open Deployment reading a key its ConfigMap in another file lacks gets an error", async () => {
    const uri = workspace.uri("deploy/web.yaml");
    await client.open(uri, WEB);
    const diagnostics = await client.waitForDiagnostics(uri, (found, params) => params.version === 1 && codes(found).includes(MISSING_KEY));
    assert.deepEqual(codes(diagnostics), [MISSING_KEY]);
    assert.equal(diagnostics[0]!.severity, 1, "an error");
    assert.equal(diagnostics[0]!.range.start.line, lineOf(WEB, "key: colour"));
    // The scan checked the file nobody opened against the same index.
    assert.deepEqual(codes(client.diagnostics.get(workspace.uri("deploy/worker.yaml"))!.diagnostics), [MISSING_KEY]);
    assert.deepEqual(codes(client.diagnostics.get(workspace.uri("deploy/audit.yaml"))!.diagnostics), []);
  });

  test("the quick-fix adds the key to the ConfigMap, in the ConfigMap's file", async () => {
    const uri = workspace.uri("deploy/web.yaml");
    const diagnostic = client.diagnostics.get(uri)!.diagnostics.find((candidate) => candidate.code === MISSING_KEY)!;
    const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic], ["quickfix"])) ?? [];
    const add = actions.find((action) => action.title === "Add key colour to ConfigMap settings");
    assert.ok(add, `no add-key action among: ${actions.map((action) => action.title).join(" | ")}`);
    const settingsUri = workspace.uri("config/settings.yaml");
    assert.equal(applyWorkspaceEdit(SETTINGS, settingsUri, add.edit), `${SETTINGS}  colour: ""\n`);
    assert.ok(actions.some((action) => action.title === "Use key color"), "the rename is offered too");
  });

  test("an unsaved edit adding the key clears the error in the open and the closed dependents, and nowhere else is re-published", async () => {
    const webUri = workspace.uri("deploy/web.yaml");
    const workerUri = workspace.uri("deploy/worker.yaml");
    const settingsUri = workspace.uri("config/settings.yaml");
    await client.open(settingsUri, SETTINGS);
    await client.waitForDiagnostics(settingsUri, (_, params) => params.version === 1);
    const before = client.published.length;

    const end = { line: lineOf(SETTINGS, "color: blue") + 1, character: 0 };
    const version = await client.change(settingsUri, [{ range: { start: end, end }, text: "  colour: red\n" }]);
    await client.waitForDiagnostics(settingsUri, (_, params) => params.version === version);
    await client.waitForDiagnostics(webUri, (found) => found.length === 0);
    await client.waitForDiagnostics(workerUri, (found) => found.length === 0);
    // Give a stray publication time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const republished = [...new Set(client.published.slice(before).map((params) => params.uri))].sort();
    // site/pod.yaml asked for every ConfigMap of its namespace (for a "did you mean"), an answer a changed
    // ConfigMap changes, so it is checked again too; audit.yaml asked only for its own ConfigMap.
    assert.deepEqual(republished, [settingsUri, webUri, workerUri, workspace.uri("site/pod.yaml")].sort());

    // Closing without saving puts the disk's ConfigMap back in the index, and the error with it.
    await client.close(settingsUri);
    await client.waitForDiagnostics(webUri, (found) => codes(found).includes(MISSING_KEY));
    await client.waitForDiagnostics(workerUri, (found) => codes(found).includes(MISSING_KEY));
  });

  test("a new unsaved document can supply a missing ConfigMap, and a chart template never does", async () => {
    const siteUri = workspace.uri("site/pod.yaml");
    const missing = await client.waitForDiagnostics(siteUri, (found) => found.length > 0);
    assert.deepEqual(codes(missing), ["kubernetes/unresolved-reference"]);
    assert.equal(missing[0]!.severity, 3, "a note, not an error");

    const newUri = workspace.uri("site/settings.yaml");
    await client.open(newUri, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: site-settings\ndata:\n  mode: fast\n");
    await client.waitForDiagnostics(siteUri, (found) => found.length === 0);
    await client.close(newUri);
    await client.waitForDiagnostics(siteUri, (found) => codes(found).includes("kubernetes/unresolved-reference"));
  });
});
