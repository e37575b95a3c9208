import type { BuiltinSchemaSet, ResourceType, SchemaDataSource, SchemaNode } from "./types.ts";

/**
 * The bundled Kubernetes schemas, read through a `SchemaDataSource` so the core stays free of
 * I/O. The data is written by scripts/generate-kubernetes-schemas.ts:
 *
 * - `index.json`: `{ format, versions, newest, sources }`, read when the set is created.
 * - `<version>.json`: `{ version, resourceTypes, definitions }`, where `definitions` maps each
 *   group-version chunk to the variant index of each of its definitions in that version.
 * - `<group-version>.json`: each definition's distinct variants over all versions, as
 *   `{ "Deployment": [variant, ...] }` in `io.k8s.api.apps.v1.json`.
 *
 * Version files and chunks are read on first use and kept, so checking a Deployment parses
 * the apps/v1 chunk and whatever it refers to, never the whole data set.
 */

/** The layout this reader understands; the generator writes the same number into the index. */
export const BUNDLED_SCHEMA_FORMAT = 1;

interface IndexFile {
  format: number;
  versions: string[];
  newest: string;
}

interface VersionFile {
  version: string;
  resourceTypes: ResourceType[];
  definitions: Record<string, Record<string, number>>;
}

type ChunkFile = Record<string, SchemaNode[]>;

export class BundledSchemas implements BuiltinSchemaSet {
  readonly versions: readonly string[];
  readonly newest: string;
  private readonly versionFiles = new Map<string, VersionFile | undefined>();
  private readonly chunks = new Map<string, ChunkFile | undefined>();
  private readonly handedOut = new WeakSet<SchemaNode>();
  /** Every schema walk resolves the same few hundred refs thousands of times, so each answer is kept per version. */
  private readonly resolved = new Map<string, Map<string, SchemaNode | undefined>>();

  /** Throws when the index is missing or of another format: without it there is nothing to serve. */
  constructor(private readonly source: SchemaDataSource) {
    const index = parseJson(source.read("index.json"));
    if (!isIndexFile(index)) throw new Error("The bundled Kubernetes schemas have no valid index.json");
    if (index.format !== BUNDLED_SCHEMA_FORMAT) {
      throw new Error(`The bundled Kubernetes schemas have format ${index.format}; this build reads format ${BUNDLED_SCHEMA_FORMAT}`);
    }
    this.versions = Object.freeze([...index.versions]);
    this.newest = index.newest;
  }

  resourceTypes(version: string): readonly ResourceType[] {
    return this.versionFile(version)?.resourceTypes ?? [];
  }

  definition(version: string, ref: string): SchemaNode | undefined {
    let answers = this.resolved.get(version);
    if (!answers) this.resolved.set(version, (answers = new Map()));
    if (answers.has(ref)) return answers.get(ref);
    const node = this.lookUpDefinition(version, ref);
    answers.set(ref, node);
    return node;
  }

  private lookUpDefinition(version: string, ref: string): SchemaNode | undefined {
    const file = this.versionFile(version);
    const dot = ref.lastIndexOf(".");
    if (!file || dot <= 0) return undefined;
    const chunkName = ref.slice(0, dot);
    const name = ref.slice(dot + 1);
    // Own properties only: a ref such as `x.constructor` must not reach Object.prototype.
    const variants = ownValue(file.definitions, chunkName);
    const variant = variants && ownValue(variants, name);
    if (typeof variant !== "number") return undefined;
    const chunk = this.chunk(chunkName);
    const node = chunk && ownValue(chunk, name)?.[variant];
    if (!node) return undefined;
    // Definitions are shared by every caller, so a caller that mutates one would corrupt the
    // rest; each is frozen the first time it is handed out rather than the whole chunk up front.
    if (!this.handedOut.has(node)) {
      deepFreeze(node);
      this.handedOut.add(node);
    }
    return node;
  }

  private versionFile(version: string): VersionFile | undefined {
    if (!this.versions.includes(version)) return undefined;
    if (!this.versionFiles.has(version)) {
      const parsed = parseJson(this.source.read(`${version}.json`));
      const file = isVersionFile(parsed) ? parsed : undefined;
      if (file) {
        for (const type of file.resourceTypes) Object.freeze(type);
        Object.freeze(file.resourceTypes);
      }
      this.versionFiles.set(version, file);
    }
    return this.versionFiles.get(version);
  }

  private chunk(name: string): ChunkFile | undefined {
    if (!this.chunks.has(name)) {
      const parsed = parseJson(this.source.read(`${name}.json`));
      this.chunks.set(name, isRecord(parsed) ? (parsed as ChunkFile) : undefined);
    }
    return this.chunks.get(name);
  }
}

/** Parses a data file; a missing or damaged file reads as `undefined`, so lookups never throw. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIndexFile(value: unknown): value is IndexFile {
  return (
    isRecord(value) &&
    typeof value.format === "number" &&
    Array.isArray(value.versions) &&
    value.versions.length > 0 &&
    value.versions.every((version) => typeof version === "string") &&
    typeof value.newest === "string" &&
    value.versions.includes(value.newest)
  );
}

function isVersionFile(value: unknown): value is VersionFile {
  return isRecord(value) && Array.isArray(value.resourceTypes) && isRecord(value.definitions);
}

function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
