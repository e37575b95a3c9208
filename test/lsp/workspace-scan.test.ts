import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * The background scan publishes diagnostics for files nobody opened, under a work-done
 * progress, and keeps them current as files change on disk, are opened and closed.
 */
const DUPLICATE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: app-v2\n";
const CLEAN = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n";
const WORKFLOW = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "::set-output name=dir::out"\npermissions: {}\n';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

describe("workspace scan", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({
      "manifests/dup.yaml": DUPLICATE,
      "manifests/clean.yml": CLEAN,
      ".github/workflows/ci.yml": WORKFLOW,
      "chart/templates/dup.yaml": DUPLICATE,
      "node_modules/pkg/dup.yaml": DUPLICATE,
      "notes.txt": DUPLICATE,
    });
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  test("files that are not open get diagnostics, under a begin and end progress", async () => {
    assert.deepEqual(codes(await client.waitForDiagnostics(workspace.uri("manifests/dup.yaml"), (d) => d.length > 0)), ["yaml/duplicate-key"]);
    assert.deepEqual(codes(await client.waitForDiagnostics(workspace.uri(".github/workflows/ci.yml"), (d) => d.length > 0)), ["workflows/deprecated-command"]);
    // Without a Chart.yaml the folder is no chart, so its templates are plain YAML.
    assert.deepEqual(codes(await client.waitForDiagnostics(workspace.uri("chart/templates/dup.yaml"), (d) => d.length > 0)), ["yaml/duplicate-key"]);

    const end = await client.waitUntil(() => client.progress.find((event) => event.value.kind === "end"), 5000, () => "the progress end");
    const begin = client.progress.find((event) => event.value.kind === "begin");
    assert.ok(begin, "no progress begin");
    assert.equal(begin.token, end.token, "begin and end use different tokens");
    assert.equal(begin.value.cancellable, true);
    assert.ok(client.progress.indexOf(begin) < client.progress.indexOf(end));

    assert.equal(client.diagnostics.get(workspace.uri("node_modules/pkg/dup.yaml")), undefined, "node_modules was scanned");
    assert.equal(client.diagnostics.get(workspace.uri("notes.txt")), undefined, "a non-YAML file was analysed");
    assert.ok(client.logs.some((log) => /Workspace scan \(startup\): checked \d+ of \d+ YAML files/.test(log.message)), "no scan summary was logged");
    assert.ok(
      client.registrations.some((registration) => registration.method === "workspace/didChangeWatchedFiles"),
      "the server did not register a file watcher",
    );
  });

  test("a file created on disk is analysed and a deleted one is cleared", async () => {
    const uri = workspace.uri("manifests/new.yaml");
    workspace.write("manifests/new.yaml", DUPLICATE);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: FILE_CREATED }] });
    await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 1);

    workspace.write("manifests/new.yaml", CLEAN);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: FILE_CHANGED }] });
    await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);

    workspace.write("manifests/new.yaml", DUPLICATE);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: FILE_CHANGED }] });
    await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 1);
    workspace.remove("manifests/new.yaml");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: FILE_DELETED }] });
    await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });

  test("an open document shows its unsaved text, and on close the disk version again", async () => {
    const uri = workspace.uri("manifests/dup.yaml");
    await client.open(uri, CLEAN);
    await client.waitForDiagnostics(uri, (diagnostics, params) => params.version === 1 && diagnostics.length === 0);
    // While the document is open, a change on disk does not override its text.
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: FILE_CHANGED }] });
    await client.close(uri);
    const fromDisk = await client.waitForDiagnostics(uri, (diagnostics, params) => params.version === undefined && diagnostics.length > 0);
    assert.deepEqual(codes(fromDisk), ["yaml/duplicate-key"]);
  });

  test("a new Chart.yaml re-scans, so the chart's templates are no longer read as plain YAML", async () => {
    const template = workspace.uri("chart/templates/dup.yaml");
    const progressBefore = client.progress.length;
    workspace.write("chart/Chart.yaml", "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: workspace.uri("chart/Chart.yaml"), type: FILE_CREATED }] });
    await client.waitForDiagnostics(template, (diagnostics) => diagnostics.length === 0);
    await client.waitUntil(() => client.progress.slice(progressBefore).find((event) => event.value.kind === "end"), 5000, () => "the re-scan's progress end");
  });

  test("a deleted folder clears the diagnostics of every file below it", async () => {
    const uri = workspace.uri(".github/workflows/ci.yml");
    workspace.remove(".github");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: workspace.uri(".github"), type: FILE_DELETED }] });
    await client.waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });
});

describe("workspace scan cancellation", () => {
  test("cancelling the progress stops the scan early and still ends the progress", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 400; index++) files[`manifests/m${index}.yaml`] = DUPLICATE;
    const workspace = createWorkspace(files);
    const client = await LspClient.start({ folders: [workspace.root] });
    try {
      const begin = await client.waitUntil(() => client.progress.find((event) => event.value.kind === "begin"), 5000, () => "the progress begin");
      await client.connection.sendNotification("window/workDoneProgress/cancel", { token: begin.token });
      await client.waitUntil(() => client.progress.find((event) => event.value.kind === "end" && event.token === begin.token), 10_000, () => "the progress end");
      const summary = await client.waitUntil(() => client.logs.find((log) => log.message.startsWith("Workspace scan")), 2000, () => "the scan summary");
      // On a busy machine the cancellation may arrive while the files are still being listed.
      assert.match(summary.message, /stopped (after \d+ of 400 YAML files|while listing files)/);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
      workspace.dispose();
    }
  });
});
