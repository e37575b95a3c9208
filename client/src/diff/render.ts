/** The text of one side of a diff: YAML with keys in kubectl's order (sorted), apiVersion, kind and metadata first. Pure: no vscode. */
import { stringify } from "yaml";
import { isObject, type Json } from "./objects.ts";

const FIRST = ["apiVersion", "kind", "metadata"];

export function renderYaml(value: Json | undefined): string {
  if (value === undefined) return "";
  return stringify(sortKeys(value, true), { lineWidth: 0, aliasDuplicateObjects: false });
}

function sortKeys(value: Json, root = false): Json {
  if (Array.isArray(value)) return value.map((element) => sortKeys(element));
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    if (root) {
      const ia = FIRST.indexOf(a);
      const ib = FIRST.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(keys.map((key) => [key, sortKeys(value[key]!)]));
}
