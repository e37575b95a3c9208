import { readdir, readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  ALL_RULE_IDS,
  CONFIG_FILE_NAMES,
  defaultConfig,
  isYamlName,
  normalizePath,
  parseConfig,
  type ShipshapeConfig,
  type SourceFile,
} from "../analysis/index.ts";

/**
 * File-system access shared by the CLI and the language server. The analysis core never
 * touches the disk; these functions feed it.
 */

/** Folders never worth scanning: dependencies, VCS data and build output. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".hg", ".svn", "dist", "out", ".terraform", ".venv", "vendor"]);

/** How many files one scan visits at most, so a huge tree cannot stall the server. */
export const MAX_SCANNED_FILES = 20_000;

/** Every file below `root` that Shipshape analyses (YAML) or needs for layout (`Chart.yaml`), sorted. */
export async function listWorkspaceFiles(root: string, isCancelled: () => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const pending = [resolve(root)];
  while (pending.length > 0 && found.length < MAX_SCANNED_FILES && !isCancelled()) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if (entry.isFile() && isAnalysedName(entry.name)) {
        found.push(normalizePath(path));
      }
    }
  }
  return found.sort();
}

/** Expands CLI arguments (files or folders) into the files to analyse. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) for (const file of await listWorkspaceFiles(path)) files.add(file);
    else files.add(normalizePath(resolve(path)));
  }
  return [...files].sort();
}

export async function readSourceFile(path: string): Promise<SourceFile> {
  return { path: normalizePath(path), text: await readFile(path, "utf8") };
}

/** The nearest `.shipshape.yaml` in `start` or a folder above it. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a config file. Its problems are reported as findings on the file itself, so they are not returned here. */
export async function loadConfig(path: string | undefined, fallbackRoot: string): Promise<ShipshapeConfig> {
  if (path === undefined) return defaultConfig(normalizePath(resolve(fallbackRoot)));
  const text = await readFile(path, "utf8");
  return parseConfig(text, normalizePath(dirname(resolve(path))), ALL_RULE_IDS).config;
}

function isAnalysedName(name: string): boolean {
  return isYamlName(name);
}

