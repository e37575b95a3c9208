/**
 * A test Kubernetes API server: HTTPS on 127.0.0.1 with a certificate made at start, bearer tokens,
 * discovery, GET and LIST, server-side apply and create (with dryRun), and real metav1.Status errors.
 * Its state is loaded from fixture YAML files, and it records every request it receives.
 *
 * It is faithful enough for the real kubectl (`get`, `apply --server-side --dry-run=server`,
 * `diff --server-side`): see kubectl.test.ts.
 */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { parseAllDocuments } from "yaml";
import { generate } from "selfsigned";
import { apply, describePath, fieldPaths, fieldsV1, isObject, pathKey, type Json, type JsonObject, type Ownership } from "./ssa.ts";
import { BUILTIN_TYPES, apiResource, applyDefaults, groupVersion, typesOfCrd, validate, type ResourceType } from "./resources.ts";

export interface TestUser {
  name: string;
  token: string;
  /** Requests this user may not make, as `verb resource` or `verb resource namespace` (`*` matches any). */
  forbidden?: string[];
}

export interface TestServerOptions {
  /** YAML files (or folders of them) holding the objects the server starts with. */
  state?: string[];
  /** Objects the server starts with, in addition to `state`. */
  objects?: JsonObject[];
  users?: TestUser[];
  /** Delays every response, to test timeouts. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
  user?: string;
  /** Whether an Authorization header was sent; the header itself is never recorded. */
  authenticated: boolean;
  status: number;
}

interface StoredObject {
  object: JsonObject;
  managers: Ownership[];
}

export const DEFAULT_USER: TestUser = { name: "alice", token: "alice-token" };

