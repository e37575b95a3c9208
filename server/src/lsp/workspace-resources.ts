import {
  WorkspaceIndex,
  affectedQueries,
  indexSourceFile,
  isKustomizationPath,
  kustomizeNamespaces,
  type WorkspaceLayout,
  type WorkspaceOptions,
} from "../analysis/index.ts";

/**
 * The server's index of every resource in the workspace, for the rules that follow
 * references between files, and the record of what each file asked of it. When a file's
 * resources change (an edit to a ConfigMap, a renamed Deployment), only the files whose
 * questions have a different answer now are checked again.
 */
export class WorkspaceResources {
  readonly index = new WorkspaceIndex();
  private namespaces = new Map<string, string>();
  private readonly queriesByPath = new Map<string, Set<string>>();

  /** `onDependentsChanged` gets the files to check again, never the file that changed. */
  constructor(private readonly onDependentsChanged: (paths: string[]) => void = () => {}) {}

  /**
   * Rebuilds the index from the files of a scan before any of them is analysed, so no file
   * is checked against a partial workspace. `texts` yields each file's text (an open
   * document's unsaved text wins).
   */
  rebuild(texts: ReadonlyArray<{ path: string; text: string }>, layout: WorkspaceLayout): void {
    const paths = texts.map((file) => file.path);
    this.namespaces = kustomizeNamespaces(texts.filter((file) => isKustomizationPath(file.path)), paths);
    const known = new Set(paths);
    for (const path of [...this.queriesByPath.keys()]) if (!known.has(path)) this.queriesByPath.delete(path);
    for (const { path, text } of texts) this.index.update(path, indexSourceFile({ path, text }, layout, this.namespaces.get(path)));
  }

  /** What `analyzeFile` gets for a file: the index, its kustomize namespace, and hooks that keep the index and dependencies current. */
  optionsFor(path: string): WorkspaceOptions {
    const queries = new Set<string>();
    const options: WorkspaceOptions = {
      index: this.index,
      onQuery: (key) => queries.add(key),
      onResources: (resources) => {
        this.queriesByPath.set(path, queries);
        const changed = this.index.update(path, resources);
        if (changed.size > 0) this.notify(changed, path);
      },
    };
    const namespace = this.namespaces.get(path);
    if (namespace !== undefined) options.kustomizeNamespace = namespace;
    return options;
  }

  remove(path: string): void {
    this.queriesByPath.delete(path);
    const changed = this.index.remove(path);
    if (changed.size > 0) this.notify(changed, path);
  }

  /** The files whose recorded questions a change answers differently. */
  dependentsOf(changedKeys: Iterable<string>, except: string): string[] {
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

  private notify(changed: Set<string>, path: string): void {
    const dependents = this.dependentsOf(changed, path);
    if (dependents.length > 0) this.onDependentsChanged(dependents);
  }
}
