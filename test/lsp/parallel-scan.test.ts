import { test } from "node:test";
import assert from "node:assert/strict";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { mixedWorkspaceFiles } from "../cli/mixed-workspace.ts";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace } from "./support/workspace.ts";

/**
 * A big workspace scan runs on worker threads. The diagnostics it publishes, and their
 * order, must be those of a scan in the server's own thread (SHIPSHAPE_WORKERS=0).
 */
test("a scan on two worker threads publishes what a scan in one thread does, in the same order", async () => {
  const workspace = createWorkspace(mixedWorkspaceFiles());
  try {
    const single = await scan(workspace.root, "0");
    const parallel = await scan(workspace.root, "2");
    assert.ok(single.length > 20, `the scan published for every file (${single.length})`);
    assert.ok(single.some((params) => params.diagnostics.length > 0), "some file has findings");
    assert.ok(
      single.some((params) => params.diagnostics.some((diagnostic) => diagnostic.code === "kubernetes/unknown-config-key")),
      "references resolve across files",
    );
    assert.deepEqual(parallel, single);
  } finally {
    workspace.dispose();
  }
});

/** Starts a server on `root` with SHIPSHAPE_WORKERS set, and returns what its startup scan published, in order. */
async function scan(root: string, workers: string): Promise<PublishDiagnosticsParams[]> {
  const saved = process.env.SHIPSHAPE_WORKERS;
  process.env.SHIPSHAPE_WORKERS = workers;
  let client: LspClient;
  try {
    client = await LspClient.start({ folders: [root] });
  } finally {
    if (saved === undefined) delete process.env.SHIPSHAPE_WORKERS;
    else process.env.SHIPSHAPE_WORKERS = saved;
  }
  const published: PublishDiagnosticsParams[] = [];
  client.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => published.push(params));
  try {
    await client.waitUntil(() => client.progress.find((event) => event.value.kind === "end"), 60_000, () => "the end of the scan");
    const summary = client.logs.find((log) => /Workspace scan \(startup\): checked/.test(log.message));
    assert.ok(summary, "the scan logged its summary");
    assert.equal(/on \d+ worker threads/.test(summary.message), workers !== "0", summary.message);
    return published;
  } finally {
    assert.equal(await client.shutdown(), 0);
  }
}
