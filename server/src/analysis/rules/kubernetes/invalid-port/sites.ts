import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { podSpecOfObject, type ApiObject } from "../../../kubernetes/values/objects.ts";
import { mapsOf, nodesAt } from "../../../kubernetes/values/walk.ts";

/**
 * How Kubernetes reads a port field: a number, a number or a port name (int-or-string),
 * or a protocol. `zeroIsUnset` fields treat 0 as "not given" (a hostPort, a nodePort to
 * allocate, a targetPort that defaults to the port).
 */
export interface PortSite {
  field: string;
  type: "number" | "number-or-name" | "protocol";
  zeroIsUnset: boolean;
  value: AnyNode;
}

/** Every port number, port reference and protocol of an object. */
export function portSitesOf(object: ApiObject): PortSite[] {
  const sites: PortSite[] = [];
  const add = (field: string, type: PortSite["type"], value: AnyNode, zeroIsUnset = false) => sites.push({ field, type, zeroIsUnset, value });
  const podSpec = podSpecOfObject(object);
  // Ephemeral containers may not declare ports or probes at all; that is another error.
  const containers = containersOf(podSpec).filter(({ list }) => list !== "ephemeralContainers").map(({ container }) => container);
  for (const port of nodesAt(containers, ["ports", "*"])) {
    add("containerPort", "number", getNode(port, "containerPort"));
    add("hostPort", "number", getNode(port, "hostPort"), true);
    add("protocol", "protocol", getNode(port, "protocol"));
  }
  const probes = ["livenessProbe", "readinessProbe", "startupProbe"].flatMap((probe) => nodesAt(containers, [probe]));
  const hooks = [...nodesAt(containers, ["lifecycle", "postStart"]), ...nodesAt(containers, ["lifecycle", "preStop"])];
  for (const handler of [...probes, ...hooks]) {
    add("httpGet.port", "number-or-name", getNode(getNode(handler, "httpGet"), "port"));
    add("tcpSocket.port", "number-or-name", getNode(getNode(handler, "tcpSocket"), "port"));
  }
  for (const probe of probes) add("grpc.port", "number", getNode(getNode(probe, "grpc"), "port"));
  if (object.builtin && object.group === "" && object.kind === "Service") {
    for (const port of mapsOf(getNode(getNode(object.map, "spec"), "ports"))) {
      add("port", "number", getNode(port, "port"));
      add("targetPort", "number-or-name", getNode(port, "targetPort"), true);
      add("nodePort", "number", getNode(port, "nodePort"), true);
      add("protocol", "protocol", getNode(port, "protocol"));
    }
  }
  return sites.filter((site) => site.value !== undefined && site.value !== null);
}