export class TestApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, StoredObject>();
  private types: ResourceType[] = [...BUILTIN_TYPES];
  private resourceVersion = 1000;
  private server: Server | undefined;
  ca = "";
  url = "";
  delayMs: number;

  private constructor(private readonly options: TestServerOptions) {
    this.delayMs = options.delayMs ?? 0;
  }

  static async start(options: TestServerOptions = {}): Promise<TestApiServer> {
    const server = new TestApiServer(options);
    await server.listen();
    return server;
  }

  get users(): TestUser[] {
    return this.options.users ?? [DEFAULT_USER];
  }

  private async listen(): Promise<void> {
    const pems = await generate([{ name: "commonName", value: "shipshape-test-apiserver" }], {
      keySize: 2048,
      algorithm: "sha256",
      days: 2,
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
      ],
    } as Parameters<typeof generate>[1]);
    this.ca = pems.cert;
    for (const object of [...this.loadState(), ...(this.options.objects ?? [])]) this.seed(object);
    this.server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A kubeconfig for this server, written to `file`: one context, `test`, with the user's token. */
  writeKubeconfig(file: string, options: { user?: TestUser; namespace?: string; context?: string; extraContexts?: string } = {}): string {
    const user = options.user ?? this.users[0]!;
    const context = options.context ?? "test";
    const text = [
      "apiVersion: v1",
      "kind: Config",
      `current-context: ${context}`,
      "clusters:",
      "- name: test-cluster",
      "  cluster:",
      `    server: ${this.url}`,
      `    certificate-authority-data: ${Buffer.from(this.ca).toString("base64")}`,
      "users:",
      `- name: ${user.name}`,
      "  user:",
      `    token: ${user.token}`,
      "contexts:",
      `- name: ${context}`,
      "  context:",
      "    cluster: test-cluster",
      `    user: ${user.name}`,
      ...(options.namespace ? [`    namespace: ${options.namespace}`] : []),
      ...(options.extraContexts ? [options.extraContexts] : []),
      "",
    ].join("\n");
    writeFileSync(file, text);
    return file;
  }

  /** The stored object, as GET returns it. */
  object(apiVersion: string, kind: string, name: string, namespace?: string): JsonObject | undefined {
    const type = this.types.find((candidate) => groupVersion(candidate) === apiVersion && candidate.kind === kind);
    if (!type) return undefined;
    const stored = this.store.get(storeKey(type, type.namespaced ? (namespace ?? "default") : undefined, name));
    return stored ? this.render(type, stored) : undefined;
  }

  private loadState(): JsonObject[] {
    const files = (this.options.state ?? []).flatMap((path) =>
      statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((name) => /\.ya?ml$/.test(name))
            .sort()
            .map((name) => join(path, name))
        : [path],
    );
    return files.flatMap((file) =>
      parseAllDocuments(readFileSync(file, "utf8"))
        .map((document) => document.toJS() as Json)
        .filter(isObject)
        .flatMap((object) => (object.kind === "List" ? ((object.items as JsonObject[]) ?? []) : [object])),
    );
  }

  /** Stores an object as if a client had created it (`kubectl create`), keeping its status. */
  private seed(input: JsonObject): void {
    const type = this.typeOf(String(input.apiVersion), String(input.kind));
    if (!type) throw new Error(`The test server does not serve ${String(input.apiVersion)} ${String(input.kind)}`);
    const status = input.status;
    const config = structuredClone(input);
    delete config.status;
    const metadata = config.metadata as JsonObject;
    const namespace = type.namespaced ? String(metadata.namespace ?? "default") : undefined;
    if (namespace) metadata.namespace = namespace;
    const manager: Ownership = { manager: "kubectl-create", operation: "Update", apiVersion: String(input.apiVersion), time: TIME, paths: new Map() };
    for (const path of fieldPaths(config)) if (!["f:apiVersion", "f:kind"].includes(path[0]!)) manager.paths.set(pathKey(path), path);
    const object = this.finish(type, config, undefined, false);
    if (status !== undefined) object.status = status;
    this.store.set(storeKey(type, namespace, String(metadata.name)), { object, managers: [manager] });
    if (type.kind === "CustomResourceDefinition") this.types.push(...typesOfCrd(object));
  }

  private typeOf(apiVersion: string, kind: string): ResourceType | undefined {
    return this.types.find((type) => groupVersion(type) === apiVersion && type.kind === kind);
  }

  /** Server-populated fields and defaults, for an object about to be stored (or returned by a dry run). */
  private finish(type: ResourceType, object: JsonObject, live: JsonObject | undefined, dryRun: boolean): JsonObject {
    const metadata = object.metadata as JsonObject;
    const liveMetadata = (live?.metadata as JsonObject | undefined) ?? {};
    if (type.kind === "Secret" && isObject(object.stringData)) {
      const data: JsonObject = isObject(object.data) ? { ...object.data } : {};
      for (const [key, value] of Object.entries(object.stringData)) data[key] = Buffer.from(String(value)).toString("base64");
      object.data = data;
      delete object.stringData;
    }
    applyDefaults(type, object);
    metadata.uid = liveMetadata.uid ?? randomUUID();
    metadata.creationTimestamp = liveMetadata.creationTimestamp ?? TIME;
    if (!dryRun || live) metadata.resourceVersion = live && dryRun ? liveMetadata.resourceVersion! : String(++this.resourceVersion);
    else delete metadata.resourceVersion;
    if (hasGeneration(type)) {
      const changed = live && JSON.stringify(specOf(live)) !== JSON.stringify(specOf(object));
      metadata.generation = live ? Number(liveMetadata.generation ?? 1) + (changed ? 1 : 0) : 1;
    }
    if (live?.status !== undefined) object.status = live.status;
    return object;
  }

  private render(type: ResourceType, stored: StoredObject): JsonObject {
    const object = structuredClone(stored.object);
    const metadata = object.metadata as JsonObject;
    const rest = { ...metadata };
    delete rest.managedFields;
    const managedFields = stored.managers.map((entry) => ({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      time: entry.time,
      fieldsType: "FieldsV1",
      fieldsV1: fieldsV1(entry.paths.values()),
    }));
    // The order kube-apiserver writes: apiVersion, kind, metadata, then the rest.
    const { apiVersion: _a, kind: _k, metadata: _m, ...body } = object;
    void _a, _k, _m;
    return { apiVersion: groupVersion(type), kind: type.kind, metadata: { ...rest, managedFields }, ...body };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "https://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      query,
      contentType: request.headers["content-type"],
      accept: request.headers.accept,
      authenticated: request.headers.authorization !== undefined,
      status: 0,
    };
    this.requests.push(record);
    const body = await readBody(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (response.destroyed) return;
    let result: { code: number; body: Json; raw?: Buffer; contentType?: string };
    try {
      result = this.route(record, request.headers.authorization, url.pathname, query, body, request.headers.accept ?? "");
    } catch (error) {
      result = status(500, "InternalError", `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
    }
    record.status = result.code;
    response.writeHead(result.code, { "Content-Type": result.contentType ?? "application/json", "Cache-Control": "no-cache, private" });
    response.end(result.raw ?? JSON.stringify(result.body));
  }

  private route(
    record: RecordedRequest,
    authorization: string | undefined,
    path: string,
    query: Record<string, string>,
    body: string,
    accept: string,
  ): { code: number; body: Json; raw?: Buffer; contentType?: string } {
    const user = this.authenticate(authorization);
    if (!user) return status(401, "Unauthorized", "Unauthorized");
    record.user = user.name;
    if (path === "/version") return ok({ major: "1", minor: "32", gitVersion: "v1.32.0-shipshape-test", platform: "linux/amd64" });
    if (path === "/api") return ok({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: this.url.slice(8) }] });
    if (path === "/apis") return ok(this.groupList());
    if (path.startsWith("/openapi/")) return this.openApi(path);
    const parsed = this.parseResourcePath(path);
    if (!parsed) return status(404, "NotFound", "the server could not find the requested resource");
    if ("discovery" in parsed) return ok(parsed.discovery);
    const { type, namespace, name } = parsed;
    const verb = verbOf(record.method, name);
    const denial = this.authorize(user, verb, type, namespace, name);
    if (denial) return denial;
    const dryRun = query.dryRun === "All";
    if (query.dryRun !== undefined && !dryRun) return status(400, "BadRequest", `Invalid dryRun value: ${query.dryRun}`);
    switch (verb) {
      case "get": {
        const stored = this.store.get(storeKey(type, namespace, name!));
        if (!stored) return notFound(type, name!);
        const object = this.render(type, stored);
        return ok(accept.includes("as=Table") ? table([object]) : object);
      }
      case "list": {
        const items = [...this.store.entries()]
          .filter(([key]) => key.startsWith(`${groupVersion(type)}/${type.kind}/${namespace ?? ""}/`) || (!namespace && key.startsWith(`${groupVersion(type)}/${type.kind}/`)))
          .map(([, stored]) => this.render(type, stored));
        if (accept.includes("as=Table")) return ok(table(items));
        return ok({ kind: `${type.kind}List`, apiVersion: groupVersion(type), metadata: { resourceVersion: String(this.resourceVersion) }, items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => (void _a, void _k, rest)) });
      }
      case "patch":
        return this.applyPatch(record, type, namespace, name!, query, body, dryRun);
      case "create":
        return this.create(type, namespace, query, body, dryRun);
      default:
        return status(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
    }
  }

  /** The user of a bearer token; the header itself is never recorded. */
  private authenticate(header: string | undefined): TestUser | undefined {
    const token = header && /^Bearer (.+)$/.exec(header)?.[1];
    return token ? this.users.find((user) => user.token === token) : undefined;
  }

  private authorize(user: TestUser, verb: string, type: ResourceType, namespace: string | undefined, name: string | undefined): { code: number; body: Json } | undefined {
    const denied = (user.forbidden ?? []).some((rule) => {
      const [ruleVerb, ruleResource, ruleNamespace] = rule.split(" ");
      return (ruleVerb === "*" || ruleVerb === verb) && (ruleResource === "*" || ruleResource === type.resource) && (!ruleNamespace || ruleNamespace === namespace);
    });
    if (!denied) return undefined;
    const subject = name ? `${qualified(type)} "${name}"` : qualified(type);
    const scope = namespace ? ` in the namespace "${namespace}"` : " at the cluster scope";
    return status(403, "Forbidden", `${subject} is forbidden: User "${user.name}" cannot ${verb} resource "${type.resource}" in API group "${type.group}"${scope}`, {
      name: name ?? "",
      group: type.group,
      kind: type.resource,
    });
  }

  private applyPatch(record: RecordedRequest, type: ResourceType, namespace: string | undefined, name: string, query: Record<string, string>, body: string, dryRun: boolean): { code: number; body: Json } {
    if (record.contentType !== "application/apply-patch+yaml") {
      return status(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml`);
    }
    if (!query.fieldManager) {
      return status(422, "Invalid", `PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch`);
    }
    let config: JsonObject;
    try {
      const parsed = parseAllDocuments(body)[0]?.toJS() as Json;
      if (!isObject(parsed)) throw new Error("not an object");
      config = parsed;
    } catch (error) {
      return status(400, "BadRequest", `error decoding YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const mismatch = this.checkIdentity(type, namespace, name, config);
    if (mismatch) return mismatch;
    const key = storeKey(type, namespace, name);
    const stored = this.store.get(key);
    const live = stored ? structuredClone(stored.object) : undefined;
    if (live) delete live.status;
    const metadata = config.metadata as JsonObject;
    if (metadata.resourceVersion !== undefined && stored && metadata.resourceVersion !== (stored.object.metadata as JsonObject).resourceVersion) {
      return status(409, "Conflict", `Operation cannot be fulfilled on ${qualified(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {
        name,
        group: type.group,
        kind: type.resource,
      });
    }
    const time = TIME;
    const result = apply(live, config, stored?.managers ?? [], query.fieldManager, query.force === "true", groupVersion(type), time);
    if (result.conflicts.length > 0 && query.force !== "true") {
      const lines = result.conflicts.map((conflict) => `- conflict with "${conflict.manager}": ${describePath(conflict.path)}`);
      const message =
        result.conflicts.length === 1
          ? `Apply failed with 1 conflict: conflict with "${result.conflicts[0]!.manager}": ${describePath(result.conflicts[0]!.path)}`
          : `Apply failed with ${result.conflicts.length} conflicts: conflicts with "${result.conflicts[0]!.manager}":\n${lines.join("\n")}`;
      return status(409, "Conflict", message, {
        causes: result.conflicts.map((conflict) => ({ reason: "FieldManagerConflict", message: `conflict with "${conflict.manager}"`, field: describePath(conflict.path) })),
      });
    }
    const object = result.object;
    (object.metadata as JsonObject).name = name;
    if (namespace) (object.metadata as JsonObject).namespace = namespace;
    object.apiVersion = groupVersion(type);
    object.kind = type.kind;
    const invalid = this.invalid(type, name, object, stored?.object);
    if (invalid) return invalid;
    const finished = this.finish(type, object, stored?.object, dryRun);
    const next = { object: finished, managers: result.managers };
    if (!dryRun) this.store.set(key, next);
    return { code: stored ? 200 : 201, body: this.render(type, next) };
  }

  private create(type: ResourceType, namespace: string | undefined, query: Record<string, string>, body: string, dryRun: boolean): { code: number; body: Json } {
    let object: JsonObject;
    try {
      const parsed = JSON.parse(body) as Json;
      if (!isObject(parsed)) throw new Error("not an object");
      object = parsed;
    } catch (error) {
      return status(400, "BadRequest", `the object provided is unrecognized: ${error instanceof Error ? error.message : String(error)}`);
    }
    const metadata = (object.metadata as JsonObject | undefined) ?? {};
    const name = String(metadata.name ?? "");
    const mismatch = this.checkIdentity(type, namespace, name, object);
    if (mismatch) return mismatch;
    const key = storeKey(type, namespace, name);
    if (this.store.has(key)) {
      return status(409, "AlreadyExists", `${qualified(type)} "${name}" already exists`, { name, group: type.group, kind: type.resource });
    }
    if (namespace) metadata.namespace = namespace;
    delete object.status;
    const invalid = this.invalid(type, name, object, undefined);
    if (invalid) return invalid;
    const manager: Ownership = { manager: query.fieldManager ?? "unknown", operation: "Update", apiVersion: groupVersion(type), time: TIME, paths: new Map() };
    for (const path of fieldPaths(object)) if (!["f:apiVersion", "f:kind", "f:metadata"].includes(path[0]!)) manager.paths.set(pathKey(path), path);
    const finished = this.finish(type, object, undefined, dryRun);
    const stored = { object: finished, managers: [manager] };
    if (!dryRun) this.store.set(key, stored);
    return { code: 201, body: this.render(type, stored) };
  }

  private checkIdentity(type: ResourceType, namespace: string | undefined, name: string, object: JsonObject): { code: number; body: Json } | undefined {
    if (object.apiVersion !== groupVersion(type) || object.kind !== type.kind) {
      return status(400, "BadRequest", `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${groupVersion(type)})`);
    }
    const metadata = object.metadata;
    if (!isObject(metadata) || !metadata.name) return status(422, "Invalid", `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (metadata.name !== name) return status(400, "BadRequest", `the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`);
    if (namespace && metadata.namespace !== undefined && metadata.namespace !== namespace) {
      return status(400, "BadRequest", `the namespace of the provided object does not match the namespace sent on the request`);
    }
    return undefined;
  }

  private invalid(type: ResourceType, name: string, object: JsonObject, live: JsonObject | undefined): { code: number; body: Json } | undefined {
    const errors = validate(type, object, live);
    if (errors.length === 0) return undefined;
    const detail = errors.map((error) => `${error.field}: ${error.message}`);
    const message = `${type.kind}${type.group ? `.${type.group}` : ""} "${name}" is invalid: ${detail.length === 1 ? detail[0] : `[${detail.join(", ")}]`}`;
    return status(422, "Invalid", message, {
      name,
      group: type.group,
      kind: type.kind,
      causes: errors.map((error) => ({ reason: error.reason, message: error.message, field: error.field })),
    });
  }

  private groupList(): JsonObject {
    const groups = new Map<string, string[]>();
    for (const type of this.types) {
      if (!type.group) continue;
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0]! },
      })),
    };
  }

  /**
   * OpenAPI v3, only as far as kubectl reads it: the root lists the group versions, and each group
   * version's document says its PATCH takes `fieldValidation`, so kubectl validates on the server.
   */
  private openApi(path: string): { code: number; body: Json; raw?: Buffer; contentType?: string } {
    const versions = [...new Set(this.types.map(groupVersion))];
    const prefix = (gv: string) => (gv.includes("/") ? `apis/${gv}` : `api/${gv}`);
    // kubectl validates the items of a List on the client, against OpenAPI v2 in protobuf (gnostic's
    // openapi_v2.Document); a document with no definitions has nothing to check.
    if (path === "/openapi/v2") return { code: 200, body: null, raw: openApiV2Protobuf(), contentType: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf" };
    if (path === "/openapi/v3") {
      return ok({ paths: Object.fromEntries(versions.map((gv) => [prefix(gv), { serverRelativeURL: `/openapi/v3/${prefix(gv)}?hash=0` }])) });
    }
    const gv = versions.find((candidate) => path === `/openapi/v3/${prefix(candidate)}`);
    if (!gv) return status(404, "NotFound", "the server could not find the requested resource");
    const paths: JsonObject = {};
    for (const type of this.types.filter((candidate) => groupVersion(candidate) === gv)) {
      const base = `/${prefix(gv)}/${type.namespaced ? "namespaces/{namespace}/" : ""}${type.resource}/{name}`;
      const gvk = { group: type.group, version: type.version, kind: type.kind };
      const parameters = ["dryRun", "fieldManager", "fieldValidation", "force"].map((name) => ({ name, in: "query", schema: { type: "string" } }));
      paths[base] = { get: { "x-kubernetes-group-version-kind": gvk }, patch: { "x-kubernetes-group-version-kind": gvk, parameters } };
    }
    return ok({ openapi: "3.0.0", info: { title: "Kubernetes", version: "v1.32.0" }, paths, components: { schemas: {} } });
  }

  private parseResourcePath(path: string):
    | { discovery: JsonObject }
    | { type: ResourceType; namespace: string | undefined; name: string | undefined }
    | undefined {
    const segments = path.split("/").filter(Boolean);
    let gv: string;
    let rest: string[];
    if (segments[0] === "api" && segments.length >= 2) {
      gv = segments[1]!;
      rest = segments.slice(2);
    } else if (segments[0] === "apis" && segments.length >= 3) {
      gv = `${segments[1]}/${segments[2]}`;
      rest = segments.slice(3);
    } else {
      return undefined;
    }
    const types = this.types.filter((type) => groupVersion(type) === gv);
    if (types.length === 0) return undefined;
    if (rest.length === 0) return { discovery: { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv, resources: types.map(apiResource) } };
    let namespace: string | undefined;
    if (rest[0] === "namespaces" && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    if (rest.length > 2) return undefined;
    const type = types.find((candidate) => candidate.resource === rest[0]);
    if (!type || (namespace !== undefined && !type.namespaced)) return undefined;
    return { type, namespace, name: rest[1] };
  }

}

const TIME = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");

function storeKey(type: ResourceType, namespace: string | undefined, name: string): string {
  return `${groupVersion(type)}/${type.kind}/${type.namespaced ? (namespace ?? "default") : ""}/${name}`;
}

function qualified(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

function hasGeneration(type: ResourceType): boolean {
  return !["ConfigMap", "Secret", "Service", "ServiceAccount", "Namespace", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(type.kind);
}

function specOf(object: JsonObject): Json {
  const { metadata: _m, status: _s, ...rest } = object;
  void _m, _s;
  return rest;
}

function verbOf(method: string, name: string | undefined): string {
  switch (method) {
    case "GET":
      return name ? "get" : "list";
    case "PATCH":
      return "patch";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "DELETE":
      return name ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}

function ok(body: Json): { code: number; body: Json } {
  return { code: 200, body };
}

function status(code: number, reason: string, message: string, details?: JsonObject): { code: number; body: Json } {
  const body: JsonObject = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) body.details = details;
  return { code, body };
}

function notFound(type: ResourceType, name: string): { code: number; body: Json } {
  return status(404, "NotFound", `${qualified(type)} "${name}" not found`, { name, group: type.group, kind: type.resource });
}

function table(objects: JsonObject[]): JsonObject {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {},
    columnDefinitions: [
      { name: "Name", type: "string", format: "name", description: "Name of the object", priority: 0 },
      { name: "Age", type: "string", format: "", description: "Time since creation", priority: 0 },
    ],
    rows: objects.map((object) => {
      const metadata = object.metadata as JsonObject;
      return {
        cells: [metadata.name!, "1d"],
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: { ...metadata, managedFields: undefined } as unknown as Json },
      };
    }),
  };
}

/** `{ swagger: "2.0", info: { title, version } }` as protobuf: field 1 (string), field 2 (Info: fields 1 and 2). */
function openApiV2Protobuf(): Buffer {
  const field = (number: number, bytes: Buffer) => Buffer.concat([Buffer.from([(number << 3) | 2, bytes.length]), bytes]);
  const info = Buffer.concat([field(1, Buffer.from("Kubernetes")), field(2, Buffer.from("v1.32.0"))]);
  return Buffer.concat([field(1, Buffer.from("2.0")), field(2, info)]);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
