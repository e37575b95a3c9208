import { parseDocument } from "yaml";
import { normalizePath } from "../documents/kind.ts";

/** The file names kustomize reads as a kustomization. */
export const KUSTOMIZATION_NAMES: readonly string[] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/**
 * The namespace kustomizations give files: a kustomization with `namespace:` sets it on
 * every resource it lists under `resources:` (a file, or a folder and everything below
 * it). When kustomizations nest, the outermost one is applied last and wins, as in
 * `kustomize build`. Pure: the caller supplies the kustomizations' text and the paths.
 */
export function kustomizeNamespaces(kustomizations: ReadonlyArray<{ path: string; text: string }>, allPaths: readonly string[]): Map<string, string> {
  const claims: Array<{ depth: number; namespace: string; targets: string[] }> = [];
  const paths = allPaths.map(normalizePath);
  for (const kustomization of kustomizations) {
    const settings = readKustomization(kustomization.text);
    if (!settings?.namespace) continue;
    const folder = dirname(normalizePath(kustomization.path));
    const targets: string[] = [];
    for (const entry of settings.resources) {
      const target = joinPath(folder, entry);
      if (paths.includes(target)) targets.push(target);
      else targets.push(...paths.filter((path) => path.startsWith(target + "/")));
    }
    claims.push({ depth: folder.split("/").length, namespace: settings.namespace, targets });
  }
  // Deeper kustomizations first, so that outer ones overwrite them.
  claims.sort((a, b) => b.depth - a.depth);
  const namespaces = new Map<string, string>();
  for (const claim of claims) for (const target of claim.targets) namespaces.set(target, claim.namespace);
  return namespaces;
}

export function isKustomizationPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return KUSTOMIZATION_NAMES.includes(name);
}

function readKustomization(text: string): { namespace: string | undefined; resources: string[] } | undefined {
  try {
    const value = parseDocument(text, { logLevel: "silent", uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
    if (!value || typeof value !== "object") return undefined;
    const namespace = typeof value.namespace === "string" && value.namespace !== "" ? value.namespace : undefined;
    const resources = Array.isArray(value.resources) ? value.resources.filter((entry): entry is string => typeof entry === "string" && !entry.includes("://")) : [];
    return { namespace, resources };
  } catch {
    return undefined;
  }
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Joins a kustomization-relative entry to its folder, resolving `.` and `..`. */
function joinPath(folder: string, entry: string): string {
  const parts = folder === "" ? [] : folder.split("/");
  for (const part of entry.replace(/\/+$/, "").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
