/**
 * The cluster is read-only to Shipshape, and that is enforced in one place, client/src/cluster/gate.ts.
 * These tests prove that every request that is not a GET or a dryRun=All request is refused before
 * it reaches the network, and that no other code in client/src opens a connection.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { TestApiServer } from "./api-server.ts";
import { ReadOnlyViolation, assertReadOnly, send, toHttp, type ReadOnlyRequest } from "../../client/src/cluster/gate.ts";
import { ClusterClient } from "../../client/src/cluster/client.ts";
import { splitResources } from "../../client/src/diff/documents.ts";
import { diffResources } from "../../client/src/diff/live-diff.ts";
import { scenarios } from "./support/scenarios.ts";

const SERVER = "https://127.0.0.1:1";
const CLIENT_SRC = join(__dirname, "..", "..", "client", "src");

describe("the read-only gate", () => {
  test("each request shape becomes GET, or PATCH/POST with dryRun=All", () => {
    assert.equal(toHttp(SERVER, { verb: "get", path: "/api/v1" }).method, "GET");
    const apply = toHttp(SERVER, { verb: "apply-dry-run", path: "/api/v1/namespaces/a/configmaps/b", body: "{}", fieldManager: "shipshape" });
    assert.equal(apply.method, "PATCH");
    assert.equal(apply.contentType, "application/apply-patch+yaml");
    assert.deepEqual(Object.fromEntries(apply.url.searchParams), { dryRun: "All", fieldManager: "shipshape", force: "true" });
    const create = toHttp(SERVER, { verb: "create-dry-run", path: "/api/v1/namespaces/a/configmaps", body: "{}", fieldManager: "shipshape" });
    assert.equal(create.method, "POST");
    assert.equal(create.url.searchParams.get("dryRun"), "All");
  });

  test("no other request can be spelled: forged shapes, smuggled queries and paths are refused", () => {
    const forged = [
      { verb: "delete", path: "/api/v1/namespaces/a" },
      { verb: "update", path: "/api/v1/namespaces/a/configmaps/b", body: "{}" },
      { verb: "patch", path: "/api/v1/namespaces/a/configmaps/b", body: "{}" },
      { verb: "get", path: "/api/v1/namespaces/a/configmaps/b?dryRun=None" },
      { verb: "get", path: "/api/v1/namespaces", query: { watch: "true" } },
      { verb: "get", path: "/api/v1/namespaces", query: { dryRun: "All" } },
      { verb: "get", path: "https://elsewhere/api" },
      { verb: "apply-dry-run", path: "/api/v1/namespaces/a/configmaps/b?dryRun=", body: "{}", fieldManager: "x" },
    ] as unknown as ReadOnlyRequest[];
    for (const request of forged) assert.throws(() => toHttp(SERVER, request), ReadOnlyViolation, JSON.stringify(request));
  });

  test("the last check refuses every writing method and every dryRun but All", () => {
    for (const method of ["DELETE", "PUT", "PATCH", "POST", "OPTIONS", "CONNECT"]) {
      assert.throws(() => assertReadOnly(method, new URL(`${SERVER}/api/v1/namespaces/a`)), ReadOnlyViolation, method);
      assert.throws(() => assertReadOnly(method, new URL(`${SERVER}/api/v1/namespaces/a?dryRun=None`)), ReadOnlyViolation, method);
      assert.throws(() => assertReadOnly(method, new URL(`${SERVER}/api/v1/namespaces/a?dryRun=All&dryRun=None`)), ReadOnlyViolation, method);
    }
    for (const method of ["DELETE", "PUT"]) assert.throws(() => assertReadOnly(method, new URL(`${SERVER}/api?dryRun=All`)), ReadOnlyViolation);
    assertReadOnly("GET", new URL(`${SERVER}/api`));
    assertReadOnly("PATCH", new URL(`${SERVER}/api?dryRun=All`));
    assertReadOnly("POST", new URL(`${SERVER}/api?dryRun=All`));
  });

  describe("against a server", () => {
    let server: TestApiServer;
    before(async () => {
      server = await TestApiServer.start({ objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }] });
    });
    after(() => server.stop());

    test("a refused request never reaches the network", async () => {
      const count = server.requests.length;
      const tls = { ca: server.ca, headers: { Authorization: "Bearer alice-token" } };
      await assert.rejects(send(server.url, { verb: "delete", path: "/api/v1/namespaces/shop" } as unknown as ReadOnlyRequest, { tls, timeoutMs: 2000 }), ReadOnlyViolation);
      assert.equal(server.requests.length, count);
      // The same gate lets a GET through, so the refusal above is the gate's and not a broken connection.
      const answer = await send(server.url, { verb: "get", path: "/api/v1/namespaces/shop" }, { tls, timeoutMs: 2000 });
      assert.equal(answer.status, 200);
      assert.equal(server.requests.length, count + 1);
    });

    test("diffing every fixture scenario sends only GETs and dryRun=All requests", async () => {
      const dir = mkdtempSync(join(tmpdir(), "shipshape-gate-"));
      try {
        for (const scenario of scenarios()) {
          const scenarioServer = await TestApiServer.start({ state: [scenario.live] });
          try {
            const env = { KUBECONFIG: scenarioServer.writeKubeconfig(join(dir, `${scenario.name}.kubeconfig`)) };
            const client = ClusterClient.connect({ env, home: dir, trusted: true });
            await diffResources(client, splitResources(readFileSync(scenario.local, "utf8")).resources, { concurrency: 4 });
            assert.ok(scenarioServer.requests.length > 0);
            for (const request of scenarioServer.requests) {
              assert.ok(request.method === "GET" || request.query.dryRun === "All", `${request.method} ${request.path} ${JSON.stringify(request.query)}`);
            }
          } finally {
            await scenarioServer.stop();
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  test("no code in client/src but gate.ts opens a connection or uses client-node's API clients", () => {
    const network = /from "node:(https?|net|tls|http2)"|require\("(node:)?(https?|net|tls)"\)|\bfetch\(|makeApiClient|KubernetesObjectApi|CoreV1Api|\bWatch\b|node-fetch|undici/;
    const offenders = sourceFiles(CLIENT_SRC)
      .filter((file) => !file.endsWith(join("cluster", "gate.ts")) && !file.includes(join("src", "test")))
      .filter((file) => {
        const text = readFileSync(file, "utf8").replace(/^\s*(import type|\/\/|\*).*$/gm, "");
        return network.test(text);
      })
      .map((file) => relative(CLIENT_SRC, file));
    assert.deepEqual(offenders, []);
    // And the gate itself is found by the same pattern, so the pattern is not blind.
    assert.ok(network.test(readFileSync(join(CLIENT_SRC, "cluster", "gate.ts"), "utf8")));
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}
