/** Plain JSON objects as the API server sends them, and what identifies a resource. Pure: no vscode. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What names one resource of a manifest: its type and its name (the namespace is resolved later). */
export interface ResourceIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in the manifest; undefined means the context's namespace for namespaced kinds. */
  namespace?: string;
}

export function identityOf(object: JsonObject): ResourceIdentity | undefined {
  const metadata = object.metadata;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string" || !isObject(metadata)) return undefined;
  if (typeof metadata.name !== "string" || metadata.name === "") return undefined;
  const identity: ResourceIdentity = { apiVersion: object.apiVersion, kind: object.kind, name: metadata.name };
  if (typeof metadata.namespace === "string" && metadata.namespace !== "") identity.namespace = metadata.namespace;
  return identity;
}

/** `Deployment shop/web`, or `ClusterRole reader` for a cluster-scoped resource. */
export function describeResource(kind: string, name: string, namespace: string | undefined): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** The lists whose elements the API server merges by key, with those keys; every other list is atomic. */
const LIST_KEYS: Record<string, string[][]> = {
  containers: [["name"]],
  initContainers: [["name"]],
  ephemeralContainers: [["name"]],
  env: [["name"]],
  volumes: [["name"]],
  volumeMounts: [["mountPath"]],
  imagePullSecrets: [["name"]],
  // Container ports by containerPort and protocol, Service ports by port and protocol.
  ports: [["containerPort", "protocol"], ["port", "protocol"]],
};

/** The key of an element of list `field` as `name=web`, or undefined when that list is atomic. */
export function elementKey(field: string, element: Json): string | undefined {
  const choices = LIST_KEYS[field];
  if (!choices || !isObject(element)) return undefined;
  for (const keys of choices) {
    if (element[keys[0]!] === undefined) continue;
    return keys.map((key) => `${key}=${String(element[key] ?? (key === "protocol" ? "TCP" : ""))}`).join(",");
  }
  return undefined;
}
