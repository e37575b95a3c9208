/**
 * Server-side apply for the test API server: field ownership per manager, the merge of an applied
 * configuration into a live object, conflicts, and removal of fields a manager stops applying.
 *
 * The schema knowledge is what the fixtures use, as in the real API server's strategic merge keys:
 * maps merge; containers, init containers, env, volumes, volume mounts and ports merge by key; every
 * other list is atomic (replaced as a whole).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The fields of a list element that identify it, by the list's field name. */
const LIST_KEYS: Record<string, string[]> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  volumeMounts: ["mountPath"],
  imagePullSecrets: ["name"],
  // Container ports are keyed by containerPort and protocol, Service ports by port and protocol.
  ports: ["containerPort|port", "protocol"],
};

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The key fields of an element of list `field`, or undefined when that list is atomic. */
function elementKey(field: string, element: Json): string | undefined {
  const keys = LIST_KEYS[field];
  if (!keys || !isObject(element)) return undefined;
  const key: JsonObject = {};
  for (const spec of keys) {
    const name = spec.split("|").find((candidate) => element[candidate] !== undefined);
    if (name) key[name] = element[name]!;
    else if (spec === "protocol") key.protocol = "TCP";
  }
  return JSON.stringify(key);
}

/** A field path as SSA's fieldsV1 spells its segments: `f:name` for a map key, `k:{...}` for a keyed list element. */
export type FieldPath = string[];

/** Every leaf path set in `value`: scalars, atomic lists and empty maps are leaves. */
export function fieldPaths(value: Json, prefix: FieldPath = [], parentField = ""): FieldPath[] {
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([key, child]) => fieldPaths(child, [...prefix, `f:${key}`], key));
  }
  if (Array.isArray(value) && LIST_KEYS[parentField] && value.every((element) => elementKey(parentField, element))) {
    if (value.length === 0) return [prefix];
    return value.flatMap((element) => {
      const key = elementKey(parentField, element)!;
      const path = [...prefix, `k:${key}`];
      // An element's key fields are owned with the element.
      return [path, ...fieldPaths(element, path, "").filter((sub) => sub.length > path.length)];
    });
  }
  return [prefix];
}

export function pathKey(path: FieldPath): string {
  return path.join("\u0000");
}

/** The value at `path` in `value`, or undefined. */
export function valueAt(value: Json | undefined, path: FieldPath, parentField = ""): Json | undefined {
  let current: Json | undefined = value;
  let field = parentField;
  for (const segment of path) {
    if (segment.startsWith("f:")) {
      if (!isObject(current)) return undefined;
      field = segment.slice(2);
      current = current[field];
    } else {
      if (!Array.isArray(current)) return undefined;
      const key = segment.slice(2);
      const listField = field;
      current = current.find((element) => elementKey(listField, element) === key);
      field = "";
    }
  }
  return current;
}

/** Removes the value at `path`, and any map or keyed element it leaves empty. */
export function removeAt(value: JsonObject, path: FieldPath): void {
  const remove = (current: Json | undefined, rest: FieldPath, field: string): boolean => {
    if (rest.length === 0) return true;
    const [segment, ...tail] = rest;
    if (segment!.startsWith("f:") && isObject(current)) {
      const name = segment!.slice(2);
      if (!(name in current)) return false;
      if (remove(current[name], tail, name)) {
        delete current[name];
        return Object.keys(current).length === 0;
      }
      return false;
    }
    if (segment!.startsWith("k:") && Array.isArray(current)) {
      const index = current.findIndex((element) => elementKey(field, element) === segment!.slice(2));
      if (index < 0) return false;
      const element = current[index]!;
      // An element goes when its key itself goes; a sub-field goes alone.
      if (tail.length === 0 || remove(element, tail, "")) current.splice(index, 1);
      return false;
    }
    return false;
  };
  remove(value, path, "");
}

