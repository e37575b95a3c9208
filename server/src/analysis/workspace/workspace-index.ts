import { OwnResources } from "./own-resources.ts";
import { resourceKey, type IndexedResource } from "./indexed-resource.ts";

/**
 * What rules may ask about the rest of the workspace. Every question names what it
 * depends on, so that the editor can re-check a file when an answer would change.
 */
export interface WorkspaceView {
  /** Resources of a kind with this name in this namespace (`""` for cluster-scoped). Usually one. */
  find(kind: string, namespace: string, name: string): readonly IndexedResource[];
  /** Every resource of a kind in a namespace. */
  inNamespace(kind: string, namespace: string): readonly IndexedResource[];
  /** Every resource of a kind anywhere in the workspace, for "did you mean" across namespaces. */
  ofKind(kind: string): readonly IndexedResource[];
  /** The resources of the file being analysed, as they are now. */
  readonly own: readonly IndexedResource[];
  /** The file's own resources in one of its documents. */
  ownIn(documentIndex: number): readonly IndexedResource[];
  /**
   * Whether the view covers a whole workspace. A single file analysed on its own cannot
   * tell a missing object from one defined elsewhere, so reference rules stay silent then.
   */
  readonly complete: boolean;
}

/**
 * The index of every resource in a workspace, kept per file so that one file's edit
 * replaces only that file's entries. The editor and the CLI own one; the core reads it
 * through `WorkspaceView`.
 */
export class WorkspaceIndex {
  private readonly byPath = new Map<string, readonly IndexedResource[]>();
  private byKey = new Map<string, IndexedResource[]>();
  private byKindNamespace = new Map<string, IndexedResource[]>();
  private byKind = new Map<string, IndexedResource[]>();
  private stale = false;

  /** Replaces a file's resources; returns the keys (`Kind/namespace/name`) whose facts changed. */
  update(path: string, resources: readonly IndexedResource[]): Set<string> {
    const before = this.byPath.get(path) ?? [];
    // A file analysed again as it was (a scan after the index was built) changes nothing, not even a position.
    if (sameResources(before, resources)) return new Set();
    if (resources.length === 0) this.byPath.delete(path);
    else this.byPath.set(path, resources);
    // Positions move with every edit, so the lookup maps are rebuilt even when no fact changed.
    if (before.length > 0 || resources.length > 0) this.stale = true;
    return changedKeys(before, resources);
  }

  remove(path: string): Set<string> {
    return this.update(path, []);
  }

  get size(): number {
    let count = 0;
    for (const resources of this.byPath.values()) count += resources.length;
    return count;
  }

  /** The files with resources, in the order they were indexed. */
  paths(): string[] {
    return [...this.byPath.keys()];
  }

  resourcesIn(path: string): readonly IndexedResource[] {
    return this.byPath.get(path) ?? [];
  }

  /** A view of the workspace in which `path`'s resources are `own`: the file being analysed, as it is now. */
  viewFor(path: string, own: readonly IndexedResource[], recordQuery?: (key: string) => void): WorkspaceView {
    this.rebuildIfStale();
    const record = recordQuery ?? (() => {});
    // Rules ask the same questions many times per file (every Service asks for the pods of its
    // namespace), so each answer is computed once per view; the index does not change meanwhile.
    const mine = new OwnResources(own);
    const answers = new Map<string, readonly IndexedResource[]>();
    const answer = (key: string, ownAnswer: () => readonly IndexedResource[], list: readonly IndexedResource[] | undefined) => {
      record(key);
      let found = answers.get(key);
      if (found === undefined) {
        found = [...ownAnswer(), ...(list ?? []).filter((resource) => resource.path !== path)];
        answers.set(key, found);
      }
      return found;
    };
    return {
      complete: true,
      own,
      ownIn: (documentIndex) => mine.inDocument(documentIndex),
      find: (kind, namespace, name) => answer(resourceKey(kind, namespace, name), () => mine.find(kind, namespace, name), this.byKey.get(resourceKey(kind, namespace, name))),
      inNamespace: (kind, namespace) => answer(resourceKey(kind, namespace, "*"), () => mine.inNamespace(kind, namespace), this.byKindNamespace.get(`${kind}/${namespace}`)),
      ofKind: (kind) => answer(resourceKey(kind, "*", "*"), () => mine.ofKind(kind), this.byKind.get(kind)),
    };
  }

  private rebuildIfStale(): void {
    if (!this.stale) return;
    this.byKey = new Map();
    this.byKindNamespace = new Map();
    this.byKind = new Map();
    for (const resources of this.byPath.values()) {
      for (const resource of resources) {
        push(this.byKey, resourceKey(resource.kind, resource.namespace, resource.name), resource);
        push(this.byKindNamespace, `${resource.kind}/${resource.namespace}`, resource);
        push(this.byKind, resource.kind, resource);
      }
    }
    this.stale = false;
  }
}

/** A view over one file alone: it answers from the file's own resources and says it is incomplete. */
export function singleFileView(own: readonly IndexedResource[]): WorkspaceView {
  const mine = new OwnResources(own);
  return {
    complete: false,
    own,
    ownIn: (documentIndex) => mine.inDocument(documentIndex),
    find: (kind, namespace, name) => mine.find(kind, namespace, name),
    inNamespace: (kind, namespace) => mine.inNamespace(kind, namespace),
    ofKind: (kind) => mine.ofKind(kind),
  };
}

/**
 * The queries a change answers differently: a resource that appeared, vanished or whose
 * facts changed affects lookups of itself, of its kind in its namespace, and of its kind.
 */
export function affectedQueries(changedKeys: Iterable<string>): Set<string> {
  const queries = new Set<string>();
  for (const key of changedKeys) {
    const [kind, namespace] = key.split("/");
    queries.add(key);
    queries.add(`${kind}/${namespace}/*`);
    queries.add(`${kind}/*/*`);
  }
  return queries;
}

function changedKeys(before: readonly IndexedResource[], after: readonly IndexedResource[]): Set<string> {
  const describe = (list: readonly IndexedResource[]) => {
    const map = new Map<string, string>();
    for (const resource of list) {
      const key = resourceKey(resource.kind, resource.namespace, resource.name);
      // Positions move with every edit above a resource; only facts other files read count as a change.
      const { nameAt: _nameAt, documentIndex: _documentIndex, keyInsertion: _keyInsertion, ...facts } = resource;
      map.set(key, (map.get(key) ?? "") + JSON.stringify(facts));
    }
    return map;
  };
  const a = describe(before);
  const b = describe(after);
  const changed = new Set<string>();
  for (const [key, facts] of a) if (b.get(key) !== facts) changed.add(key);
  for (const key of b.keys()) if (!a.has(key)) changed.add(key);
  return changed;
}

function sameResources(a: readonly IndexedResource[], b: readonly IndexedResource[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((resource, index) => JSON.stringify(resource) === JSON.stringify(b[index]));
}

function push(map: Map<string, IndexedResource[]>, key: string, resource: IndexedResource): void {
  const list = map.get(key);
  if (list) list.push(resource);
  else map.set(key, [resource]);
}
