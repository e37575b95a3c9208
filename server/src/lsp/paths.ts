import { fileURLToPath, pathToFileURL } from "node:url";
import { isYamlName, normalizePath } from "../analysis/index.ts";

/**
 * Conversions between LSP document URIs and the analysis core's paths, which are
 * absolute and use forward slashes on every platform.
 */

/** Language ids whose documents are analysed even when the file name does not end in .yaml or .yml. */
const ANALYSED_LANGUAGE_IDS = new Set(["yaml", "helm", "github-actions-workflow"]);

/** The file-system path of a `file:` URI, or `undefined` for other schemes such as `untitled:`. */
export function pathFromUri(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The path the analysis sees for a document. Unsaved documents keep their URI, which no kind rule matches. */
export function analysisPathOf(uri: string): string {
  return pathFromUri(uri) ?? uri;
}

export function uriFromPath(path: string): string {
  return pathToFileURL(path).href;
}

export function isAnalysedDocument(uri: string, languageId: string): boolean {
  return ANALYSED_LANGUAGE_IDS.has(languageId) || isAnalysedPath(analysisPathOf(uri));
}

export function isAnalysedPath(path: string): boolean {
  return isYamlName(baseName(path));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Whether `path` is `folder` itself or lies below it. */
export function isInside(path: string, folder: string): boolean {
  const prefix = folder.endsWith("/") ? folder : folder + "/";
  return path === folder || path.startsWith(prefix);
}
