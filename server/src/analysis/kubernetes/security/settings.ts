import { isMap, isScalar, Scalar, type Pair, type YAMLMap } from "yaml";
import { getPair, type AnyNode } from "../../documents/ast.ts";
import { isTemplated, isYaml11Boolean, yaml11Number } from "../values/scalars.ts";

/**
 * A setting as the API server will read it: absent (or `null`, which Kubernetes treats
 * the same), set to a value, or unknown: templated, or of a type the schema rules report.
 * Rules say nothing about unknown settings.
 */
export type Setting<T> =
  | { state: "unset"; pair?: Pair<Scalar, AnyNode> }
  | { state: "set"; value: T; node: Scalar; pair: Pair<Scalar, AnyNode> }
  | { state: "unknown" };

/** A boolean setting, reading `yes` and `on` the way kubectl's YAML 1.1 reader does. */
export function booleanAt(map: AnyNode | "unknown", key: string): Setting<boolean> {
  return settingAt(map, key, (node, source) => {
    if (typeof node.value === "boolean") return node.value;
    if (typeof node.value !== "string" || node.type !== Scalar.PLAIN || !isYaml11Boolean(source)) return undefined;
    return /^(y|yes|on|true)$/i.test(source);
  });
}

/** An integer setting, such as a user id. */
export function integerAt(map: AnyNode | "unknown", key: string): Setting<number> {
  return settingAt(map, key, (node, source) => {
    const value = typeof node.value === "number" ? node.value : typeof node.value === "string" && node.type === Scalar.PLAIN ? yaml11Number(source) : undefined;
    return value !== undefined && Number.isInteger(value) ? value : undefined;
  });
}

/** A string setting that is not templated. */
export function stringAt(map: AnyNode | "unknown", key: string): Setting<string> {
  return settingAt(map, key, (node) => (typeof node.value === "string" && !isTemplated(node.value) ? node.value : undefined));
}

/**
 * The `securityContext` mapping of a pod spec or container: `undefined` when it is absent
 * or empty, `"unknown"` when it is something other than a mapping (a template, say).
 */
export function securityContextOf(map: AnyNode): YAMLMap<Scalar, AnyNode> | undefined | "unknown" {
  return mappingAt(map, "securityContext");
}

/** A nested mapping: `undefined` when absent or null, `"unknown"` when it is not a mapping. */
export function mappingAt(map: AnyNode | "unknown", key: string): YAMLMap<Scalar, AnyNode> | undefined | "unknown" {
  if (map === "unknown") return "unknown";
  const value = getPair(map, key)?.value;
  if (value === undefined || value === null || (isScalar(value) && value.value === null)) return undefined;
  return isMap(value) ? (value as YAMLMap<Scalar, AnyNode>) : "unknown";
}

function settingAt<T>(map: AnyNode | "unknown", key: string, read: (node: Scalar, source: string) => T | undefined): Setting<T> {
  if (map === "unknown") return { state: "unknown" };
  const pair = getPair(map, key);
  if (!pair) return { state: "unset" };
  const node = pair.value;
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return { state: "unset", pair };
  if (!isScalar(node) || !node.range) return { state: "unknown" };
  const value = read(node, String(node.source ?? node.value));
  return value === undefined ? { state: "unknown" } : { state: "set", value, node, pair };
}
