import { compareVersions } from "../environment.ts";
import { DEPRECATED_APIS, type DeprecatedApi } from "./deprecated-apis.ts";

/** Where a deprecated `apiVersion` + `kind` stands in a target release, and where to move it. */
export interface ApiDeprecation {
  api: DeprecatedApi;
  /** `removed` when the target no longer serves it, `deprecated` while it still does. */
  status: "deprecated" | "removed";
  /** The newest successor that the target serves and does not deprecate, following the chain of replacements. */
  replacement?: string;
  /** The rows crossed on the way to `replacement`, starting with `api`; each hop may change the schema. */
  hops: DeprecatedApi[];
  /** The successor the target is too old to serve, when that is why there is no replacement. */
  pending?: { apiVersion: string; since: string };
  /** What to use instead when the chain ends in an API that has no successor. */
  instead?: string;
}

/**
 * The deprecation of `apiVersion` + `kind` in `target`, or `undefined` when the target
 * serves it without deprecation (including releases before the deprecation).
 */
export function deprecationAt(apiVersion: string, kind: string, target: string): ApiDeprecation | undefined {
  const api = deprecatedApi(apiVersion, kind);
  if (!api || compareVersions(target, api.deprecatedIn) < 0) return undefined;
  const deprecation: ApiDeprecation = { api, status: isRemoved(api, target) ? "removed" : "deprecated", hops: [api] };
  if (!api.replacement) {
    if (api.instead) deprecation.instead = api.instead;
    return deprecation;
  }
  if (compareVersions(target, api.replacement.since) < 0) {
    deprecation.pending = api.replacement;
    return deprecation;
  }

  // A successor deprecated in the target is only a stop on the way when its own successor is served there.
  let successor = api.replacement;
  for (;;) {
    const row = deprecatedApi(successor.apiVersion, kind);
    if (!row || compareVersions(target, row.deprecatedIn) < 0) break;
    if (!row.replacement || compareVersions(target, row.replacement.since) < 0) {
      if (isRemoved(row, target)) {
        if (row.instead) deprecation.instead = row.instead;
        return deprecation;
      }
      break;
    }
    deprecation.hops.push(row);
    successor = row.replacement;
  }
  deprecation.replacement = successor.apiVersion;
  return deprecation;
}

/**
 * The table row for `apiVersion` + `kind`, whatever the target. Other rules use it to leave
 * these resources to the deprecated-api rule rather than report them a second time.
 */
export function deprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

const BY_KEY = new Map(DEPRECATED_APIS.map((row) => [`${row.apiVersion} ${row.kind}`, row]));

function isRemoved(row: DeprecatedApi, target: string): boolean {
  return compareVersions(target, row.removedIn) >= 0;
}
