import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";
import { MANIFEST_WITH_TWO_FINDINGS } from "./support/manifests.ts";

/**
 * Settings are resolved per file: the server asks `workspace/configuration` with the
 * file's URI as scope, so two workspace folders can configure rules differently, and a
 * `didChangeConfiguration` makes it ask again and re-publish.
 */
const MANIFEST = MANIFEST_WITH_TWO_FINDINGS;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.code);
const severityOf = (diagnostics: Diagnostic[], code: string) => diagnostics.find((diagnostic) => diagnostic.code === code)?.severity;

describe("editor settings per workspace folder", () => {
  let client: LspClient;
  let first: TempWorkspace;
  let second: TempWorkspace;
  /** The settings each folder answers with; tests replace them and announce the change. */
  const folderSettings = new Map<string, unknown>();

  before(async () => {
    first = createWorkspace();
    second = createWorkspace();
    folderSettings.set(first.root, { rules: { "kubernetes/container-resources": "off" } });
    folderSettings.set(second.root, {});
    client = await LspClient.start({
      folders: [first.root, second.root],
      settings: (scopeUri) => {
        for (const [root, settings] of folderSettings) if (scopeUri?.startsWith(`file://${root}/`)) return settings;
        return {};
      },
    });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    first.dispose();
    second.dispose();
  });

  test("a rule turned off in one folder's settings still runs in the other folder", async () => {
    const uriA = first.uri("deploy.yaml");
    const uriB = second.uri("deploy.yaml");
    await client.open(uriA, MANIFEST);
    await client.open(uriB, MANIFEST);
    assert.deepEqual(codes(await client.waitForDiagnostics(uriA, (_, params) => params.version === 1)), ["yaml/duplicate-key"]);
    assert.deepEqual(codes(await client.waitForDiagnostics(uriB, (_, params) => params.version === 1)), ["yaml/duplicate-key", "kubernetes/container-resources"]);
    assert.ok(client.configurationRequests.includes(uriA), "settings were not asked with the document's URI as scope");
    assert.ok(client.configurationRequests.includes(uriB));
  });

  test("didChangeConfiguration makes the server ask again and re-publish", async () => {
    const uriA = first.uri("deploy.yaml");
    const uriB = second.uri("deploy.yaml");
    folderSettings.set(first.root, {});
    folderSettings.set(second.root, { rules: { "kubernetes/*": "error", "yaml/duplicate-key": "hint" } });
    await client.changeConfiguration({ shipshape: {} });
    const inFirst = await client.waitForDiagnostics(uriA, (diagnostics) => diagnostics.length === 2);
    assert.deepEqual(codes(inFirst), ["yaml/duplicate-key", "kubernetes/container-resources"]);
    const inSecond = await client.waitForDiagnostics(uriB, (diagnostics) => severityOf(diagnostics, "yaml/duplicate-key") === 4);
    assert.equal(severityOf(inSecond, "kubernetes/container-resources"), 1, "the group setting did not raise the severity");
  });

  test("shipshape.enable false clears a folder's diagnostics and true brings them back", async () => {
    const uriA = first.uri("deploy.yaml");
    folderSettings.set(first.root, { enable: false });
    await client.changeConfiguration();
    await client.waitForDiagnostics(uriA, (diagnostics) => diagnostics.length === 0);
    folderSettings.set(first.root, { enable: true });
    await client.changeConfiguration();
    await client.waitForDiagnostics(uriA, (diagnostics) => diagnostics.length === 2);
  });

  test("shipshape.exclude globs are relative to the workspace folder", async () => {
    const excluded = first.uri("generated/deploy.yaml");
    const kept = first.uri("src/deploy.yaml");
    folderSettings.set(first.root, { exclude: ["generated/**"] });
    await client.changeConfiguration();
    await client.open(excluded, MANIFEST);
    await client.open(kept, MANIFEST);
    assert.deepEqual(await client.waitForDiagnostics(excluded, (_, params) => params.version === 1), []);
    assert.equal((await client.waitForDiagnostics(kept, (_, params) => params.version === 1)).length, 2);
  });

  test("malformed settings fall back to the defaults instead of failing", async () => {
    const uriB = second.uri("deploy.yaml");
    folderSettings.set(second.root, { enable: "yes", rules: ["not", "a", "map"], exclude: "*.yaml", kubernetesVersion: 132 });
    await client.changeConfiguration();
    const diagnostics = await client.waitForDiagnostics(uriB, (published) => severityOf(published, "yaml/duplicate-key") === 1);
    assert.deepEqual(codes(diagnostics), ["yaml/duplicate-key", "kubernetes/container-resources"]);
  });
});

describe(".shipshape.yaml and suppression comments", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({
      ".shipshape.yaml": "rules:\n  kubernetes/container-resources: off\n  yaml/duplicate-key: warning\n",
    });
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  test("the config file turns a rule off and changes another's severity", async () => {
    const uri = workspace.uri("deploy.yaml");
    await client.open(uri, MANIFEST);
    const diagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === 1);
    assert.deepEqual(codes(diagnostics), ["yaml/duplicate-key"]);
    assert.equal(severityOf(diagnostics, "yaml/duplicate-key"), 2);
  });

  test("editor settings win over the config file", async () => {
    const uri = workspace.uri("deploy.yaml");
    client.settings = () => ({ rules: { "yaml/duplicate-key": "info" } });
    await client.changeConfiguration();
    await client.waitForDiagnostics(uri, (diagnostics) => severityOf(diagnostics, "yaml/duplicate-key") === 3);
    client.settings = () => ({});
    await client.changeConfiguration();
    await client.waitForDiagnostics(uri, (diagnostics) => severityOf(diagnostics, "yaml/duplicate-key") === 2);
  });

  test("a config file changed on disk applies once the watcher reports it", async () => {
    const uri = workspace.uri("deploy.yaml");
    workspace.write(".shipshape.yaml", "rules:\n  yaml/duplicate-key: off\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: workspace.uri(".shipshape.yaml"), type: 2 }] });
    const diagnostics = await client.waitForDiagnostics(uri, (published) => !codes(published).includes("yaml/duplicate-key"));
    assert.deepEqual(codes(diagnostics), ["kubernetes/container-resources"]);
  });

  test("a mistake in the config file is reported on the config file", async () => {
    workspace.write(".shipshape.yaml", "rules:\n  yaml/duplicate-keys: off\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: workspace.uri(".shipshape.yaml"), type: 2 }] });
    const diagnostics = await client.waitForDiagnostics(workspace.uri(".shipshape.yaml"), (published) => published.length > 0);
    assert.deepEqual(codes(diagnostics), ["shipshape/invalid-config"]);
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 21 } });
  });

  test("shipshape-disable-next-line silences one rule on the next line only", async () => {
    const uri = workspace.uri("suppressed.yaml");
    const text = MANIFEST.replace("  name: web-v2\n", "  # shipshape-disable-next-line yaml/duplicate-key\n  name: web-v2\n").replace(
      "        - name: web\n",
      "        # shipshape-disable-next-line yaml/duplicate-key\n        - name: web\n",
    );
    await client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === 1);
    assert.deepEqual(codes(diagnostics), ["kubernetes/container-resources"]);
  });
});
