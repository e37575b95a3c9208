/** The test API server's own behaviour: auth, Status errors, dry runs that store nothing, SSA merge semantics, the request record. */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import { TestApiServer } from "./api-server.ts";
import { apply, merge, type JsonObject, type Ownership } from "./ssa.ts";

interface Answer {
  status: number;
  body: JsonObject;
}

function call(server: TestApiServer, method: string, path: string, options: { token?: string; body?: string; contentType?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.token !== "") headers.Authorization = `Bearer ${options.token ?? "alice-token"}`;
    if (options.contentType) headers["Content-Type"] = options.contentType;
    const outgoing = request(new URL(server.url + path), { method, headers, ca: server.ca }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as JsonObject }));
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const DEPLOYMENT = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }, { name: "log", image: "busybox:1.36" }] } },
  },
};

describe("test API server", () => {
  let server: TestApiServer;
  before(async () => {
    server = await TestApiServer.start({
      objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }, DEPLOYMENT as unknown as JsonObject],
      users: [
        { name: "alice", token: "alice-token" },
        { name: "bob", token: "bob-token", forbidden: ["get secrets", "patch deployments shop"] },
      ],
    });
  });
  after(() => server.stop());

  test("a missing or unknown bearer token is a 401 Status", async () => {
    for (const token of ["", "wrong"]) {
      const answer = await call(server, "GET", "/api/v1/namespaces", { token });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Unauthorized", reason: "Unauthorized", code: 401 });
    }
  });

  test("discovery lists groups and each group version's resources with their scope", async () => {
    const groups = await call(server, "GET", "/apis");
    assert.ok((groups.body.groups as JsonObject[]).some((group) => group.name === "apps"));
    const core = await call(server, "GET", "/api/v1");
    const resources = core.body.resources as JsonObject[];
    assert.equal(resources.find((resource) => resource.kind === "Namespace")?.namespaced, false);
    assert.equal(resources.find((resource) => resource.kind === "ConfigMap")?.namespaced, true);
  });

  test("GET fills server fields; a missing object is a 404 Status naming it", async () => {
    const live = await call(server, "GET", "/apis/apps/v1/namespaces/shop/deployments/web");
    const metadata = live.body.metadata as JsonObject;
    assert.ok(metadata.uid && metadata.resourceVersion && metadata.creationTimestamp && metadata.managedFields);
    assert.equal(metadata.generation, 1);
    const missing = await call(server, "GET", "/apis/apps/v1/namespaces/shop/deployments/nope");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'deployments.apps "nope" not found');
    assert.equal(missing.body.reason, "NotFound");
  });

  test("a forbidden request is a 403 naming the user, the verb and the resource", async () => {
    const answer = await call(server, "GET", "/api/v1/namespaces/shop/secrets/db", { token: "bob-token" });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.message, 'secrets "db" is forbidden: User "bob" cannot get resource "secrets" in API group "" in the namespace "shop"');
  });

  test("an apply dry run merges containers by name, bumps generation, and stores nothing", async () => {
    const body = JSON.stringify({ ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, replicas: 5, template: { ...DEPLOYMENT.spec.template, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } });
    const answer = await call(server, "PATCH", "/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All&fieldManager=test&force=true", { body, contentType: "application/apply-patch+yaml" });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const spec = answer.body.spec as JsonObject;
    assert.equal(spec.replicas, 5);
    const containers = ((spec.template as JsonObject).spec as JsonObject).containers as JsonObject[];
    assert.deepEqual(containers.map((container) => `${String(container.name)}=${String(container.image)}`), ["web=nginx:1.27", "log=busybox:1.36"]);
    assert.equal((answer.body.metadata as JsonObject).generation, 2);
    const stored = await call(server, "GET", "/apis/apps/v1/namespaces/shop/deployments/web");
    assert.equal((stored.body.spec as JsonObject).replicas, 2, "a dry run must not be stored");
  });

  test("without force, changing another manager's field is a 409 conflict", async () => {
    const body = JSON.stringify({ ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, replicas: 7 } });
    const answer = await call(server, "PATCH", "/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All&fieldManager=test", { body, contentType: "application/apply-patch+yaml" });
    assert.equal(answer.status, 409);
    assert.match(String(answer.body.message), /^Apply failed with 1 conflict: conflict with "kubectl-create": \.spec\.replicas/);
  });

  test("changing an immutable selector is a 422 Invalid with its cause", async () => {
    const body = JSON.stringify({ ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, selector: { matchLabels: { app: "other" } }, template: { ...DEPLOYMENT.spec.template, metadata: { labels: { app: "other" } } } } });
    const answer = await call(server, "PATCH", "/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All&fieldManager=test&force=true", { body, contentType: "application/apply-patch+yaml" });
    assert.equal(answer.status, 422);
    assert.match(String(answer.body.message), /^Deployment\.apps "web" is invalid: spec\.selector: Invalid value: .*field is immutable/);
    assert.equal(((answer.body.details as JsonObject).causes as JsonObject[])[0]!.field, "spec.selector");
  });

  test("a dry-run create of an existing object is a 409 AlreadyExists; of a new one, a 201 that is not stored", async () => {
    const existing = await call(server, "POST", "/apis/apps/v1/namespaces/shop/deployments?dryRun=All", { body: JSON.stringify(DEPLOYMENT), contentType: "application/json" });
    assert.equal(existing.status, 409);
    assert.equal(existing.body.reason, "AlreadyExists");
    const fresh = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "fresh" }, data: { a: "1" } };
    const created = await call(server, "POST", "/api/v1/namespaces/shop/configmaps?dryRun=All", { body: JSON.stringify(fresh), contentType: "application/json" });
    assert.equal(created.status, 201);
    assert.equal((created.body.metadata as JsonObject).namespace, "shop");
    assert.equal((await call(server, "GET", "/api/v1/namespaces/shop/configmaps/fresh")).status, 404);
  });

  test("a real apply is stored, so the server is a server and not a mirror", async () => {
    const body = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kept" }, data: { a: "1" } });
    const answer = await call(server, "PATCH", "/api/v1/namespaces/shop/configmaps/kept?fieldManager=test", { body, contentType: "application/apply-patch+yaml" });
    assert.equal(answer.status, 201);
    assert.equal((await call(server, "GET", "/api/v1/namespaces/shop/configmaps/kept")).status, 200);
  });

  test("every request is recorded, with its user but never its token", () => {
    assert.ok(server.requests.length >= 10);
    assert.ok(server.requests.some((record) => record.user === "bob" && record.status === 403));
    assert.ok(!JSON.stringify(server.requests).includes("alice-token"));
  });
});

