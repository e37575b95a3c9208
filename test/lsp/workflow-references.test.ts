import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Workflows that call other files over stdio: the scan indexes a reusable workflow's
 * workflow_call and a local action's inputs, a caller on disk gets its findings, and an unsaved
 * edit to the called workflow re-publishes the caller, which asked the index about it.
 */
const DEPLOY = "on:\n  workflow_call:\n    inputs:\n      environment:\n        type: string\n        required: true\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo deploy\n";
const CI = "on: push\npermissions: {}\njobs:\n  release:\n    uses: ./.github/workflows/deploy.yml\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/setup\n";
const ACTION = "name: setup\ndescription: Sets up.\ninputs:\n  version:\n    description: Which.\n    required: true\nruns:\n  using: composite\n  steps:\n    - run: echo setup\n      shell: bash\n";
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${String(diagnostic.code)}`).sort();

describe("workflows calling other files", () => {
  let client: LspClient;
  let workspace: TempWorkspace;
  before(async () => {
    workspace = createWorkspace({ ".github/workflows/deploy.yml": DEPLOY, ".github/workflows/ci.yml": CI, "actions/setup/action.yml": ACTION });
    client = await LspClient.start({ folders: [workspace.root] });
    await client.waitUntil(() => client.progress.find((event) => event.value.kind === "end"), 10_000, () => "the end of the startup scan");
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  test("a caller on disk gets the missing input of the workflow and of the action it calls", async () => {
    const ci = workspace.uri(".github/workflows/ci.yml");
    const diagnostics = await client.waitForDiagnostics(ci, (list) => list.length >= 2, 10_000);
    assert.deepEqual(codes(diagnostics), ["5:workflows/reusable-workflow", "9:workflows/local-action"]);
  });

  test("an unsaved edit that makes the input optional re-publishes the caller without that finding", async () => {
    const deploy = workspace.uri(".github/workflows/deploy.yml");
    await client.open(deploy, DEPLOY);
    const requiredLine = DEPLOY.split("\n").findIndex((line) => line.includes("required: true"));
    await client.change(deploy, [{ range: { start: { line: requiredLine, character: 18 }, end: { line: requiredLine, character: 22 } }, text: "false" }]);
    const ci = workspace.uri(".github/workflows/ci.yml");
    const after = await client.waitForDiagnostics(ci, (list) => !list.some((diagnostic) => diagnostic.code === "workflows/reusable-workflow"), 10_000);
    assert.deepEqual(codes(after), ["9:workflows/local-action"]);
  });
});
