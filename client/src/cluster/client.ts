/**
 * A read-only connection to one context of a kubeconfig: discovery (kind to resource, namespaced or
 * cluster-scoped), GET, and the two dry runs. Every request goes through gate.ts.
 */
import type * as https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node/dist/config.js";
import { ClusterError, networkFault, statusFault, where, type StatusBody, type Target } from "./errors.ts";
import { CancelledError, TimeoutError, keepAlive, send, type ReadOnlyRequest } from "./gate.ts";
import { loadKubeconfig, type KubeconfigSource } from "./kubeconfig.ts";
import type { JsonObject } from "../diff/objects.ts";

export const FIELD_MANAGER = "shipshape";
export const DEFAULT_TIMEOUT_MS = 10_000;



export interface ConnectOptions extends KubeconfigSource {
  /** The context to use; undefined means the kubeconfig's current context. */
  context?: string;
  /** Whether the workspace is trusted: exec credential plugins run only then. */
  trusted: boolean;
  timeoutMs?: number;
  /** The namespace for resources that name none; undefined means the context's namespace, else `default`. */
  namespace?: string;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ResolvedType {
  resource: string;
  namespaced: boolean;
}

export interface ClusterInfo {
  context: string;
  server: string;
  user: string;
  /** The context's namespace, or `default`. */
  namespace: string;
  contexts: string[];
}

/** The number of requests a client sent, by verb, for the bench and the tests. */
export interface RequestCounts {
  get: number;
  "apply-dry-run": number;
  "create-dry-run": number;
}

export class ClusterClient {
  readonly counts: RequestCounts = { get: 0, "apply-dry-run": 0, "create-dry-run": 0 };
  private readonly discovery = new Map<string, Promise<Map<string, ResolvedType> | undefined>>();
  private tls: Promise<https.RequestOptions> | undefined;

  private constructor(
    private readonly config: KubeConfig,
    readonly info: ClusterInfo,
    private readonly trusted: boolean,
    private readonly timeoutMs: number,
  ) {}

