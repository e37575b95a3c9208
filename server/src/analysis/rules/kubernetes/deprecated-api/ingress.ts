import { isScalar, type Pair } from "yaml";
import { asMap, asSeq, getIn, getNode, getPair } from "../../../documents/ast.ts";
import { insertEntriesAfter, moved, removeEntry, renameKey, replaceEntry, type Entries } from "../../../edits/map-entries.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { BodyEdits } from "./migrate.ts";

/**
 * Rewrites an extensions/v1beta1 or networking.k8s.io/v1beta1 Ingress body for
 * networking.k8s.io/v1: `spec.backend` becomes `spec.defaultBackend`, each backend's
 * `serviceName`/`servicePort` becomes `service.name` and `service.port.number` or
 * `.name`, and every path gets the `pathType` that matches the old unspecified
 * behaviour. These are the conversions the API server itself applies.
 */
export function migrateIngress(root: unknown, lines: LineIndex): BodyEdits | undefined {
  const result: BodyEdits = { edits: [], safe: true };
  const spec = asMap(getNode(root, "spec"));
  if (!spec) return result;

  const defaultBackend = getPair(spec, "backend");
  if (defaultBackend) {
    const rename = renameKey(defaultBackend, "defaultBackend", lines);
    if (!rename || !addBackend(result, defaultBackend.value, lines)) return undefined;
    result.edits.push(rename);
  }
  for (const rule of asSeq(getNode(spec, "rules"))?.items ?? []) {
    for (const item of asSeq(getIn(rule, ["http", "paths"]))?.items ?? []) {
      const path = asMap(item);
      if (!path || path.items.length === 0) continue;
      const backend = getPair(path, "backend");
      if (backend && !addBackend(result, backend.value, lines)) return undefined;
      if (getPair(path, "pathType")) continue;
      // Beside `path` is where people read it; a path without one takes it at the end.
      const anchor = getPair(path, "path") ?? path.items[path.items.length - 1]!;
      const insertion = insertEntriesAfter(path, anchor, { pathType: "ImplementationSpecific" }, lines);
      if (!insertion) return undefined;
      result.edits.push(insertion);
    }
  }
  return result;
}

/** Adds the edits for one backend; `false` when its shape cannot be rewritten faithfully. */
function addBackend(result: BodyEdits, node: unknown, lines: LineIndex): boolean {
  const backend = asMap(node);
  if (!backend) return false;
  const name = getPair(backend, "serviceName");
  const port = getPair(backend, "servicePort");
  // A resource backend, or one already in the v1 shape, has nothing to rename.
  if (!name && !port) return true;
  const service: Entries = {};
  if (name) service.name = moved(name);
  if (port) {
    const converted = portEntries(port);
    if (!converted) return false;
    service.port = converted.entries;
    if (!converted.exact) result.safe = false;
  }
  // A backend without both halves was invalid before; the rewrite keeps what is there.
  if (!name || !port) result.safe = false;
  const replacement = replaceEntry(backend, (name ?? port)!, { service }, lines);
  if (!replacement) return false;
  result.edits.push(replacement);
  if (name && port) result.edits.push(removeEntry(backend, port, lines));
  return true;
}

/**
 * `servicePort` was an int-or-string: a number becomes `port.number` and a name
 * `port.name`. A quoted number was a (never valid) port name; making it a number is what
 * the author meant but not what the API did, so that rewrite is not exact.
 */
function portEntries(port: Pair): { entries: Entries; exact: boolean } | undefined {
  const value = port.value;
  if (!isScalar(value)) return undefined;
  if (typeof value.value === "number") return Number.isInteger(value.value) ? { entries: { number: moved(port) }, exact: true } : undefined;
  if (typeof value.value !== "string" || value.value === "") return undefined;
  if (/^\d+$/.test(value.value)) return { entries: { number: String(Number(value.value)) }, exact: false };
  return { entries: { name: moved(port) }, exact: true };
}
