import { isMap, isSeq, type Scalar, type YAMLMap } from "yaml";
import { getNode, scalarString, type AnyNode } from "../../documents/ast.ts";
import type { CheckContext } from "../../rules/define-rule.ts";
import type { CustomResourceType } from "../environment.ts";
import { podSpecOf, podTemplateOf } from "../workloads.ts";
import type { NameFormat } from "./names.ts";

/**
 * The API objects of a manifest document that the value rules may judge: Kubernetes'
 * own kinds, and custom resources whose definition is in the workspace. Anything else
 * (a kubeconfig, a Kustomization, a kind cluster file, an unknown custom resource) is
 * left alone, because nobody knows how its server, if any, validates it.
 */
export interface ApiObject {
  map: YAMLMap<Scalar, AnyNode>;
  /** `apps` for `apps/v1`, `` for the core group. */
  group: string;
  kind: string;
  /** One of Kubernetes' own kinds, rather than a custom resource. */
  builtin: boolean;
}

/** The API objects of the document being checked, read once for every value rule that asks. */
export function apiObjectsIn(context: Pick<CheckContext<unknown>, "document" | "kubernetes" | "remember">): ApiObject[] {
  return context.remember("kubernetes/values/api-objects", () => apiObjectsOf(context.document!.yaml.contents, context.kubernetes.customResources));
}

/** The objects of a document: its root, or the items of a `v1 List`. */
export function apiObjectsOf(root: AnyNode, customResources: readonly CustomResourceType[]): ApiObject[] {
  const isList = scalarString(getNode(root, "apiVersion")) === "v1" && scalarString(getNode(root, "kind")) === "List";
  const items = isList ? getNode(root, "items") : undefined;
  const candidates: unknown[] = isList ? (isSeq(items) ? items.items : []) : [root];
  return candidates.flatMap((candidate) => {
    const object = apiObjectOf(candidate, customResources);
    return object ? [object] : [];
  });
}

/**
 * The format Kubernetes requires of an object's `metadata.name`, or `undefined` when it
 * has its own rules (an APIService's `v1.group`, a CSIDriver's, an Event's, ...).
 */
export function nameFormatOf(object: ApiObject): NameFormat | undefined {
  if (!object.builtin) return "dns1123-subdomain";
  return BUILTIN_KINDS.get(`${object.group}/${object.kind}`) ?? undefined;
}

/** The pod spec of one of Kubernetes' own workload kinds, which it validates; `undefined` for others. */
export function podSpecOfObject(object: ApiObject): AnyNode {
  return isBuiltinWorkload(object) ? podSpecOf(object.map) : undefined;
}

/** The pod template (its `metadata` and `spec`) of one of Kubernetes' own workload kinds other than Pod. */
export function podTemplateOfObject(object: ApiObject): AnyNode {
  return isBuiltinWorkload(object) ? podTemplateOf(object.map) : undefined;
}

