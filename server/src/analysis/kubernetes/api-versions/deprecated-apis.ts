/**
 * Built-in API versions that Kubernetes deprecated and then stopped serving.
 *
 * Source: the Kubernetes "Deprecated API Migration Guide"
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), which lists each
 * removal with the release that stopped serving it and the release that first served its
 * replacement. The guide does not give the release that deprecated each version, so
 * `deprecatedIn` comes from the release notes of the release that graduated the
 * replacement. Rows are facts only; what a rule does with them lives in the rule.
 */
export interface DeprecatedApi {
  apiVersion: string;
  kind: string;
  /** The first release that warns about this version. */
  deprecatedIn: string;
  /** The first release that no longer serves it. */
  removedIn: string;
  /**
   * The next version of the same kind to move to, and the release that first served it.
   * It may itself be deprecated later: follow the chain. Absent when the API has no successor.
   */
  replacement?: { apiVersion: string; since: string };
  /**
   * True when the guide lists no notable changes, so changing `apiVersion` alone keeps the
   * object's meaning.
   */
  sameSchema: boolean;
  /** What to use instead when there is no replacement. */
  instead?: string;
}

/** The newest release the table knows; the target when none is configured. */
export const NEWEST_KNOWN_VERSION = "1.34";

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // Removed in 1.32.
  ...rows("flowcontrol.apiserver.k8s.io/v1beta3", ["FlowSchema", "PriorityLevelConfiguration"], "1.29", "1.32", next("flowcontrol.apiserver.k8s.io/v1", "1.29"), false),
  // Removed in 1.29.
  ...rows("flowcontrol.apiserver.k8s.io/v1beta2", ["FlowSchema", "PriorityLevelConfiguration"], "1.26", "1.29", next("flowcontrol.apiserver.k8s.io/v1beta3", "1.26"), false),
  // Removed in 1.27.
  ...rows("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], "1.24", "1.27", next("storage.k8s.io/v1", "1.24"), true),
  // Removed in 1.26.
  ...rows("flowcontrol.apiserver.k8s.io/v1beta1", ["FlowSchema", "PriorityLevelConfiguration"], "1.23", "1.26", next("flowcontrol.apiserver.k8s.io/v1beta2", "1.23"), false),
  ...rows("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], "1.23", "1.26", next("autoscaling/v2", "1.23"), true),
  // Removed in 1.25.
  ...rows("batch/v1beta1", ["CronJob"], "1.21", "1.25", next("batch/v1", "1.21"), true),
  ...rows("discovery.k8s.io/v1beta1", ["EndpointSlice"], "1.21", "1.25", next("discovery.k8s.io/v1", "1.21"), false),
  ...rows("events.k8s.io/v1beta1", ["Event"], "1.22", "1.25", next("events.k8s.io/v1", "1.19"), false),
  ...rows("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], "1.22", "1.25", next("autoscaling/v2beta2", "1.12"), false),
  // An empty selector matches no pod in policy/v1beta1 and every pod in policy/v1.
  ...rows("policy/v1beta1", ["PodDisruptionBudget"], "1.21", "1.25", next("policy/v1", "1.21"), false),
  {
    apiVersion: "policy/v1beta1",
    kind: "PodSecurityPolicy",
    deprecatedIn: "1.21",
    removedIn: "1.25",
    sameSchema: false,
    instead: "Pod Security Admission (pod-security.kubernetes.io labels on the namespace) or a policy engine",
  },
  ...rows("node.k8s.io/v1beta1", ["RuntimeClass"], "1.22", "1.25", next("node.k8s.io/v1", "1.20"), true),
  // Removed in 1.22.
  ...rows("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], "1.16", "1.22", next("admissionregistration.k8s.io/v1", "1.16"), false),
  ...rows("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], "1.16", "1.22", next("apiextensions.k8s.io/v1", "1.16"), false),
  ...rows("apiregistration.k8s.io/v1beta1", ["APIService"], "1.19", "1.22", next("apiregistration.k8s.io/v1", "1.10"), true),
  ...rows("authentication.k8s.io/v1beta1", ["TokenReview"], "1.19", "1.22", next("authentication.k8s.io/v1", "1.6"), true),
  ...rows("authorization.k8s.io/v1beta1", ["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SubjectAccessReview"], "1.19", "1.22", next("authorization.k8s.io/v1", "1.6"), false),
  ...rows("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], "1.19", "1.22", next("certificates.k8s.io/v1", "1.19"), false),
  ...rows("coordination.k8s.io/v1beta1", ["Lease"], "1.19", "1.22", next("coordination.k8s.io/v1", "1.14"), true),
  ...rows("extensions/v1beta1", ["Ingress"], "1.14", "1.22", next("networking.k8s.io/v1beta1", "1.14"), true),
  ...rows("networking.k8s.io/v1beta1", ["Ingress"], "1.19", "1.22", next("networking.k8s.io/v1", "1.19"), false),
  ...rows("networking.k8s.io/v1beta1", ["IngressClass"], "1.19", "1.22", next("networking.k8s.io/v1", "1.19"), true),
  ...rows("rbac.authorization.k8s.io/v1beta1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], "1.17", "1.22", next("rbac.authorization.k8s.io/v1", "1.8"), true),
  ...rows("scheduling.k8s.io/v1beta1", ["PriorityClass"], "1.14", "1.22", next("scheduling.k8s.io/v1", "1.14"), true),
  ...rows("storage.k8s.io/v1beta1", ["CSIDriver"], "1.19", "1.22", next("storage.k8s.io/v1", "1.19"), true),
  ...rows("storage.k8s.io/v1beta1", ["CSINode"], "1.19", "1.22", next("storage.k8s.io/v1", "1.17"), true),
  ...rows("storage.k8s.io/v1beta1", ["StorageClass"], "1.19", "1.22", next("storage.k8s.io/v1", "1.6"), true),
  ...rows("storage.k8s.io/v1beta1", ["VolumeAttachment"], "1.19", "1.22", next("storage.k8s.io/v1", "1.13"), true),
  // Removed in 1.16.
  ...rows("extensions/v1beta1", ["NetworkPolicy"], "1.9", "1.16", next("networking.k8s.io/v1", "1.8"), true),
  ...rows("extensions/v1beta1", ["PodSecurityPolicy"], "1.11", "1.16", next("policy/v1beta1", "1.10"), true),
  ...rows("extensions/v1beta1", ["DaemonSet", "Deployment", "ReplicaSet"], "1.9", "1.16", next("apps/v1", "1.9"), false),
  ...rows("apps/v1beta1", ["Deployment", "ReplicaSet", "StatefulSet"], "1.9", "1.16", next("apps/v1", "1.9"), false),
  ...rows("apps/v1beta2", ["DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"], "1.9", "1.16", next("apps/v1", "1.9"), false),
];

function rows(apiVersion: string, kinds: string[], deprecatedIn: string, removedIn: string, replacement: DeprecatedApi["replacement"], sameSchema: boolean): DeprecatedApi[] {
  return kinds.map((kind) => ({ apiVersion, kind, deprecatedIn, removedIn, replacement, sameSchema }));
}

function next(apiVersion: string, since: string): DeprecatedApi["replacement"] {
  return { apiVersion, since };
}
