import type { InitializeParams, WorkspaceFoldersChangeEvent } from "vscode-languageserver/node";
import { isInside, pathFromUri } from "./paths.ts";

/**
 * The workspace folders the client has open, as core paths. Settings, the config file and
 * exclude globs are all resolved per folder, so every file is first mapped to its folder.
 */
export class WorkspaceFolders {
  private roots: string[] = [];

  /** Takes the folders from `initialize`; old clients send only a root URI. */
  initialize(params: InitializeParams): void {
    this.roots = [];
    this.add(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));
  }

  get all(): readonly string[] {
    return this.roots;
  }

  /** The innermost folder holding `path`, so a nested folder's settings win over its parent's. */
  folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) if (isInside(path, root) && (best === undefined || root.length > best.length)) best = root;
    return best;
  }

  update(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => pathFromUri(folder.uri)));
    this.roots = this.roots.filter((root) => !removed.has(root));
    this.add(event.added.map((folder) => folder.uri));
  }

  private add(uris: readonly string[]): void {
    for (const uri of uris) {
      const path = pathFromUri(uri)?.replace(/(?<=.)\/$/, "");
      if (path !== undefined && !this.roots.includes(path)) this.roots.push(path);
    }
  }
}
