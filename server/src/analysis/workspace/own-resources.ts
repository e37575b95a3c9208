import { resourceKey, type IndexedResource } from "./indexed-resource.ts";

/**
 * The analysed file's own resources, looked up by key. A file of a thousand resources is
 * asked about each of them by a dozen rules, so a scan of the list per question would
 * cost a million comparisons per rule; the maps are built once, on the first question.
 */
export class OwnResources {
  private byKey: Map<string, IndexedResource[]> | undefined;
  private byKindNamespace: Map<string, IndexedResource[]> | undefined;
  private byKind: Map<string, IndexedResource[]> | undefined;
  private byDocument: Map<number, IndexedResource[]> | undefined;

  constructor(readonly all: readonly IndexedResource[]) {}

  find(kind: string, namespace: string, name: string): readonly IndexedResource[] {
    this.byKey ??= groupBy(this.all, (resource) => resourceKey(resource.kind, resource.namespace, resource.name));
    return this.byKey.get(resourceKey(kind, namespace, name)) ?? NONE;
  }

  inNamespace(kind: string, namespace: string): readonly IndexedResource[] {
    this.byKindNamespace ??= groupBy(this.all, (resource) => `${resource.kind}/${resource.namespace}`);
    return this.byKindNamespace.get(`${kind}/${namespace}`) ?? NONE;
  }

  ofKind(kind: string): readonly IndexedResource[] {
    this.byKind ??= groupBy(this.all, (resource) => resource.kind);
    return this.byKind.get(kind) ?? NONE;
  }

  /** The resources of one document of the file: its root, or the items of a `v1 List`. */
  inDocument(documentIndex: number): readonly IndexedResource[] {
    this.byDocument ??= groupBy(this.all, (resource) => resource.documentIndex);
    return this.byDocument.get(documentIndex) ?? NONE;
  }
}

const NONE: readonly IndexedResource[] = Object.freeze([]);

function groupBy<K>(resources: readonly IndexedResource[], keyOf: (resource: IndexedResource) => K): Map<K, IndexedResource[]> {
  const groups = new Map<K, IndexedResource[]>();
  for (const resource of resources) {
    const key = keyOf(resource);
    const group = groups.get(key);
    if (group) group.push(resource);
    else groups.set(key, [resource]);
  }
  return groups;
}
