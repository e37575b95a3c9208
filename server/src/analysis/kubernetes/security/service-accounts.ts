import { getIn, getNode, scalarString, type AnyNode } from "../../documents/ast.ts";
import type { ParsedDocument, ParsedFile } from "../../documents/parse.ts";
import { mapsOf } from "../values/walk.ts";
import { objectsOf, type PodSite } from "./pods.ts";
import { booleanAt, stringAt } from "./settings.ts";

/** What a file says about its ServiceAccounts: their own token setting, and which ones RBAC binds. */
export interface ServiceAccountFacts {
  /** `automountServiceAccountToken` of each ServiceAccount defined in the file, by `namespace/name`. */
  automount: Map<string, boolean | undefined>;
  /** ServiceAccounts a RoleBinding or ClusterRoleBinding in the file grants a role, by `namespace/name`. */
  bound: Set<string>;
}

/** The ServiceAccount a pod runs as, `default` when it names none; `undefined` when templated. */
export function serviceAccountOf(pod: PodSite): string | undefined {
  for (const key of ["serviceAccountName", "serviceAccount"]) {
    const setting = stringAt(pod.spec, key);
    if (setting.state === "unknown") return undefined;
    if (setting.state === "set" && setting.value !== "") return setting.value;
  }
  return "default";
}

/** The namespace a pod's workload names, or `undefined` when it leaves it to the tool that applies it. */
export function namespaceOf(object: AnyNode): string | undefined {
  return scalarString(getIn(object, ["metadata", "namespace"]));
}

/** `namespace/name`, with an empty namespace for objects that leave it to the tool that applies them. */
export function accountKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/**
 * The ServiceAccount facts of a file, read once per file: only documents whose top-level
 * kind is a ServiceAccount or a binding are looked at, so other files cost nothing.
 */
export function serviceAccountFactsOf(file: ParsedFile): ServiceAccountFacts {
  let facts = CACHE.get(file);
  if (!facts) {
    facts = { automount: new Map(), bound: new Set() };
    for (const document of file.documents) {
      const kind = scalarString(getNode(document.yaml.contents, "kind")) ?? "";
      if (!RELEVANT_KINDS.has(kind) && kind !== "List") continue;
      collect(document, facts);
    }
    CACHE.set(file, facts);
  }
  return facts;
}

const RELEVANT_KINDS = new Set(["ServiceAccount", "RoleBinding", "ClusterRoleBinding"]);

/** Keyed by the parsed file, so one analysis reads it once and nothing outlives the file. */
const CACHE = new WeakMap<ParsedFile, ServiceAccountFacts>();

function collect(document: ParsedDocument, facts: ServiceAccountFacts): void {
  for (const object of objectsOf(document)) {
    const kind = scalarString(getNode(object, "kind"));
    const namespace = namespaceOf(object);
    if (kind === "ServiceAccount") {
      const name = scalarString(getIn(object, ["metadata", "name"]));
      const automount = booleanAt(object, "automountServiceAccountToken");
      if (name !== undefined) facts.automount.set(accountKey(namespace, name), automount.state === "set" ? automount.value : undefined);
    } else if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
      for (const subject of mapsOf(getNode(object, "subjects"))) {
        if (scalarString(getNode(subject, "kind")) !== "ServiceAccount") continue;
        const name = scalarString(getNode(subject, "name"));
        if (name !== undefined) facts.bound.add(accountKey(scalarString(getNode(subject, "namespace")) ?? namespace, name));
      }
    }
  }
}
