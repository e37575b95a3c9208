import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { podSpecOfObject, type ApiObject } from "../../../kubernetes/values/objects.ts";
import { entriesOf, mapsOf, nodesAt } from "../../../kubernetes/values/walk.ts";

/** One quantity of an object: its resource name (`memory`) or field, and its value node. */
export interface QuantitySite {
  /** The resource the quantity is for, as `memory` or `requests.cpu`; the field name when there is none. */
  resource: string;
  /** Whether the resource name is a key (so Kubernetes' resource rules apply to it). */
  named: boolean;
  value: AnyNode;
}

/** Every quantity Kubernetes validates in an object, wherever its kind keeps them. */
export function quantitySitesOf(object: ApiObject): QuantitySite[] {
  const lists: AnyNode[] = [];
  const single: QuantitySite[] = [];
  const podSpec = podSpecOfObject(object);
  if (podSpec) {
    const containers = containersOf(podSpec).map(({ container }) => container);
    lists.push(...nodesAt(containers, ["resources", "limits"]), ...nodesAt(containers, ["resources", "requests"]));
    lists.push(...nodesAt([podSpec], ["resources", "limits"]), ...nodesAt([podSpec], ["resources", "requests"]), ...nodesAt([podSpec], ["overhead"]));
    const volumes = mapsOf(getNode(podSpec, "volumes"));
    for (const sizeLimit of nodesAt(volumes, ["emptyDir", "sizeLimit"])) single.push({ resource: "sizeLimit", named: false, value: sizeLimit });
    lists.push(...claimResources(nodesAt(volumes, ["ephemeral", "volumeClaimTemplate", "spec"])));
  }
  const { group, kind, map } = object;
  if (object.builtin && group === "apps" && kind === "StatefulSet") lists.push(...claimResources(nodesAt([map], ["spec", "volumeClaimTemplates", "*", "spec"])));
  if (object.builtin && group === "") {
    if (kind === "PersistentVolumeClaim") lists.push(...claimResources(nodesAt([map], ["spec"])));
    if (kind === "PersistentVolume") lists.push(...nodesAt([map], ["spec", "capacity"]));
    if (kind === "ResourceQuota") lists.push(...nodesAt([map], ["spec", "hard"]));
    if (kind === "LimitRange") {
      const limits = nodesAt([map], ["spec", "limits", "*"]);
      for (const field of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) lists.push(...nodesAt(limits, [field]));
    }
  }
  if (object.builtin && group === "node.k8s.io" && kind === "RuntimeClass") lists.push(...nodesAt([map], ["overhead", "podFixed"]));

  const sites = lists.flatMap((list) => entriesOf(list).map((entry): QuantitySite => ({ resource: entry.key, named: true, value: entry.value })));
  return [...sites, ...single];
}

/** The requests and limits of claim specs (a PVC's, a template's). */
function claimResources(specs: AnyNode[]): AnyNode[] {
  return [...nodesAt(specs, ["resources", "requests"]), ...nodesAt(specs, ["resources", "limits"])];
}
