/**
 * What both sides of a diff drop before they are shown: the fields the server owns and the
 * client-side-apply annotation, none of which an apply changes on purpose. Pure: no vscode.
 */
import { isObject, type JsonObject } from "./objects.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const SERVER_METADATA = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation"];

/** A normalised copy: no `status`, no server-owned metadata, no last-applied annotation, and no empty maps left by them. */
export function normalise(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  delete copy.status;
  const metadata = copy.metadata;
  if (isObject(metadata)) {
    for (const field of SERVER_METADATA) delete metadata[field];
    const annotations = metadata.annotations;
    if (isObject(annotations)) {
      delete annotations[LAST_APPLIED];
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
    }
  }
  return copy;
}
