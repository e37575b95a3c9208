/**
 * **The read-only gate: the only code in Shipshape that sends a request to a Kubernetes API server.**
 *
 * A request is one of three shapes: a GET (discovery, GET, LIST), a server-side apply dry run, or a
 * create dry run. There is no way to spell any other request: the method and the `dryRun=All`
 * parameter are set here from the shape, never by callers, and `assertReadOnly` checks the final
 * method and URL once more just before the bytes leave. gate.test.ts proves that every other request
 * is refused without reaching the network, and that nothing else in client/src opens a connection.
 */
import * as https from "node:https";
import * as http from "node:http";

export type ReadOnlyRequest =
  | { verb: "get"; path: string; query?: Record<string, string> }
  | { verb: "apply-dry-run"; path: string; body: string; fieldManager: string }
  | { verb: "create-dry-run"; path: string; body: string; fieldManager: string };

export interface HttpRequest {
  method: "GET" | "PATCH" | "POST";
  url: URL;
  contentType?: string;
  body?: string;
}

export class ReadOnlyViolation extends Error {
  constructor(what: string) {
    super(`Shipshape never changes a cluster: refused to send ${what}.`);
    this.name = "ReadOnlyViolation";
  }
}

/** The HTTP request for a read-only request. Throws ReadOnlyViolation for anything else. */
export function toHttp(server: string, request: ReadOnlyRequest): HttpRequest {
  const base = server.replace(/\/+$/, "");
  if (typeof request.path !== "string" || !request.path.startsWith("/") || request.path.includes("?") || request.path.includes("#")) {
    throw new ReadOnlyViolation(`a request with the path ${JSON.stringify(request.path)}`);
  }
  const url = new URL(base + request.path);
  switch (request.verb) {
    case "get":
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (key === "dryRun" || key === "watch") throw new ReadOnlyViolation(`a GET with ${key}`);
        url.searchParams.set(key, value);
      }
      return check({ method: "GET", url });
    case "apply-dry-run":
      url.searchParams.set("dryRun", "All");
      url.searchParams.set("fieldManager", request.fieldManager);
      url.searchParams.set("force", "true");
      return check({ method: "PATCH", url, contentType: "application/apply-patch+yaml", body: request.body });
    case "create-dry-run":
      url.searchParams.set("dryRun", "All");
      url.searchParams.set("fieldManager", request.fieldManager);
      return check({ method: "POST", url, contentType: "application/json", body: request.body });
    default:
      throw new ReadOnlyViolation(`a request of kind ${JSON.stringify((request as { verb?: unknown }).verb)}`);
  }
}

/** The last word: only GET, or PATCH/POST with dryRun=All and nothing else as dryRun. */
export function assertReadOnly(method: string, url: URL): void {
  if (method === "GET") return;
  const dryRun = url.searchParams.getAll("dryRun");
  if ((method === "PATCH" || method === "POST") && dryRun.length === 1 && dryRun[0] === "All") return;
  throw new ReadOnlyViolation(`${method} ${url.pathname}${dryRun.length ? ` with dryRun=${dryRun.join(",")}` : " without dryRun=All"}`);
}

function check(request: HttpRequest): HttpRequest {
  assertReadOnly(request.method, request.url);
  return request;
}

export interface Response {
  status: number;
  body: string;
}

export interface SendOptions {
  /** TLS and auth options from the kubeconfig (agent, headers); never logged. */
  tls: https.RequestOptions;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The kubeconfig's TLS options with a keep-alive agent, so that a folder diff reuses its connections
 * instead of a TLS handshake per request. A proxy's agent (cluster.proxyUrl) is kept as it is.
 */
export function keepAlive(options: https.RequestOptions): https.RequestOptions {
  const agent = options.agent;
  if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return options;
  return { ...options, agent: new https.Agent({ ...agent.options, keepAlive: true, maxSockets: 16 }) };
}

export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
  }
}

export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

/** Sends a read-only request and returns the answer, whatever its status. */
export async function send(server: string, request: ReadOnlyRequest, options: SendOptions): Promise<Response> {
  const built = toHttp(server, request);
  assertReadOnly(built.method, built.url);
  return new Promise<Response>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CancelledError());
    const headers: Record<string, string> = { Accept: "application/json", "User-Agent": "shipshape" };
    for (const [key, value] of Object.entries(options.tls.headers ?? {})) if (value !== undefined) headers[key] = String(value);
    if (built.contentType) headers["Content-Type"] = built.contentType;
    const transport = built.url.protocol === "http:" ? http : https;
    const outgoing = transport.request(built.url, { ...options.tls, method: built.method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        clearTimeout(timer);
        resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      incoming.on("error", fail);
    });
    let settled = false;
    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", abort);
      reject(error);
    }
    const timer = setTimeout(() => {
      fail(new TimeoutError(options.timeoutMs));
      outgoing.destroy();
    }, options.timeoutMs);
    const abort = () => {
      fail(new CancelledError());
      outgoing.destroy();
    };
    options.signal?.addEventListener("abort", abort, { once: true });
    outgoing.on("error", fail);
    if (built.body !== undefined) outgoing.write(built.body);
    outgoing.end();
  });
}
