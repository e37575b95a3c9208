import type { BuiltinSchemaSet, SchemaNode } from "./schema/types.ts";

/**
 * What the Kubernetes rules know beyond the file in front of them: the target version,
 * the bundled schemas and the custom resource definitions found in the workspace.
 * Callers build it once per workspace state and pass it to every analysis.
 */
export interface KubernetesEnvironment {
  /**
   * The target version, as `1.34`: the requested one when it is bundled, else the nearest
   * bundled one. `undefined` only when no schemas are bundled (pure unit tests).
   */
  version: string | undefined;
  /** The version the user asked for, when it differs from `version`. */
  requestedVersion?: string;
  builtin: BuiltinSchemaSet | undefined;
  /** Custom resource types defined by CRDs in the workspace. */
  customResources: readonly CustomResourceType[];
}

/** One served version of a CustomResourceDefinition. */
export interface CustomResourceType {
  group: string;
  /** `group/version`. */
  apiVersion: string;
  kind: string;
  /** The version's `openAPIV3Schema`; `undefined` when the CRD gives none. */
  schema: SchemaNode | undefined;
  /** Where the CRD is, for hover and messages. */
  definedIn: string;
}

export const EMPTY_KUBERNETES_ENVIRONMENT: KubernetesEnvironment = Object.freeze({
  version: undefined,
  builtin: undefined,
  customResources: [],
});

/**
 * Builds the environment for a requested version. An unbundled version maps to the
 * nearest bundled one, so `1.35` uses the newest schemas and `1.20` the oldest.
 */
export function kubernetesEnvironment(
  builtin: BuiltinSchemaSet | undefined,
  requestedVersion: string | undefined,
  customResources: readonly CustomResourceType[] = [],
): KubernetesEnvironment {
  if (!builtin || builtin.versions.length === 0) return { version: undefined, builtin: undefined, customResources };
  const version = requestedVersion === undefined ? builtin.newest : nearestVersion(builtin.versions, requestedVersion);
  const environment: KubernetesEnvironment = { version, builtin, customResources };
  if (requestedVersion !== undefined && requestedVersion !== version) environment.requestedVersion = requestedVersion;
  return environment;
}

/** Compares `1.9` and `1.29` as numbers, minor by minor. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function nearestVersion(versions: readonly string[], requested: string): string {
  if (versions.includes(requested)) return requested;
  const oldest = versions[0]!;
  const newest = versions[versions.length - 1]!;
  if (compareVersions(requested, oldest) < 0) return oldest;
  if (compareVersions(requested, newest) > 0) return newest;
  // A gap inside the bundled range takes the newest version below the request.
  return [...versions].reverse().find((version) => compareVersions(version, requested) <= 0) ?? newest;
}
