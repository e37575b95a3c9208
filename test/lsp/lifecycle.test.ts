import { test } from "node:test";
import assert from "node:assert/strict";
import { LspClient } from "./support/lsp-client.ts";

/** The server declares what the client relies on, and leaves cleanly on shutdown and exit. */
test("initialize declares incremental sync and quick fixes; shutdown then exit ends with code 0", async () => {
  const client = await LspClient.start();
  try {
    const capabilities = client.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ["quickfix"], resolveProvider: false });
    await client.waitUntil(() => client.logs.find((log) => log.message.startsWith("Shipshape language server started")), 2000, () => "the start log line");
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test("exit without shutdown ends with code 1, as the protocol asks", async () => {
  const client = await LspClient.start();
  try {
    await client.connection.sendNotification("exit");
    assert.equal(await client.exitCode(), 1);
  } finally {
    client.kill();
  }
});
