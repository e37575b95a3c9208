import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import { getIn, getNode, scalarString, type AnyNode } from "../documents/ast.ts";
import { containersOf, podSpecOf } from "./workloads.ts";

/**
 * The references a resource makes to other objects by name, with where each is written.
 * Shared by the rules that resolve them: one place knows that `envFrom[].configMapRef`
 * names a ConfigMap and that `items[].key` names keys in it.
 */
export interface ObjectReference {
  kind: string;
  name: string;
  /** Offsets of the name's value, for the finding and a rename fix. */
  at: [number, number];
  /** Keys of a ConfigMap or Secret the reference reads, each with its offsets. */
  keys: Array<{ key: string; at: [number, number] }>;
  /** `optional: true` references may be absent without harm. */
  optional: boolean;
  /** Where it was found, for messages: `env PASSWORD`, `volume config`, ... */
  via: string;
}

/** The object references of one resource mapping (the document root or a List item). */
export function objectReferencesOf(resource: AnyNode): ObjectReference[] {
  const references: ObjectReference[] = [];
  const podSpec = podSpecOf(resource);
  if (podSpec === undefined) return references;

  for (const { container } of containersOf(podSpec)) {
    const containerName = scalarString(getNode(container, "name")) ?? "container";
    for (const env of itemsOf(getNode(container, "env"))) {
      const envName = scalarString(getNode(env, "name")) ?? "?";
      for (const [field, kind] of [["configMapKeyRef", "ConfigMap"], ["secretKeyRef", "Secret"]] as const) {
        const ref = getIn(env, ["valueFrom", field]);
        const reference = named(ref, kind, `env ${envName} of container ${containerName}`);
        if (!reference) continue;
        const key = getNode(ref, "key");
        if (isScalar(key) && typeof key.value === "string") reference.keys.push({ key: key.value, at: spanOf(key) });
        references.push(reference);
      }
    }
    for (const source of itemsOf(getNode(container, "envFrom"))) {
      for (const [field, kind] of [["configMapRef", "ConfigMap"], ["secretRef", "Secret"]] as const) {
        const reference = named(getNode(source, field), kind, `envFrom of container ${containerName}`);
        if (reference) references.push(reference);
      }
    }
  }

  // A StatefulSet's claim templates replace pod volumes of the same name with per-pod claims.
  const templated = new Set(itemsOf(getIn(resource, ["spec", "volumeClaimTemplates"])).map((template) => scalarString(getIn(template, ["metadata", "name"]))));
  for (const volume of itemsOf(getNode(podSpec, "volumes"))) {
    const volumeName = scalarString(getNode(volume, "name")) ?? "?";
    const configMap = getNode(volume, "configMap");
    const configReference = named(configMap, "ConfigMap", `volume ${volumeName}`);
    if (configReference) references.push(withItemKeys(configReference, configMap));
    const secret = getNode(volume, "secret");
    const secretReference = named(secret, "Secret", `volume ${volumeName}`, "secretName");
    if (secretReference) references.push(withItemKeys(secretReference, secret));
    const claim = named(getNode(volume, "persistentVolumeClaim"), "PersistentVolumeClaim", `volume ${volumeName}`, "claimName");
    if (claim && !templated.has(volumeName)) references.push(claim);
    for (const projected of itemsOf(getIn(volume, ["projected", "sources"]))) {
      const projectedConfig = getNode(projected, "configMap");
      const projectedConfigReference = named(projectedConfig, "ConfigMap", `volume ${volumeName}`);
      if (projectedConfigReference) references.push(withItemKeys(projectedConfigReference, projectedConfig));
      const projectedSecret = getNode(projected, "secret");
      const projectedSecretReference = named(projectedSecret, "Secret", `volume ${volumeName}`);
      if (projectedSecretReference) references.push(withItemKeys(projectedSecretReference, projectedSecret));
    }
  }

  const serviceAccount = getNode(podSpec, "serviceAccountName");
  if (isScalar(serviceAccount) && typeof serviceAccount.value === "string" && serviceAccount.value !== "default" && !isTemplated(serviceAccount.value)) {
    references.push({ kind: "ServiceAccount", name: serviceAccount.value, at: spanOf(serviceAccount), keys: [], optional: false, via: "serviceAccountName" });
  }
  for (const pullSecret of itemsOf(getNode(podSpec, "imagePullSecrets"))) {
    const reference = named(pullSecret, "Secret", "imagePullSecrets");
    if (reference) references.push(reference);
  }
  return references;
}

function named(node: AnyNode, kind: string, via: string, nameField = "name"): ObjectReference | undefined {
  if (!isMap(node)) return undefined;
  const name = getNode(node, nameField);
  if (!isScalar(name) || typeof name.value !== "string" || name.value === "" || isTemplated(name.value)) return undefined;
  const optional = getNode(node, "optional");
  return { kind, name: name.value, at: spanOf(name), keys: [], optional: isScalar(optional) && optional.value === true, via };
}

function withItemKeys(reference: ObjectReference, source: AnyNode): ObjectReference {
  for (const item of itemsOf(getNode(source, "items"))) {
    const key = getNode(item, "key");
    if (isScalar(key) && typeof key.value === "string") reference.keys.push({ key: key.value, at: spanOf(key) });
  }
  return reference;
}

function itemsOf(node: AnyNode): AnyNode[] {
  return isSeq(node) ? (node.items as AnyNode[]).filter((item) => isMap(item)) : [];
}

function spanOf(node: Scalar | Node): [number, number] {
  const range = node.range!;
  return [range[0], range[1]];
}

function isTemplated(value: string): boolean {
  return value.includes("{{") || value.includes("${") || value.includes("$(");
}
