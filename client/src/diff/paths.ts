/**
 * The paths at which two versions of a resource differ, in the API server's merge terms: maps by key,
 * keyed lists (containers, env, ports...) by element key, other lists as a whole. Pure: no vscode.
 */
import { elementKey, isObject, type Json } from "./objects.ts";

/** Sorted paths such as `spec.template.spec.containers[name=web].image`; `(new)` or `(deleted)` for a whole side missing. */
export function changedPaths(before: Json | undefined, after: Json | undefined): string[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return ["(new)"];
  if (after === undefined) return ["(deleted)"];
  const paths: string[] = [];
  walk(before, after, "", "", paths);
  return paths.sort();
}

function walk(before: Json, after: Json, path: string, field: string, out: string[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in before) || !(key in after)) out.push(child);
      else walk(before[key]!, after[key]!, child, key, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = (list: Json[]) => list.every((element) => elementKey(field, element) !== undefined);
    if (keyed(before) && keyed(after) && (before.length > 0 || after.length > 0) && elementKey(field, (before[0] ?? after[0])!)) {
      const left = new Map(before.map((element) => [elementKey(field, element)!, element]));
      const right = new Map(after.map((element) => [elementKey(field, element)!, element]));
      for (const key of new Set([...left.keys(), ...right.keys()])) {
        const child = `${path}[${key}]`;
        if (!left.has(key) || !right.has(key)) out.push(child);
        else walk(left.get(key)!, right.get(key)!, child, "", out);
      }
      return;
    }
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push(path);
}
