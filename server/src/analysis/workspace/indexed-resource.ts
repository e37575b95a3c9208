import type { LabelSelector } from "../kubernetes/selectors.ts";

/**
 * What the workspace index keeps of one resource: its identity and the few facts that
 * other resources refer to. Facts, not ASTs, so that a workspace of thousands of files
 * stays small in memory and a fact can be compared across edits.
 */
export interface IndexedResource {
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace it lives in: `metadata.namespace`, a kustomization's, or `default`; `""` for cluster-scoped kinds. */
  namespace: string;
  /** The file it is in, and which document of that file. */
  path: string;
  documentIndex: number;
  /** Offsets of `metadata.name`'s value in its file, for "defined here" links. */
  nameAt: [number, number];
  /** ConfigMap and Secret keys (`data`, `binaryData`, `stringData`). */
  keys?: string[];
  /** Where a new key can be added to a ConfigMap's or Secret's block `data` map, for fixes in other files. */
  keyInsertion?: KeyInsertion;
  /** The labels its pods get: a workload's pod template labels, or a Pod's own labels. */
  podLabels?: Record<string, string>;
  /** Named and numbered ports: a workload's container ports, or a Service's ports. */
  ports?: IndexedPort[];
  /** A Service with `clusterIP: None`. */
  headless?: boolean;
  /** The pod labels could not all be read (an alias, a merge key, a templated value), so `podLabels` may lack some. */
  podLabelsUnknown?: true;
  /** The pods a PodDisruptionBudget protects; absent when it selects none. */
  podSelector?: LabelSelector;
  /** The PodDisruptionBudget's selector could not be read exactly, so it may select any pod. */
  podSelectorUnknown?: true;
  /** What a HorizontalPodAutoscaler (or a KEDA ScaledObject) scales. */
  scaleTarget?: { kind: string; name: string };
  /** Where `clusterIP: None` can be added to a Service's block `spec`, for fixes in other files; absent when it cannot be headless as written. */
  clusterIPInsertion?: KeyInsertion;
  /** A local action's inputs, or a reusable workflow's workflow_call inputs (analysis/workflows/facts.ts). */
  workflowInputs?: WorkflowInput[];
  /** A reusable workflow's workflow_call secrets. */
  workflowSecrets?: WorkflowInput[];
}

/** An input (or secret) of a GitHub action or reusable workflow. */
export interface WorkflowInput {
  name: string;
  /** Required and without a default, so a caller must give it. */
  required?: true;
  type?: string;
}

export interface KeyInsertion {
  /** The start of the line after the map's last entry. */
  line: number;
  /** The entries' indentation. */
  indent: number;
  eol: string;
  /** `data` or `stringData`: where the new key goes. */
  map: string;
}

export interface IndexedPort {
  name?: string;
  /** `containerPort` for containers, `port` for Services. */
  number?: number;
  /** A Service port's `targetPort`, as written. */
  targetPort?: string | number;
}

/** The key a resource is found by. Kinds are case-sensitive, as in Kubernetes. */
export function resourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/**
 * Kinds without a namespace. Built-in only: a custom resource's scope is in its CRD, and
 * custom kinds are indexed as namespaced, which only matters for references to them.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "PriorityClass",
  "RuntimeClass",
  "IngressClass",
  "PodSecurityPolicy",
  "CertificateSigningRequest",
  "FlowSchema",
  "PriorityLevelConfiguration",
  "ComponentStatus",
  "IPAddress",
  "ServiceCIDR",
  "DeviceClass",
  "VolumeAttributesClass",
]);
