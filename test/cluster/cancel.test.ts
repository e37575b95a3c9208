/** Long operations can be cancelled: a request in flight stops at once, and a many-resource diff stops starting new ones. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestApiServer } from "./api-server.ts";
import { ClusterClient } from "../../client/src/cluster/client.ts";
import { ClusterError } from "../../client/src/cluster/errors.ts";
import { splitResources } from "../../client/src/diff/documents.ts";
import { diffResources } from "../../client/src/diff/live-diff.ts";

describe("cancellation", () => {
  let server: TestApiServer;
  let dir: string;
  let client: ClusterClient;
  before(async () => {
    server = await TestApiServer.start();
    dir = mkdtempSync(join(tmpdir(), "shipshape-cancel-"));
    client = ClusterClient.connect({ env: { KUBECONFIG: server.writeKubeconfig(join(dir, "kubeconfig")) }, home: dir, trusted: true });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("aborting stops a request in flight with a cancelled fault", async () => {
    server.delayMs = 2000;
    try {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(client.get({ apiVersion: "v1", kind: "ConfigMap", name: "a" }, controller.signal), (error: unknown) => error instanceof ClusterError && error.kind === "cancelled");
      assert.ok(Date.now() - started < 1500, "cancellation should not wait for the answer");
    } finally {
      server.delayMs = 0;
    }
  });

  test("a cancelled diff of many resources starts no more of them", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: "1"\n`).join("---\n");
    const controller = new AbortController();
    server.delayMs = 50;
    try {
      const run = diffResources(client, splitResources(text).resources, {
        concurrency: 2,
        signal: controller.signal,
        onDone: (_diff, done) => {
          if (done === 2) controller.abort();
        },
      });
      await assert.rejects(run, (error: unknown) => (error as { kind?: string }).kind === "cancelled");
      await new Promise((resolve) => setTimeout(resolve, 200));
      const gets = server.requests.filter((request) => request.method === "GET" && request.path.startsWith("/api/v1/namespaces/default/configmaps/"));
      assert.ok(gets.length < 10, `only the resources in flight were asked for, not all 30 (saw ${gets.length})`);
    } finally {
      server.delayMs = 0;
    }
  });
});
