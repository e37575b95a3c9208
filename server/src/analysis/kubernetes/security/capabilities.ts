import { isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { getPair, type AnyNode } from "../../documents/ast.ts";
import { isTemplated } from "../values/scalars.ts";
import { mappingAt, securityContextOf } from "./settings.ts";

/** One entry of `capabilities.add` or `capabilities.drop`. */
export interface CapabilityItem {
  /** The name as Kubernetes' runtimes read it: upper case, without a `CAP_` prefix. */
  name: string;
  /** The name as written. */
  written: string;
  node: Scalar;
  index: number;
}

/** A container's `capabilities.add` or `.drop` list, with the mapping and entry that hold it. */
export interface CapabilityList {
  capabilities: YAMLMap<Scalar, AnyNode> | undefined;
  pair: Pair<Scalar, AnyNode> | undefined;
  seq: YAMLSeq | undefined;
  items: CapabilityItem[];
}

/**
 * The capabilities a container runtime grants a container by default (containerd's and
 * CRI-O's list, which Docker's matches). A container that drops every one of them keeps none.
 */
export const RUNTIME_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "NET_RAW",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/**
 * A container's `add` or `drop` list, or `"unknown"` when some part of it is templated or
 * not the shape Kubernetes expects (the schema rules report that).
 */
export function capabilityList(container: AnyNode, key: "add" | "drop"): CapabilityList | "unknown" {
  const capabilities = mappingAt(securityContextOf(container), "capabilities");
  if (capabilities === "unknown") return "unknown";
  const pair = getPair(capabilities, key);
  const value = pair?.value;
  if (value === undefined || value === null || (isScalar(value) && value.value === null)) return { capabilities, pair, seq: undefined, items: [] };
  if (!isSeq(value)) return "unknown";
  const items: CapabilityItem[] = [];
  for (const [index, node] of value.items.entries()) {
    if (!isScalar(node) || typeof node.value !== "string" || !node.range || isTemplated(node.value)) return "unknown";
    items.push({ name: capabilityName(node.value), written: node.value, node: node as Scalar, index });
  }
  return { capabilities, pair, seq: value as YAMLSeq, items };
}

/** A capability's name as runtimes compare it: `cap_net_raw` and `NET_RAW` are one capability. */
export function capabilityName(written: string): string {
  return written.trim().toUpperCase().replace(/^CAP_/, "");
}
