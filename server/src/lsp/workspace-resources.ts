import {
  WorkspaceIndex,
  affectedQueries,
  indexSourceFile,
  isKustomizationPath,
  kustomizeNamespaces,
  type IndexedResource,
  type WorkspaceLayout,
  type WorkspaceOptions,
} from "../analysis/index.ts";

/**
 * The server's index of every resource in the workspace, for the rules that follow
 * references between files, and the record of what each file asked of it. When a file's
 * resources change (an edit to a ConfigMap, a renamed Deployment), only the files whose
 * questions have a different answer now are checked again.
 *
 * Until the first scan has indexed the workspace (`ready`), files are analysed on their
 * own, so a reference is never reported missing from a half-built index.
 */
export class WorkspaceResources {
  readonly index = new WorkspaceIndex();
  private namespaces = new Map<string, string>();
  private readonly queriesByPath = new Map<string, Set<string>>();
  private indexed = false;

  /** `onDependentsChanged` gets the files to check again, never the file that changed. */
  constructor(private readonly onDependentsChanged: (paths: string[]) => void = () => {}) {}

  /** Whether a scan has indexed the whole workspace. */
  get ready(): boolean {
    return this.indexed;
  }

  /**
   * Sets the kustomize namespaces from the scan's kustomizations, before the scan's files
   * are indexed: a file's namespace is part of its facts.
   */
  setNamespaces(kustomizations: ReadonlyArray<{ path: string; text: string }>, paths: readonly string[]): void {
    this.namespaces = kustomizeNamespaces(kustomizations, paths);
  }

  namespaceOf(path: string): string | undefined {
    return this.namespaces.get(path);
  }

  /**
   * Replaces the whole index with a scan's facts (every file of the workspace, an open
   * document's from its unsaved text) and returns the files that asked questions whose
   * answers changed. Nothing is notified: the scan re-checks its files anyway.
   */
  replaceAll(files: ReadonlyArray<{ path: string; resources: readonly IndexedResource[] }>): string[] {
    const known = new Set(files.map((file) => file.path));
    const changed = new Set<string>();
    for (const path of this.index.paths()) if (!known.has(path)) for (const key of this.index.remove(path)) changed.add(key);
    for (const path of [...this.queriesByPath.keys()]) if (!known.has(path)) this.queriesByPath.delete(path);
    for (const { path, resources } of files) for (const key of this.index.update(path, resources)) changed.add(key);
    this.indexed = true;
    return changed.size === 0 ? [] : this.dependentsOf(changed, undefined);
  }

  /** `setNamespaces` and `replaceAll` from the files' texts, parsed here: for tests and small callers. */
  rebuild(texts: ReadonlyArray<{ path: string; text: string }>, layout: WorkspaceLayout): string[] {
    this.setNamespaces(texts.filter((file) => isKustomizationPath(file.path)), texts.map((file) => file.path));
    return this.replaceAll(texts.map(({ path, text }) => ({ path, resources: indexSourceFile({ path, text }, layout, this.namespaces.get(path)) })));
  }

  /** What `analyzeFile` gets for a file: the index, its kustomize namespace, and hooks that keep the index and dependencies current. */
  optionsFor(path: string): WorkspaceOptions {
    const queries = new Set<string>();
    const options: WorkspaceOptions = {
      index: this.index,
      onQuery: (key) => queries.add(key),
      onResources: (resources) => this.record(path, resources, queries),
    };
    const namespace = this.namespaces.get(path);
    if (namespace !== undefined) options.kustomizeNamespace = namespace;
    return options;
  }

  /**
   * A file was analysed (here or on a worker thread): its resources as they are now and
   * the questions it asked. Files whose answers this changes are checked again.
   */
  record(path: string, resources: readonly IndexedResource[], queries: Set<string>): void {
    this.queriesByPath.set(path, queries);
    const changed = this.index.update(path, resources);
    if (changed.size > 0) this.notify(changed, path);
  }

  remove(path: string): void {
    this.queriesByPath.delete(path);
    const changed = this.index.remove(path);
    if (changed.size > 0) this.notify(changed, path);
  }

  /** The files whose recorded questions a change answers differently. */
  dependentsOf(changedKeys: Iterable<string>, except: string | undefined): string[] {
    const affected = affectedQueries(changedKeys);
    const dependents: string[] = [];
    for (const [path, queries] of this.queriesByPath) {
      if (path === except) continue;
      for (const query of queries) {
        if (affected.has(query)) {
          dependents.push(path);
          break;
        }
      }
    }
    return dependents;
  }

  /** Every indexed resource in a stable order, for worker threads, which analyse against a copy. */
  snapshot(): IndexedResource[] {
    return this.index.paths().flatMap((path) => [...this.index.resourcesIn(path)]);
  }

  namespacesRecord(): Record<string, string> {
    return Object.fromEntries(this.namespaces);
  }

  private notify(changed: Set<string>, path: string): void {
    const dependents = this.dependentsOf(changed, path);
    if (dependents.length > 0) this.onDependentsChanged(dependents);
  }
}