describe("server-side apply merge", () => {
  test("maps merge, keyed lists merge by key, other lists are replaced", () => {
    const live: JsonObject = { spec: { a: 1, tolerations: [{ key: "x" }], containers: [{ name: "a", image: "1", ports: [{ containerPort: 80 }] }, { name: "b", image: "2" }] } };
    const applied: JsonObject = { spec: { tolerations: [{ key: "y" }], containers: [{ name: "a", ports: [{ containerPort: 81 }] }] } };
    assert.deepEqual(merge(live, applied), {
      spec: { a: 1, tolerations: [{ key: "y" }], containers: [{ name: "a", image: "1", ports: [{ containerPort: 80 }, { containerPort: 81 }] }, { name: "b", image: "2" }] },
    });
  });

  test("a field the manager stops applying is removed, unless another manager owns it", () => {
    const first = apply(undefined, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "2" } }, [], "me", false, "v1", "t");
    const second = apply(first.object, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } }, first.managers as Ownership[], "me", false, "v1", "t");
    assert.deepEqual(second.object.data, { a: "1" });
    const other = apply(first.object, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { b: "2" } }, first.managers, "other", false, "v1", "t");
    const third = apply(other.object, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } }, other.managers, "me", false, "v1", "t");
    assert.deepEqual(third.object.data, { a: "1", b: "2" });
  });
});