/** Merges `applied` into a copy of `live`: maps merge, keyed lists merge by key, other lists are replaced. */
export function merge(live: Json | undefined, applied: Json, field = ""): Json {
  if (isObject(applied)) {
    const result: JsonObject = isObject(live) ? { ...live } : {};
    for (const [key, child] of Object.entries(applied)) result[key] = merge(result[key], child, key);
    return result;
  }
  if (Array.isArray(applied) && Array.isArray(live) && LIST_KEYS[field] && applied.every((element) => elementKey(field, element))) {
    const result = live.map((element) => structuredClone(element));
    for (const element of applied) {
      const key = elementKey(field, element);
      const index = result.findIndex((existing) => elementKey(field, existing) === key);
      if (index >= 0) result[index] = merge(result[index], element, "");
      else result.push(structuredClone(element));
    }
    return result;
  }
  return structuredClone(applied);
}

/** The managedFields entry of one manager: the set of paths it owns. */
export interface Ownership {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  paths: Map<string, FieldPath>;
}

/** fieldsV1 as the API server writes it, from a set of owned paths. */
export function fieldsV1(paths: Iterable<FieldPath>): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const next = (node[segment] as JsonObject | undefined) ?? {};
      node[segment] = next;
      node = next;
    }
    if (path.length > 0 && Object.keys(node).length === 0) {
      // A leaf stays `{}`; an element that has sub-fields marks itself with ".".
    }
  }
  const markElements = (node: JsonObject): void => {
    for (const [segment, child] of Object.entries(node)) {
      if (!isObject(child)) continue;
      if (segment.startsWith("k:") && Object.keys(child).length > 0) child["."] = {};
      markElements(child);
    }
  };
  markElements(root);
  return root;
}

/** Fields the server owns or sets; never part of what a manager applies. */
export function appliedPaths(config: JsonObject): FieldPath[] {
  return fieldPaths(config).filter((path) => {
    const [first, second] = path;
    if (first === "f:apiVersion" || first === "f:kind" || first === "f:status") return false;
    if (first === "f:metadata" && ["f:name", "f:namespace", "f:uid", "f:resourceVersion", "f:generation", "f:creationTimestamp", "f:managedFields"].includes(second ?? "")) {
      return false;
    }
    return true;
  });
}

export interface ApplyResult {
  object: JsonObject;
  managers: Ownership[];
  conflicts: { manager: string; path: FieldPath }[];
}

/**
 * Applies `config` as `manager`. A field another manager owns with a different value is a conflict
 * unless `force`, which takes it over. Fields `manager` owned before and no longer applies are removed
 * when no other manager owns them.
 */
export function apply(
  live: JsonObject | undefined,
  config: JsonObject,
  managers: Ownership[],
  manager: string,
  force: boolean,
  apiVersion: string,
  time: string,
): ApplyResult {
  const paths = appliedPaths(config);
  const conflicts: { manager: string; path: FieldPath }[] = [];
  for (const path of paths) {
    const key = pathKey(path);
    for (const other of managers) {
      if (other.manager === manager || !other.paths.has(key)) continue;
      const before = valueAt(live, path);
      const after = valueAt(config, path);
      if (before !== undefined && JSON.stringify(before) !== JSON.stringify(after) && !isObject(after)) {
        conflicts.push({ manager: other.manager, path });
      }
    }
  }
  if (conflicts.length > 0 && !force) return { object: live ?? config, managers, conflicts };

  const object = merge(live, config) as JsonObject;
  const applied = new Map(paths.map((path) => [pathKey(path), path]));
  const next: Ownership[] = [];
  const previous = managers.find((entry) => entry.manager === manager && entry.operation === "Apply");
  for (const entry of managers) {
    if (entry === previous) continue;
    const kept = new Map([...entry.paths].filter(([key]) => !applied.has(key)));
    if (kept.size > 0) next.push({ ...entry, paths: kept });
  }
  if (previous) {
    const ownedByOthers = new Set(next.flatMap((entry) => [...entry.paths.keys()]));
    for (const [key, path] of previous.paths) {
      if (!applied.has(key) && !ownedByOthers.has(key)) removeAt(object, path);
    }
  }
  next.push({ manager, operation: "Apply", apiVersion, time, paths: applied });
  return { object, managers: next, conflicts };
}

export function describePath(path: FieldPath): string {
  return path
    .map((segment) => (segment.startsWith("f:") ? `.${segment.slice(2)}` : `[${Object.entries(JSON.parse(segment.slice(2)) as JsonObject).map(([k, v]) => `${k}=${String(v)}`).join(",")}]`))
    .join("");
}
