/**
 * Every fault of talking to a cluster is one clear message that names the context, the server and the
 * resource, with no stack trace and no token in it; and the kubeconfig is found and read as kubectl does.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestApiServer } from "./api-server.ts";
import { ClusterClient } from "../../client/src/cluster/client.ts";
import { ClusterError, type ClusterFaultKind } from "../../client/src/cluster/errors.ts";
import type { JsonObject } from "../../client/src/diff/objects.ts";

const DEPLOYMENT: JsonObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } } },
};
const REF = { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" };

function kubeconfig(server: string, ca: string, user: string, context = "test", namespace?: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${context}`,
    "clusters:",
    "- name: c",
    "  cluster:",
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(ca).toString("base64")}`,
    "users:",
    "- name: u",
    "  user:",
    user,
    "contexts:",
    `- name: ${context}`,
    "  context:",
    "    cluster: c",
    "    user: u",
    ...(namespace ? [`    namespace: ${namespace}`] : []),
    "- name: other",
    "  context:",
    "    cluster: c",
    "    user: u",
    "    namespace: shop",
    "",
  ].join("\n");
}

function execUser(script: string): string {
  return ["    exec:", "      apiVersion: client.authentication.k8s.io/v1", `      command: ${JSON.stringify(process.execPath)}`, "      interactiveMode: Never", "      args:", "      - -e", `      - ${JSON.stringify(script)}`].join("\n");
}

async function fault(promise: Promise<unknown> | (() => unknown), kind: ClusterFaultKind): Promise<string> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    assert.ok(error instanceof ClusterError, `expected a ClusterError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.doesNotMatch(error.message, /\n\s+at /, "no stack trace");
    assert.doesNotMatch(error.message, /alice-token|secret-exec-token/, "no token");
    return error.message;
  }
  assert.fail(`expected a ${kind} fault`);
}

describe("cluster faults", () => {
  let server: TestApiServer;
  let dir: string;
  let n = 0;
  const connect = (user: string, options: { trusted?: boolean; timeoutMs?: number; context?: string; url?: string; ca?: string } = {}) => {
    const file = join(dir, `kubeconfig-${n++}`);
    writeFileSync(file, kubeconfig(options.url ?? server.url, options.ca ?? server.ca, user));
    return ClusterClient.connect({ env: { KUBECONFIG: file }, home: dir, trusted: options.trusted ?? true, timeoutMs: options.timeoutMs, context: options.context });
  };
  const token = (value: string) => `    token: ${value}`;

  before(async () => {
    server = await TestApiServer.start({
      objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }, DEPLOYMENT],
      users: [
        { name: "alice", token: "alice-token" },
        { name: "bob", token: "bob-token", forbidden: ["get deployments"] },
        { name: "exec-user", token: "secret-exec-token" },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), "shipshape-faults-"));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("no kubeconfig at all says what to do", async () => {
    const home = join(dir, "empty-home");
    mkdirSync(home, { recursive: true });
    const message = await fault(() => ClusterClient.connect({ env: {}, home, trusted: true }), "no-kubeconfig");
    assert.match(message, /shipshape\.kubeconfig/);
    assert.match(message, /KUBECONFIG/);
    assert.match(message, /~\/\.kube\/config/);
    const missing = await fault(() => ClusterClient.connect({ setting: join(dir, "nope"), env: {}, home, trusted: true }), "no-kubeconfig");
    assert.match(missing, /shipshape\.kubeconfig/);
  });

  test("~/.kube/config is used without KUBECONFIG, the setting wins over KUBECONFIG, and the context's namespace is the default", () => {
    const home = join(dir, "home");
    mkdirSync(join(home, ".kube"), { recursive: true });
    writeFileSync(join(home, ".kube", "config"), kubeconfig(server.url, server.ca, token("alice-token"), "from-home"));
    assert.equal(ClusterClient.connect({ env: {}, home, trusted: true }).info.context, "from-home");
    const setting = join(dir, "setting-kubeconfig");
    writeFileSync(setting, kubeconfig(server.url, server.ca, token("alice-token"), "from-setting", "shop"));
    const client = ClusterClient.connect({ setting, env: { KUBECONFIG: join(home, ".kube", "config") }, home, trusted: true });
    assert.deepEqual([client.info.context, client.info.namespace, client.info.server], ["from-setting", "shop", server.url]);
    assert.equal(ClusterClient.connect({ setting, env: {}, home, trusted: true, context: "other" }).info.namespace, "shop");
    assert.equal(ClusterClient.connect({ env: {}, home, trusted: true }).info.namespace, "default");
  });

  test("an unknown context lists the ones there are", async () => {
    const message = await fault(() => connect(token("alice-token"), { context: "prod" }), "kubeconfig");
    assert.match(message, /"prod"/);
    assert.match(message, /test, other/);
  });

  test("a resource without a namespace lands in the context's namespace", async () => {
    const file = join(dir, "ns-kubeconfig");
    writeFileSync(file, kubeconfig(server.url, server.ca, token("alice-token"), "test", "shop"));
    const client = ClusterClient.connect({ env: { KUBECONFIG: file }, home: dir, trusted: true });
    const live = await client.get({ apiVersion: "apps/v1", kind: "Deployment", name: "web" });
    assert.equal((live?.metadata as JsonObject).namespace, "shop");
  });

  test("an unreachable server", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const url = `https://127.0.0.1:${port}`;
    const message = await fault(connect(token("alice-token"), { url }).get(REF), "unreachable");
    assert.match(message, new RegExp(`context "test" \\(${url.replace(/\./g, "\\.")}\\)`));
    assert.match(message, /connection refused/);
    assert.match(message, /Deployment shop\/web|apps\/v1/);
  });

  test("a timeout, after the configured time", async () => {
    server.delayMs = 1500;
    try {
      const started = Date.now();
      const message = await fault(connect(token("alice-token"), { timeoutMs: 200 }).get(REF), "timeout");
      assert.ok(Date.now() - started < 1400, "the timeout should not wait for the answer");
      assert.match(message, /within 0\.2 s/);
      assert.match(message, /shipshape\.cluster\.timeout/);
      assert.match(message, /context "test"/);
    } finally {
      server.delayMs = 0;
    }
  });

  test("a TLS error when the certificate authority is not the server's", async () => {
    const other = await TestApiServer.start();
    try {
      const message = await fault(connect(token("alice-token"), { ca: other.ca }).get(REF), "tls");
      assert.match(message, /certificate/);
      assert.match(message, new RegExp(server.url.replace(/\./g, "\\.")));
    } finally {
      await other.stop();
    }
  });

  test("401 names the user; 403 names the user and the verb", async () => {
    const unauthorized = await fault(connect(token("expired")).get(REF), "unauthorized");
    assert.match(unauthorized, /user "u"/);
    assert.match(unauthorized, /401/);
    const forbidden = await fault(connect(token("bob-token")).get(REF), "forbidden");
    assert.match(forbidden, /^User "u" may not get Deployment shop\/web on context "test"/);
    assert.match(forbidden, /User "bob" cannot get resource "deployments"/);
  });

  test("a kind the server does not know, such as a CRD that is not installed", async () => {
    const client = connect(token("alice-token"));
    const widget = await fault(client.get({ apiVersion: "example.com/v1", kind: "Widget", name: "w" }), "unknown-kind");
    assert.match(widget, /does not know Widget w: it does not serve example\.com\/v1/);
    assert.match(widget, /CustomResourceDefinition/);
    assert.match(widget, /context "test"/);
    const kind = await fault(client.get({ apiVersion: "apps/v1", kind: "Deploymnt", name: "w" }), "unknown-kind");
    assert.match(kind, /does not know Deploymnt w: apps\/v1 has no kind Deploymnt/);
  });

  test("409 and 422 from the dry run carry the server's message", async () => {
    const client = connect(token("alice-token"));
    const stale = structuredClone(DEPLOYMENT);
    (stale.metadata as JsonObject).resourceVersion = "1";
    const conflict = await fault(client.dryRunApply(stale), "rejected");
    assert.match(conflict, /409 Conflict/);
    assert.match(conflict, /the object has been modified/);
    assert.match(conflict, /Deployment shop\/web/);
    const moved = structuredClone(DEPLOYMENT) as { spec: { selector: JsonObject; template: { metadata: JsonObject } } };
    moved.spec.selector = { matchLabels: { app: "api" } };
    moved.spec.template.metadata = { labels: { app: "api" } };
    const invalid = await fault(client.dryRunApply(moved as unknown as JsonObject), "rejected");
    assert.match(invalid, /422 Invalid/);
    assert.match(invalid, /field is immutable/);
  });

  test("exec credential plugins: stderr of a failing one, refused in an untrusted workspace, used when trusted", async () => {
    const failing = execUser("process.stderr.write('token expired: run cloud login'); process.exit(1)");
    const message = await fault(connect(failing).get(REF), "exec-plugin");
    assert.match(message, /token expired: run cloud login/);
    assert.match(message, /context "test"/);
    const working = execUser(
      "process.stdout.write(JSON.stringify({apiVersion:'client.authentication.k8s.io/v1',kind:'ExecCredential',status:{token:'secret-exec-token'}}))",
    );
    const untrusted = await fault(connect(working, { trusted: false }).get(REF), "untrusted-exec");
    assert.match(untrusted, /trusted workspace/);
    const live = await connect(working).get(REF);
    assert.equal(live?.kind, "Deployment");
  });
});