/** Kubernetes' own kinds and the format of their names; `null` for names with special rules. */
const BUILTIN_KINDS = new Map<string, NameFormat | null>([
  ...kinds("", {
    Pod: "dns1123-subdomain",
    // The Service's name becomes a DNS label of the cluster domain.
    Service: "dns1035-label",
    Namespace: "dns1123-label",
    ConfigMap: "dns1123-subdomain",
    Secret: "dns1123-subdomain",
    ServiceAccount: "dns1123-subdomain",
    PersistentVolume: "dns1123-subdomain",
    PersistentVolumeClaim: "dns1123-subdomain",
    Node: "dns1123-subdomain",
    Endpoints: "dns1123-subdomain",
    LimitRange: "dns1123-subdomain",
    ResourceQuota: "dns1123-subdomain",
    ReplicationController: "dns1123-subdomain",
    PodTemplate: "dns1123-subdomain",
    Event: null,
    Binding: null,
  }),
  ...kinds("apps", {
    Deployment: "dns1123-subdomain",
    ReplicaSet: "dns1123-subdomain",
    DaemonSet: "dns1123-subdomain",
    // Each pod's hostname is the StatefulSet's name plus an ordinal, so it must be a label.
    StatefulSet: "dns1123-label",
    ControllerRevision: "dns1123-subdomain",
  }),
  ...kinds("extensions", {
    Deployment: "dns1123-subdomain",
    ReplicaSet: "dns1123-subdomain",
    DaemonSet: "dns1123-subdomain",
    Ingress: "dns1123-subdomain",
    NetworkPolicy: "dns1123-subdomain",
    PodSecurityPolicy: "dns1123-subdomain",
  }),
  ...kinds("batch", { Job: "dns1123-subdomain", CronJob: "dns1123-subdomain" }),
  ...kinds("autoscaling", { HorizontalPodAutoscaler: "dns1123-subdomain" }),
  ...kinds("policy", { PodDisruptionBudget: "dns1123-subdomain", PodSecurityPolicy: "dns1123-subdomain", Eviction: null }),
  ...kinds("networking.k8s.io", {
    Ingress: "dns1123-subdomain",
    IngressClass: "dns1123-subdomain",
    NetworkPolicy: "dns1123-subdomain",
    IPAddress: null,
    ServiceCIDR: null,
  }),
  // Role names are only used in URL paths, so `system:aggregate-to-view` is fine.
  ...kinds("rbac.authorization.k8s.io", {
    Role: "path-segment",
    ClusterRole: "path-segment",
    RoleBinding: "path-segment",
    ClusterRoleBinding: "path-segment",
  }),
  ...kinds("storage.k8s.io", {
    StorageClass: "dns1123-subdomain",
    VolumeAttachment: "dns1123-subdomain",
    CSIDriver: null,
    CSINode: null,
    CSIStorageCapacity: null,
    VolumeAttributesClass: null,
  }),
  ...kinds("scheduling.k8s.io", { PriorityClass: "dns1123-subdomain" }),
  ...kinds("node.k8s.io", { RuntimeClass: "dns1123-subdomain" }),
  ...kinds("coordination.k8s.io", { Lease: "dns1123-subdomain" }),
  ...kinds("discovery.k8s.io", { EndpointSlice: "dns1123-subdomain" }),
  ...kinds("admissionregistration.k8s.io", {
    ValidatingWebhookConfiguration: "dns1123-subdomain",
    MutatingWebhookConfiguration: "dns1123-subdomain",
    ValidatingAdmissionPolicy: "dns1123-subdomain",
    ValidatingAdmissionPolicyBinding: "dns1123-subdomain",
    MutatingAdmissionPolicy: null,
    MutatingAdmissionPolicyBinding: null,
  }),
  ...kinds("apiextensions.k8s.io", { CustomResourceDefinition: "dns1123-subdomain" }),
  ...kinds("apiregistration.k8s.io", { APIService: null }),
  ...kinds("certificates.k8s.io", { CertificateSigningRequest: null, ClusterTrustBundle: null }),
  ...kinds("flowcontrol.apiserver.k8s.io", { FlowSchema: null, PriorityLevelConfiguration: null }),
  ...kinds("events.k8s.io", { Event: null }),
]);

/** Groups whose workload kinds carry pod specs that Kubernetes validates. */
const WORKLOAD_GROUPS = new Set(["", "apps", "batch", "extensions"]);

function apiObjectOf(node: unknown, customResources: readonly CustomResourceType[]): ApiObject | undefined {
  if (!isMap(node)) return undefined;
  const apiVersion = scalarString(getNode(node, "apiVersion"));
  const kind = scalarString(getNode(node, "kind"));
  if (apiVersion === undefined || kind === undefined) return undefined;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const map = node as YAMLMap<Scalar, AnyNode>;
  if (BUILTIN_KINDS.has(`${group}/${kind}`)) return { map, group, kind, builtin: true };
  const custom = customResources.some((type) => type.apiVersion === apiVersion && type.kind === kind);
  return custom ? { map, group, kind, builtin: false } : undefined;
}

function isBuiltinWorkload(object: ApiObject): boolean {
  return object.builtin && WORKLOAD_GROUPS.has(object.group);
}

function kinds(group: string, formats: Record<string, NameFormat | null>): Array<[string, NameFormat | null]> {
  return Object.entries(formats).map(([kind, format]) => [`${group}/${kind}`, format]);
}
