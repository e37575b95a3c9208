/** The resource types the test API server serves, with the defaults and validation the fixtures rely on. */
import { isObject, type Json, type JsonObject } from "./ssa.ts";

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** The plural, lower-case resource name of the URL. */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
}

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const BUILTIN_TYPES: ResourceType[] = [
  { group: "", version: "v1", kind: "Namespace", resource: "namespaces", singular: "namespace", namespaced: false, shortNames: ["ns"] },
  { group: "", version: "v1", kind: "ConfigMap", resource: "configmaps", singular: "configmap", namespaced: true, shortNames: ["cm"] },
  { group: "", version: "v1", kind: "Secret", resource: "secrets", singular: "secret", namespaced: true },
  { group: "", version: "v1", kind: "Service", resource: "services", singular: "service", namespaced: true, shortNames: ["svc"] },
  { group: "", version: "v1", kind: "ServiceAccount", resource: "serviceaccounts", singular: "serviceaccount", namespaced: true, shortNames: ["sa"] },
  { group: "", version: "v1", kind: "Pod", resource: "pods", singular: "pod", namespaced: true, shortNames: ["po"] },
  { group: "", version: "v1", kind: "PersistentVolumeClaim", resource: "persistentvolumeclaims", singular: "persistentvolumeclaim", namespaced: true, shortNames: ["pvc"] },
  { group: "apps", version: "v1", kind: "Deployment", resource: "deployments", singular: "deployment", namespaced: true, shortNames: ["deploy"] },
  { group: "apps", version: "v1", kind: "StatefulSet", resource: "statefulsets", singular: "statefulset", namespaced: true, shortNames: ["sts"] },
  { group: "apps", version: "v1", kind: "DaemonSet", resource: "daemonsets", singular: "daemonset", namespaced: true, shortNames: ["ds"] },
  { group: "batch", version: "v1", kind: "Job", resource: "jobs", singular: "job", namespaced: true },
  { group: "batch", version: "v1", kind: "CronJob", resource: "cronjobs", singular: "cronjob", namespaced: true, shortNames: ["cj"] },
  { group: "networking.k8s.io", version: "v1", kind: "Ingress", resource: "ingresses", singular: "ingress", namespaced: true, shortNames: ["ing"] },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", resource: "roles", singular: "role", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", resource: "rolebindings", singular: "rolebinding", namespaced: true },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", resource: "clusterroles", singular: "clusterrole", namespaced: false },
  { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", resource: "clusterrolebindings", singular: "clusterrolebinding", namespaced: false },
  { group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition", resource: "customresourcedefinitions", singular: "customresourcedefinition", namespaced: false, shortNames: ["crd"] },
];

export function groupVersion(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The resource types a CustomResourceDefinition in the state defines (its served versions). */
export function typesOfCrd(crd: JsonObject): ResourceType[] {
  const spec = crd.spec as JsonObject | undefined;
  const names = spec?.names as JsonObject | undefined;
  if (!spec || !names) return [];
  const versions = (spec.versions as JsonObject[] | undefined) ?? [];
  return versions
    .filter((version) => version.served !== false)
    .map((version) => ({
      group: String(spec.group),
      version: String(version.name),
      kind: String(names.kind),
      resource: String(names.plural),
      singular: String(names.singular ?? String(names.kind).toLowerCase()),
      namespaced: spec.scope !== "Cluster",
    }));
}

export function apiResource(type: ResourceType): JsonObject {
  const resource: JsonObject = {
    name: type.resource,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: VERBS,
  };
  if (type.shortNames) resource.shortNames = type.shortNames;
  return resource;
}

/** Defaults the real API server fills in for the fields the fixtures use. */
export function applyDefaults(type: ResourceType, object: JsonObject): void {
  const spec = isObject(object.spec) ? object.spec : undefined;
  const podSpec = (template: Json | undefined): JsonObject | undefined =>
    isObject(template) && isObject(template.spec) ? template.spec : undefined;
  switch (type.kind) {
    case "Secret":
      object.type ??= "Opaque";
      break;
    case "Service":
      if (spec) {
        spec.type ??= "ClusterIP";
        spec.sessionAffinity ??= "None";
        if (spec.type !== "ExternalName") {
          spec.clusterIP ??= clusterIpFor(String((object.metadata as JsonObject).name));
          spec.clusterIPs ??= [spec.clusterIP];
        }
        for (const port of (spec.ports as JsonObject[] | undefined) ?? []) {
          port.protocol ??= "TCP";
          port.targetPort ??= port.port!;
        }
      }
      break;
    case "Pod":
      if (spec) defaultPodSpec(spec);
      break;
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
      if (spec) {
        if (type.kind !== "DaemonSet") spec.replicas ??= 1;
        spec.revisionHistoryLimit ??= 10;
        if (type.kind === "Deployment") {
          spec.progressDeadlineSeconds ??= 600;
          spec.strategy ??= { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
        }
        const pod = podSpec(spec.template);
        if (pod) defaultPodSpec(pod);
      }
      break;
    case "Job": {
      const pod = podSpec(spec?.template);
      if (pod) defaultPodSpec(pod);
      break;
    }
  }
}

function defaultPodSpec(spec: JsonObject): void {
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of ["initContainers", "containers"]) {
    for (const container of (spec[list] as JsonObject[] | undefined) ?? []) {
      if (!isObject(container)) continue;
      const image = String(container.image ?? "");
      container.imagePullPolicy ??= image.endsWith(":latest") || !image.includes(":") ? "Always" : "IfNotPresent";
      container.terminationMessagePath ??= "/dev/termination-log";
      container.terminationMessagePolicy ??= "File";
      container.resources ??= {};
      for (const port of (container.ports as JsonObject[] | undefined) ?? []) port.protocol ??= "TCP";
    }
  }
}

function clusterIpFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) & 0xffff;
  return `10.96.${hash >> 8}.${(hash & 0xff) || 1}`;
}