  static connect(options: ConnectOptions): ClusterClient {
    const loaded = loadKubeconfig(options);
    const contextName = options.context || loaded.currentContext;
    const context = loaded.config.getContextObject(contextName);
    if (!context) {
      throw new ClusterError("kubeconfig", `The context "${contextName}" is not in the kubeconfig (${loaded.files.join(", ")}). Select one of: ${loaded.contexts.join(", ")}.`);
    }
    loaded.config.setCurrentContext(contextName);
    const cluster = loaded.config.getCurrentCluster();
    if (!cluster) throw new ClusterError("kubeconfig", `The context "${contextName}" names the cluster "${context.cluster}", which the kubeconfig does not define.`);
    const info: ClusterInfo = {
      context: contextName,
      server: cluster.server,
      user: context.user,
      namespace: options.namespace || context.namespace || "default",
      contexts: loaded.contexts,
    };
    return new ClusterClient(loaded.config, info, options.trusted, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  private get target(): Target {
    return { context: this.info.context, server: this.info.server, user: this.info.user };
  }

  /** The resource and scope of a kind, from discovery of its group version (asked once per group version). */
  async resolve(apiVersion: string, kind: string, signal?: AbortSignal, name?: string): Promise<ResolvedType> {
    let types = this.discovery.get(apiVersion);
    if (!types) {
      types = this.discover(apiVersion, signal);
      this.discovery.set(apiVersion, types);
      types.catch(() => this.discovery.delete(apiVersion));
    }
    const served = await types;
    const found = served?.get(kind);
    if (!found) {
      const what = name ? `${kind} ${name}` : `kind ${kind}`;
      throw new ClusterError(
        "unknown-kind",
        served
          ? `The API server of ${where(this.target)} does not know ${what}: ${apiVersion} has no kind ${kind}. If it is a custom resource, install its CustomResourceDefinition; otherwise check apiVersion and kind.`
          : `The API server of ${where(this.target)} does not know ${what}: it does not serve ${apiVersion}. If it is a custom resource, install its CustomResourceDefinition; otherwise the API version may be removed in this Kubernetes version.`,
      );
    }
    return found;
  }

  /** The kinds of a group version, or undefined when the server does not serve it. */
  private async discover(apiVersion: string, signal?: AbortSignal): Promise<Map<string, ResolvedType> | undefined> {
    const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const response = await this.request({ verb: "get", path }, `discover the resources of ${apiVersion}`, signal);
    if (response.status === 404) return undefined;
    const body = this.parse(response, "get", `the resources of ${apiVersion}`) as { resources?: { name: string; kind: string; namespaced: boolean }[] };
    const types = new Map<string, ResolvedType>();
    for (const resource of body.resources ?? []) {
      if (resource.name.includes("/")) continue; // subresources such as deployments/scale
      types.set(resource.kind, { resource: resource.name, namespaced: resource.namespaced });
    }
    return types;
  }

  /** The namespace a resource lands in: its own, else the context's; undefined for a cluster-scoped kind. */
  async namespaceOf(ref: ResourceRef, signal?: AbortSignal): Promise<string | undefined> {
    const type = await this.resolve(ref.apiVersion, ref.kind, signal, ref.name);
    return type.namespaced ? ref.namespace || this.info.namespace : undefined;
  }

  private async pathOf(ref: ResourceRef, withName: boolean, signal?: AbortSignal): Promise<string> {
    const type = await this.resolve(ref.apiVersion, ref.kind, signal, ref.name);
    const prefix = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const namespace = type.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace || this.info.namespace)}` : "";
    return `${prefix}${namespace}/${type.resource}${withName ? `/${encodeURIComponent(ref.name)}` : ""}`;
  }

  /** The live object, or undefined when the cluster does not have it. */
  async get(ref: ResourceRef, signal?: AbortSignal): Promise<JsonObject | undefined> {
    const path = await this.pathOf(ref, true, signal);
    const what = await this.describe(ref);
    const response = await this.request({ verb: "get", path }, `get ${what}`, signal);
    if (response.status === 404) return undefined;
    return this.parse(response, "get", what);
  }

  /** The object as the server would store it after `kubectl apply --server-side --force-conflicts`, without storing it. */
  async dryRunApply(object: JsonObject, signal?: AbortSignal): Promise<JsonObject> {
    const ref = refOf(object);
    const path = await this.pathOf(ref, true, signal);
    const what = await this.describe(ref);
    const response = await this.request({ verb: "apply-dry-run", path, body: JSON.stringify(object), fieldManager: FIELD_MANAGER }, `dry-run apply ${what}`, signal);
    return this.parse(response, "patch", what);
  }

  /** The object as the server would create it, without creating it. */
  async dryRunCreate(object: JsonObject, signal?: AbortSignal): Promise<JsonObject> {
    const ref = refOf(object);
    const path = await this.pathOf(ref, false, signal);
    const what = await this.describe(ref);
    const response = await this.request({ verb: "create-dry-run", path, body: JSON.stringify(object), fieldManager: FIELD_MANAGER }, `dry-run create ${what}`, signal);
    return this.parse(response, "create", what);
  }

  /** The names of the cluster's namespaces (a LIST), for choosing one. */
  async namespaces(signal?: AbortSignal): Promise<string[]> {
    const response = await this.request({ verb: "get", path: "/api/v1/namespaces" }, "list namespaces", signal);
    const body = this.parse(response, "list", "namespaces") as { items?: { metadata?: { name?: string } }[] };
    return (body.items ?? []).map((item) => item.metadata?.name ?? "").filter((name) => name !== "").sort();
  }

  async describe(ref: ResourceRef): Promise<string> {
    const namespace = await this.namespaceOf(ref).catch(() => ref.namespace);
    return namespace ? `${ref.kind} ${namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
  }

  private parse(response: { status: number; body: string }, verb: string, what: string): JsonObject {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    if (response.status < 200 || response.status >= 300) throw statusFault(response.status, body as StatusBody | undefined, this.target, verb, what);
    if (typeof body !== "object" || body === null) {
      throw new ClusterError("server", `The API server of ${where(this.target)} sent an answer that is not JSON while Shipshape read ${what}.`);
    }
    return body as JsonObject;
  }

  private async request(request: ReadOnlyRequest, doing: string, signal?: AbortSignal) {
    const tls = await this.tlsOptions();
    this.counts[request.verb]++;
    try {
      return await send(this.info.server, request, { tls, timeoutMs: this.timeoutMs, signal });
    } catch (error) {
      if (error instanceof CancelledError) throw new ClusterError("cancelled", "Cancelled.");
      if (error instanceof TimeoutError) {
        throw new ClusterError(
          "timeout",
          `The API server of ${where(this.target)} did not answer within ${error.timeoutMs / 1000} s while Shipshape tried to ${doing}. Check the connection, or raise the setting shipshape.cluster.timeout.`,
        );
      }
      if (error instanceof ClusterError) throw error;
      throw networkFault(error as NodeJS.ErrnoException, this.target, `trying to ${doing}`);
    }
  }

  /** TLS options and the Authorization header, made once; an exec credential plugin runs here, and only in a trusted workspace. */
  private tlsOptions(): Promise<https.RequestOptions> {
    this.tls ??= (async () => {
      const user = this.config.getCurrentUser();
      const exec = (user as { exec?: { command?: string } } | null)?.exec;
      const authProvider = (user as { authProvider?: { name?: string } } | null)?.authProvider;
      if ((exec || authProvider) && !this.trusted) {
        throw new ClusterError(
          "untrusted-exec",
          `The user "${this.info.user}" of ${where(this.target)} gets its credentials from ${exec ? `the program "${exec.command}"` : `the auth provider "${authProvider?.name}"`}, and Shipshape runs credential programs only in a trusted workspace. Trust this workspace to use this context.`,
        );
      }
      const options: https.RequestOptions = {};
      try {
        await this.config.applyToHTTPSOptions(options);
      } catch (error) {
        const detail = (error instanceof Error ? error.message : String(error)).trim() || "it wrote nothing to stderr";
        if (exec) {
          throw new ClusterError("exec-plugin", `The credential plugin "${exec.command}" of user "${this.info.user}" (${where(this.target)}) failed: ${detail}`);
        }
        throw new ClusterError("kubeconfig", `The credentials of user "${this.info.user}" (${where(this.target)}) could not be loaded: ${detail.split("\n")[0]}`);
      }
      return keepAlive(options);
    })();
    this.tls.catch(() => (this.tls = undefined));
    return this.tls;
  }
}

function refOf(object: JsonObject): ResourceRef {
  const metadata = (object.metadata ?? {}) as JsonObject;
  const ref: ResourceRef = { apiVersion: String(object.apiVersion), kind: String(object.kind), name: String(metadata.name) };
  if (typeof metadata.namespace === "string" && metadata.namespace) ref.namespace = metadata.namespace;
  return ref;
}
