import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { nameFormatOf, podSpecOfObject, type ApiObject } from "../../../kubernetes/values/objects.ts";
import type { NameFormat } from "../../../kubernetes/values/names.ts";
import { mapsOf, nodesAt } from "../../../kubernetes/values/walk.ts";

/** What a name names, for messages and titles. */
export type NameSubject = "object" | "generateName" | "container" | "port" | "volume" | "service-port";

/** One name Kubernetes validates, with the places that refer to it in the same object. */
export interface NameSite {
  subject: NameSubject;
  format: NameFormat;
  value: AnyNode;
  /** Nodes that must be renamed along with it (a volume's mounts, a port's probes). */
  references: () => AnyNode[];
}

/** Every name of an object whose format Kubernetes checks. */
export function nameSitesOf(object: ApiObject): NameSite[] {
  const sites: NameSite[] = [];
  const format = nameFormatOf(object);
  const metadata = getNode(object.map, "metadata");
  if (format) {
    sites.push({ subject: "object", format, value: getNode(metadata, "name"), references: none });
    sites.push({ subject: "generateName", format, value: getNode(metadata, "generateName"), references: none });
  }
  const podSpec = podSpecOfObject(object);
  if (podSpec) {
    const containers = containersOf(podSpec);
    for (const { container } of containers) {
      sites.push({ subject: "container", format: "dns1123-label", value: getNode(container, "name"), references: none });
      for (const port of mapsOf(getNode(container, "ports"))) {
        const value = getNode(port, "name");
        sites.push({ subject: "port", format: "port-name", value, references: () => portReferences(container, value) });
      }
    }
    for (const volume of mapsOf(getNode(podSpec, "volumes"))) {
      const value = getNode(volume, "name");
      const all = containers.map(({ container }) => container);
      const mounts = () => [...nodesAt(all, ["volumeMounts", "*", "name"]), ...nodesAt(all, ["volumeDevices", "*", "name"])];
      sites.push({ subject: "volume", format: "dns1123-label", value, references: () => sameValue(mounts(), value) });
    }
  }
  if (object.builtin && object.group === "" && object.kind === "Service") {
    for (const port of nodesAt([object.map], ["spec", "ports", "*"])) {
      sites.push({ subject: "service-port", format: "dns1123-label", value: getNode(port, "name"), references: none });
    }
  }
  return sites;
}

/** The probe and lifecycle handler ports of a container that name a port. */
function portReferences(container: AnyNode, name: AnyNode): AnyNode[] {
  const handlers = [
    ...["livenessProbe", "readinessProbe", "startupProbe"].map((probe) => getNode(container, probe)),
    ...nodesAt([container], ["lifecycle", "postStart"]),
    ...nodesAt([container], ["lifecycle", "preStop"]),
  ];
  return sameValue([...nodesAt(handlers, ["httpGet", "port"]), ...nodesAt(handlers, ["tcpSocket", "port"])], name);
}

function sameValue(nodes: AnyNode[], name: AnyNode): AnyNode[] {
  const value = (name as { value?: unknown } | null | undefined)?.value;
  return nodes.filter((node) => (node as { value?: unknown } | null | undefined)?.value === value);
}

function none(): AnyNode[] {
  return [];
}