export interface FieldError {
  field: string;
  reason: "FieldValueInvalid" | "FieldValueRequired";
  message: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Validation the fixtures exercise: names, required container fields, selectors, immutable fields. */
export function validate(type: ResourceType, object: JsonObject, live: JsonObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const metadata = object.metadata as JsonObject;
  const name = String(metadata.name ?? "");
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    errors.push({
      field: "metadata.name",
      reason: "FieldValueInvalid",
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    });
  }
  const spec = isObject(object.spec) ? object.spec : undefined;
  const podPaths: [string, JsonObject | undefined][] = [];
  if (type.kind === "Pod") podPaths.push(["spec", spec]);
  if (["Deployment", "StatefulSet", "DaemonSet", "Job"].includes(type.kind) && isObject(spec?.template)) {
    podPaths.push(["spec.template.spec", isObject(spec.template.spec) ? spec.template.spec : undefined]);
  }
  for (const [path, pod] of podPaths) {
    ((pod?.containers as JsonObject[] | undefined) ?? []).forEach((container, index) => {
      if (!container.image) {
        errors.push({ field: `${path}.containers[${index}].image`, reason: "FieldValueRequired", message: "Required value" });
      }
    });
  }
  if (["Deployment", "StatefulSet", "DaemonSet"].includes(type.kind) && spec) {
    const selector = isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : undefined;
    const template = isObject(spec.template) && isObject(spec.template.metadata) ? spec.template.metadata : undefined;
    const labels = template && isObject(template.labels) ? template.labels : {};
    if (!selector) {
      errors.push({ field: "spec.selector", reason: "FieldValueRequired", message: "Required value" });
    } else if (Object.entries(selector).some(([key, value]) => labels[key] !== value)) {
      errors.push({
        field: "spec.template.metadata.labels",
        reason: "FieldValueInvalid",
        message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
      });
    }
    const liveSpec = live && isObject(live.spec) ? live.spec : undefined;
    if (liveSpec && JSON.stringify(liveSpec.selector) !== JSON.stringify(spec.selector)) {
      errors.push({
        field: "spec.selector",
        reason: "FieldValueInvalid",
        message: `Invalid value: v1.LabelSelector{MatchLabels:${goMap(selector ?? {})}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
      });
    }
  }
  if (type.kind === "Service" && live && spec) {
    const liveSpec = live.spec as JsonObject;
    if (spec.clusterIP !== undefined && liveSpec.clusterIP !== spec.clusterIP) {
      errors.push({ field: "spec.clusterIPs[0]", reason: "FieldValueInvalid", message: `Invalid value: []string{"${String(spec.clusterIP)}"}: may not change once set` });
    }
  }
  if ((type.kind === "ConfigMap" || type.kind === "Secret") && live?.immutable === true) {
    for (const field of ["data", "stringData", "binaryData"]) {
      if (JSON.stringify(live[field]) !== JSON.stringify(object[field]) && field !== "stringData") {
        errors.push({ field, reason: "FieldValueInvalid", message: "Forbidden: field is immutable when `immutable` is set" });
      }
    }
  }
  return errors;
}

function goMap(map: JsonObject): string {
  return `map[string]string{${Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `"${key}":"${String(value)}"`)
    .join(", ")}}`;
}
