import { isMap } from "yaml";
import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { podSpecOfObject, podTemplateOfObject, type ApiObject } from "../../../kubernetes/values/objects.ts";
import { nodesAt } from "../../../kubernetes/values/walk.ts";

/** What a string map holds: labels and the selectors and node selectors that match them, or annotations. */
export type MapRole = "labels" | "annotations" | "selector" | "node-selector";

export interface LabelMapSite {
  role: MapRole;
  map: AnyNode;
}

/** Every label, annotation and selector map of an object that Kubernetes validates. */
export function labelMapsOf(object: ApiObject): LabelMapSite[] {
  const metadata = getNode(object.map, "metadata");
  const sites: LabelMapSite[] = [
    { role: "labels", map: getNode(metadata, "labels") },
    { role: "annotations", map: getNode(metadata, "annotations") },
  ];
  const templateMetadata = getNode(podTemplateOfObject(object), "metadata");
  if (templateMetadata) {
    sites.push({ role: "labels", map: getNode(templateMetadata, "labels") }, { role: "annotations", map: getNode(templateMetadata, "annotations") });
  }
  const podSpec = podSpecOfObject(object);
  if (podSpec) sites.push({ role: "node-selector", map: getNode(podSpec, "nodeSelector") });
  if (object.builtin) {
    // A Service and a ReplicationController select with a plain map, everything else with `matchLabels`.
    if (object.group === "" && (object.kind === "Service" || object.kind === "ReplicationController")) {
      sites.push({ role: "selector", map: getNode(getNode(object.map, "spec"), "selector") });
    }
    for (const selector of labelSelectorsOf(object)) sites.push({ role: "selector", map: getNode(selector, "matchLabels") });
  }
  return sites.filter((site) => isMap(site.map));
}

/**
 * The label selectors of Kubernetes' own kinds, where they are. The places are listed
 * rather than searched for: a CustomResourceDefinition's schema has `matchLabels` keys
 * that are property names, not selectors.
 */
function labelSelectorsOf(object: ApiObject): AnyNode[] {
  const { map, group, kind } = object;
  const spec = getNode(map, "spec");
  const selectors: AnyNode[] = [];
  const podSpec = podSpecOfObject(object);
  if (podSpec) {
    for (const affinity of ["podAffinity", "podAntiAffinity"]) {
      const terms = [
        ...nodesAt([podSpec], ["affinity", affinity, "requiredDuringSchedulingIgnoredDuringExecution", "*"]),
        ...nodesAt([podSpec], ["affinity", affinity, "preferredDuringSchedulingIgnoredDuringExecution", "*", "podAffinityTerm"]),
      ];
      selectors.push(...nodesAt(terms, ["labelSelector"]), ...nodesAt(terms, ["namespaceSelector"]));
    }
    selectors.push(...nodesAt([podSpec], ["topologySpreadConstraints", "*", "labelSelector"]));
    if (kind === "CronJob") selectors.push(...nodesAt([spec], ["jobTemplate", "spec", "selector"]));
    else if (kind !== "Pod" && kind !== "PodTemplate" && kind !== "ReplicationController") selectors.push(getNode(spec, "selector"));
  }
  if (group === "apps" && kind === "StatefulSet") selectors.push(...nodesAt([spec], ["volumeClaimTemplates", "*", "spec", "selector"]));
  if (group === "" && kind === "PersistentVolumeClaim") selectors.push(getNode(spec, "selector"));
  if (group === "policy" && kind === "PodDisruptionBudget") selectors.push(getNode(spec, "selector"));
  if ((group === "networking.k8s.io" || group === "extensions") && kind === "NetworkPolicy") {
    const peers = [...nodesAt([spec], ["ingress", "*", "from", "*"]), ...nodesAt([spec], ["egress", "*", "to", "*"])];
    selectors.push(getNode(spec, "podSelector"), ...nodesAt(peers, ["podSelector"]), ...nodesAt(peers, ["namespaceSelector"]));
  }
  if (group === "admissionregistration.k8s.io") {
    const scopes = [...nodesAt([map], ["webhooks", "*"]), ...nodesAt([spec], ["matchConstraints"]), ...nodesAt([spec], ["matchResources"])];
    selectors.push(...nodesAt(scopes, ["namespaceSelector"]), ...nodesAt(scopes, ["objectSelector"]), ...nodesAt([spec], ["paramRef", "selector"]));
  }
  return selectors;
}
