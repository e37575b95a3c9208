import type { Scalar } from "yaml";
import { plainString } from "../values/scalars.ts";

/** What an image reference pins: its tag and its digest, each `undefined` when absent. */
export interface ImageReference {
  tag: string | undefined;
  digest: string | undefined;
}

/**
 * Splits an image reference as the container runtime reads it. The tag is what follows
 * the last `:` of the last path segment, so a registry port (`localhost:5000/app`) is not
 * mistaken for one.
 */
export function parseImage(image: string): ImageReference {
  const at = image.indexOf("@");
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const lastSegment = name.slice(name.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  return { tag: colon < 0 ? undefined : lastSegment.slice(colon + 1), digest };
}

/**
 * Whether an image reference can point at different images over time: no digest, and
 * no tag or the `latest` tag. A missing tag means `latest`.
 */
export function isMutableImage(image: string): boolean {
  const { tag, digest } = parseImage(image);
  return digest === undefined && (tag === undefined || tag === "" || tag === "latest");
}

/** A container's `image` when it is a plain, untemplated, non-empty string. */
export function imageOf(node: unknown): (Scalar & { value: string }) | undefined {
  const image = plainString(node);
  return image && image.value.trim() !== "" ? image : undefined;
}
