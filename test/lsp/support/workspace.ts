import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** A throwaway workspace folder under the system temp folder, filled with the given files. */
export interface TempWorkspace {
  root: string;
  path(relative: string): string;
  uri(relative: string): string;
  write(relative: string, text: string | Buffer): void;
  remove(relative: string): void;
  dispose(): void;
}

export function createWorkspace(files: Record<string, string | Buffer> = {}): TempWorkspace {
  // The real path, because the server reports paths as the file system resolves them (macOS /tmp is a link).
  const root = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-lsp-")));
  const workspace: TempWorkspace = {
    root,
    path: (relative) => join(root, relative),
    uri: (relative) => pathToFileURL(join(root, relative)).href,
    write(relative, text) {
      mkdirSync(dirname(join(root, relative)), { recursive: true });
      writeFileSync(join(root, relative), text);
    },
    remove: (relative) => rmSync(join(root, relative), { force: true, recursive: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [relative, text] of Object.entries(files)) workspace.write(relative, text);
  return workspace;
}
