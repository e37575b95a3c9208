import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { normalizePath, type SourceFile } from "../analysis/index.ts";

/**
 * Reads the files of Helm charts that the analysis needs to see a chart whole: Chart.yaml,
 * Chart.lock, values files, values.schema.json and every template (`.tpl` and NOTES.txt
 * too), plus the names in each `charts/` folder (an archive is listed with empty text, as
 * only its presence matters). Subcharts are chart roots of their own. Never rejects: an
 * unreadable file is left out.
 */
export async function readChartFiles(chartRoots: Iterable<string>): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const seen = new Set<string>();
  const read = async (path: string) => {
    const normalized = normalizePath(path);
    if (seen.has(normalized)) return;
    seen.add(normalized);
    try {
      files.push({ path: normalized, text: await readFile(path, "utf8") });
    } catch {
      // Left out: the chart is analysed without it.
    }
  };
  for (const root of chartRoots) {
    const entries = await list(root);
    for (const name of entries) {
      if (name === "Chart.yaml" || name === "Chart.lock" || name === "values.schema.json" || /^values([-.][^/]*)?\.ya?ml$/.test(name)) await read(join(root, name));
    }
    for (const name of await list(join(root, "ci"))) if (/values[^/]*\.ya?ml$/.test(name)) await read(join(root, "ci", name));
    for (const path of await listDeep(join(root, "templates"))) if (isTemplateName(path)) await read(path);
    for (const name of await list(join(root, "charts"))) {
      if (name.endsWith(".tgz")) {
        const normalized = normalizePath(join(root, "charts", name));
        if (!seen.has(normalized)) {
          seen.add(normalized);
          files.push({ path: normalized, text: "" });
        }
      }
    }
  }
  return files;
}

/** Files under a chart's `templates/` that Helm renders or reads defines from. */
export function isTemplateName(path: string): boolean {
  return /\.(ya?ml|tpl)$/.test(path) || path.endsWith("/NOTES.txt");
}

async function list(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function listDeep(dir: string, depth = 0): Promise<string[]> {
  if (depth > 20) return [];
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listDeep(path, depth + 1)));
    else if (entry.isFile()) found.push(normalizePath(path));
  }
  return found;
}
