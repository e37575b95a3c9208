import { isCollection, isMap, type Scalar } from "yaml";
import { getIn, getPair } from "../../../documents/ast.ts";
import { renameKey } from "../../../edits/map-entries.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { DeprecatedApi } from "../../../kubernetes/api-versions/deprecated-apis.ts";
import type { Fix, TextEdit } from "../../../types.ts";
import { migrateMetrics } from "./autoscaling.ts";
import { migrateIngress } from "./ingress.ts";
import { APPS_KINDS, migrateWorkload } from "./workloads.ts";

/** Edits to a document's body that go with a new `apiVersion`, and whether they keep its meaning. */
export interface BodyEdits {
  edits: TextEdit[];
  safe: boolean;
}

export interface MigrationInput {
  /** The document's top-level node. */
  root: unknown;
  /** The `apiVersion` value, rewritten in its own quoting style. */
  apiVersion: Scalar;
  from: string;
  to: string;
  kind: string;
  /** The table rows crossed from `from` to `to`. */
  hops: readonly DeprecatedApi[];
  lines: LineIndex;
}

/**
 * The fix that moves a document to `to`: the new `apiVersion` plus whatever the body
 * needs in the new version. `undefined` when the body cannot be rewritten faithfully.
 */
export function migrationFor(input: MigrationInput): Fix | undefined {
  const { root, from, to, kind, lines } = input;
  const apiVersion = replaceScalar(input.apiVersion, to, lines);
  const withBody = (title: string, body: BodyEdits | undefined, safe = body?.safe ?? false): Fix | undefined =>
    body && { title, safe, edits: [apiVersion, ...body.edits] };

  if (kind === "Ingress" && to === "networking.k8s.io/v1") return withBody(`Migrate to ${to}`, migrateIngress(root, lines));
  if (kind === "HorizontalPodAutoscaler" && from === "autoscaling/v2beta1") return withBody(`Migrate to ${to}`, migrateMetrics(root, lines));
  if (APPS_KINDS.has(kind) && to === "apps/v1") {
    const body = migrateWorkload(root, lines);
    const title = body?.addedSelector ? "Migrate to apps/v1 and add spec.selector from the pod labels" : "Migrate to apps/v1";
    // Only apps/v1beta2 already had the apps/v1 defaults (update strategy, revision history, surge).
    return withBody(title, body, from === "apps/v1beta2" && body?.addedSelector === false);
  }
  if (kind === "PodDisruptionBudget" && to === "policy/v1") {
    // policy/v1 reads an empty selector as every pod in the namespace, policy/v1beta1 as none.
    const empty = isEmptySelector(getIn(root, ["spec", "selector"]));
    const title = empty ? `Change apiVersion to ${to} (its empty selector then selects every pod)` : `Change apiVersion to ${to}`;
    return { title, safe: !empty, edits: [apiVersion] };
  }
  if (kind === "PriorityLevelConfiguration" && /v1beta[12]$/.test(from) && /\/(v1|v1beta3)$/.test(to)) {
    const shares = getPair(getIn(root, ["spec", "limited"]), "assuredConcurrencyShares");
    const rename = shares && renameKey(shares, "nominalConcurrencyShares", lines);
    if (shares && !rename) return undefined;
    // A share of 0 means the default of 30 only in the old versions, so a person should check.
    return { title: `Migrate to ${to}`, safe: false, edits: rename ? [apiVersion, rename] : [apiVersion] };
  }
  const safe = input.hops.every((hop) => hop.sameSchema);
  return { title: safe ? `Change apiVersion to ${to}` : `Change apiVersion to ${to} (then review the fields that changed)`, safe, edits: [apiVersion] };
}

function replaceScalar(node: Scalar, value: string, lines: LineIndex): TextEdit {
  const [start, end] = node.range!;
  const first = lines.text[start];
  const quote = first === '"' || first === "'" ? first : "";
  return { range: lines.rangeOf(start, end), newText: `${quote}${value}${quote}` };
}

function isEmptySelector(selector: unknown): boolean {
  if (!isMap(selector)) return true;
  return !selector.items.some((pair) => isCollection(pair.value) && pair.value.items.length > 0);
}
