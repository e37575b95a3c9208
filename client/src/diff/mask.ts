/**
 * Secret masking as kubectl diff does it: every value of `data` and `stringData` becomes `***`, or
 * `*** (before)` / `*** (after)` where the two sides differ, so a diff shows that a value changed
 * without showing it. Annotations that embed the Secret (a JSON copy with `data`, or a value that
 * contains one of the secret values) are masked the same way. Pure: no vscode.
 */
import { isObject, type Json, type JsonObject } from "./objects.ts";

const SECRET_FIELDS = ["data", "stringData"];

/** Masked copies of the two sides of one resource's diff; objects that are not Secrets come back unchanged. */
export function maskSecrets(before: JsonObject | undefined, after: JsonObject | undefined): [JsonObject | undefined, JsonObject | undefined] {
  const isSecret = (object: JsonObject | undefined) => object?.kind === "Secret" && (object.apiVersion === "v1" || object.apiVersion === undefined);
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  const left = before && structuredClone(before);
  const right = after && structuredClone(after);
  const secrets = [...secretValues(before), ...secretValues(after)];
  maskFields(left, right);
  const leftAnnotations = annotationsOf(left);
  const rightAnnotations = annotationsOf(right);
  for (const key of new Set([...Object.keys(leftAnnotations ?? {}), ...Object.keys(rightAnnotations ?? {})])) {
    const [l, r] = maskAnnotation(leftAnnotations?.[key], rightAnnotations?.[key], secrets);
    if (leftAnnotations && l !== undefined) leftAnnotations[key] = l;
    if (rightAnnotations && r !== undefined) rightAnnotations[key] = r;
  }
  return [left, right];
}

function maskFields(left: JsonObject | undefined, right: JsonObject | undefined): void {
  for (const field of SECRET_FIELDS) {
    const l = left && isObject(left[field]) ? (left[field] as JsonObject) : undefined;
    const r = right && isObject(right[field]) ? (right[field] as JsonObject) : undefined;
    for (const key of new Set([...Object.keys(l ?? {}), ...Object.keys(r ?? {})])) {
      const both = l && r && key in l && key in r;
      const differ = both && JSON.stringify(l[key]) !== JSON.stringify(r[key]);
      if (l && key in l) l[key] = differ ? "*** (before)" : "***";
      if (r && key in r) r[key] = differ ? "*** (after)" : "***";
    }
  }
}

function annotationsOf(object: JsonObject | undefined): JsonObject | undefined {
  const metadata = object?.metadata;
  return isObject(metadata) && isObject(metadata.annotations) ? metadata.annotations : undefined;
}

/** Every secret value, as stored (base64) and decoded, that is long enough to find safely in other text. */
function secretValues(object: JsonObject | undefined): string[] {
  const values: string[] = [];
  for (const field of SECRET_FIELDS) {
    const map = object?.[field];
    if (!isObject(map)) continue;
    for (const value of Object.values(map)) {
      if (typeof value !== "string") continue;
      values.push(value);
      if (field === "data") values.push(Buffer.from(value, "base64").toString("utf8"));
    }
  }
  return values.filter((value) => value.length >= 4);
}

function maskAnnotation(left: Json | undefined, right: Json | undefined, secrets: string[]): [Json | undefined, Json | undefined] {
  const l = parseJsonObject(left);
  const r = parseJsonObject(right);
  if ((l && SECRET_FIELDS.some((field) => isObject(l[field]))) || (r && SECRET_FIELDS.some((field) => isObject(r[field])))) {
    maskFields(l, r);
    return [l ? JSON.stringify(l) : left, r ? JSON.stringify(r) : right];
  }
  return [scrub(left, secrets), scrub(right, secrets)];
}

function parseJsonObject(value: Json | undefined): JsonObject | undefined {
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(value) as Json;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function scrub(value: Json | undefined, secrets: string[]): Json | undefined {
  if (typeof value !== "string") return value;
  // Longest first, so a value never leaves a masked fragment of a longer one behind.
  return [...secrets].sort((a, b) => b.length - a.length).reduce((text, secret) => text.split(secret).join("***"), value);
}
