/**
 * The schema model shared by the bundled Kubernetes schemas and the CRDs of a workspace.
 * It is the subset of OpenAPI v3 / JSON Schema that Kubernetes itself uses, with the same
 * key names, so a CRD's `openAPIV3Schema` is a `SchemaNode` as it stands and the bundled
 * data can be emitted as JSON Schema for other tools with a few renames.
 */
export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

export type EnumValue = string | number | boolean | null;

export interface SchemaNode {
  /** The name of a bundled definition, as `io.k8s.api.core.v1.PodSpec`; the node has nothing else. */
  $ref?: string;
  type?: SchemaType;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  /** A map's values: `true` or a schema for any key, `false` for none. */
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  enum?: EnumValue[];
  /** `quantity`, `date-time`, `byte`, `int32`, `int64`, ... */
  format?: string;
  nullable?: boolean;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  not?: SchemaNode;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
}

/** A resource type that a bundled Kubernetes version serves. */
export interface ResourceType {
  /** `apps/v1`, or `v1` for the core group. */
  apiVersion: string;
  kind: string;
  /** The bundled definition of its schema. */
  ref: string;
}

/**
 * Reads one named file of the bundled schema data. The core does no I/O, so the I/O
 * layer supplies this; it returns `undefined` for a file that does not exist.
 */
export interface SchemaDataSource {
  read(name: string): string | undefined;
}

/** The bundled schemas of every Kubernetes version Shipshape knows, loaded lazily. */
export interface BuiltinSchemaSet {
  /** Bundled versions in ascending order, as `1.29`. */
  readonly versions: readonly string[];
  /** The newest bundled version: the default target. */
  readonly newest: string;
  /** The resource types a version serves, including `...List` kinds. */
  resourceTypes(version: string): readonly ResourceType[];
  /** One definition of a version, loaded on first use; `undefined` when unknown. */
  definition(version: string, ref: string): SchemaNode | undefined;
}
