import type { Node, Scalar, YAMLMap } from "yaml";
import { getNode, getPair, scalarString, type AnyNode } from "../../documents/ast.ts";
import { mapsOf } from "../values/walk.ts";
import { integerOf } from "./objects.ts";

/** A container's name for messages, `(unnamed)` when it has none. */
export function containerName(container: YAMLMap<Scalar, AnyNode>): string {
  return scalarString(getNode(container, "name")) ?? "(unnamed)";
}

/** Where a finding about a whole container points: its name, or its first key when it has none. */
export function containerAnchor(container: YAMLMap<Scalar, AnyNode>): [number, number] {
  const node = (getPair(container, "name")?.value ?? container.items[0]?.key ?? container) as Node;
  const range = node.range ?? container.range!;
  return [range[0], range[1]];
}

/** The container's TCP ports, as numbers, in order. A probe can only check a TCP port. */
export function tcpPortsOf(container: YAMLMap<Scalar, AnyNode>): number[] {
  const ports: number[] = [];
  for (const port of mapsOf(getNode(container, "ports"))) {
    const number = integerOf(getNode(port, "containerPort"));
    const protocol = scalarString(getNode(port, "protocol")) ?? "TCP";
    if (number !== undefined && number >= 1 && number <= 65535 && protocol === "TCP") ports.push(number);
  }
  return ports;
}

/** Whether a container declares any port, whatever its protocol or form. */
export function declaresPorts(container: YAMLMap<Scalar, AnyNode>): boolean {
  return mapsOf(getNode(container, "ports")).length > 0;
}
