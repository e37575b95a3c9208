import { editDistance } from "../text/similar.ts";

/**
 * Label selectors as Kubernetes evaluates them: `matchLabels` and `matchExpressions`
 * (In, NotIn, Exists, DoesNotExist), all requirements ANDed. Pure data, so the index can
 * keep a selector as a fact and rules can match it against another file's pod labels.
 */

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export const SELECTOR_OPERATORS: readonly SelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];

export interface LabelRequirement {
  key: string;
  operator: SelectorOperator;
  /** The values of In and NotIn; empty for Exists and DoesNotExist. */
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly LabelRequirement[];
}

/** A change to one `matchLabels` entry that would make a selector match some labels. */
export interface LabelChange {
  /** The `matchLabels` key as written. */
  key: string;
  /** `value`: replace the entry's value; `key`: rename its key. */
  change: "value" | "key";
  from: string;
  to: string;
}

/**
 * Labels a controller adds to the pods it creates, which templates do not show. Their
 * values are unknown here, so a selector that requires them is given the benefit of the doubt.
 */
export const CONTROLLER_LABELS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["pod-template-hash"],
  ReplicaSet: [],
  StatefulSet: ["controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"],
  DaemonSet: ["controller-revision-hash", "pod-template-generation"],
  Job: ["controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "batch.kubernetes.io/job-completion-index"],
  CronJob: ["controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "batch.kubernetes.io/job-completion-index"],
};

/** Every requirement of a selector, `matchLabels` entries first as single-value In requirements. */
export function requirementsOf(selector: LabelSelector): LabelRequirement[] {
  const fromLabels = Object.entries(selector.matchLabels).map(([key, value]): LabelRequirement => ({ key, operator: "In", values: [value] }));
  return [...fromLabels, ...selector.matchExpressions];
}

/** An empty selector: it selects every pod (a NetworkPolicy's `podSelector: {}`). */
export function selectsEverything(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * Whether labels satisfy one requirement. `present` names keys that the pods carry with a
 * value unknown here (labels a controller adds): they satisfy In, NotIn and Exists.
 */
export function satisfies(requirement: LabelRequirement, labels: Readonly<Record<string, string>>, present: ReadonlySet<string> = NO_KEYS): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  if (!has && present.has(requirement.key)) return requirement.operator !== "DoesNotExist";
  const value = has ? labels[requirement.key]! : undefined;
  switch (requirement.operator) {
    case "In":
      return value !== undefined && requirement.values.includes(value);
    case "NotIn":
      return value === undefined || !requirement.values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

/** The requirements that labels do not satisfy; none means the selector matches. */
export function unmetRequirements(selector: LabelSelector, labels: Readonly<Record<string, string>>, present?: ReadonlySet<string>): LabelRequirement[] {
  return requirementsOf(selector).filter((requirement) => !satisfies(requirement, labels, present));
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>, present?: ReadonlySet<string>): boolean {
  return compileSelector(selector)(labels, present);
}

/** A label matcher. */
export type LabelMatcher = (labels: Readonly<Record<string, string>>, present?: ReadonlySet<string>) => boolean;

/**
 * A selector turned into a matcher that allocates nothing per call: a Service is matched
 * against every pod template of its namespace, and a workspace may hold thousands.
 */
export function compileSelector(selector: LabelSelector): LabelMatcher {
  const keys = Object.keys(selector.matchLabels);
  const values = keys.map((key) => selector.matchLabels[key]!);
  const expressions = selector.matchExpressions;
  return (labels, present = NO_KEYS) => {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!hasOwn.call(labels, key)) {
        if (present.has(key)) continue;
        return false;
      }
      if (labels[key] !== values[i]) return false;
    }
    for (const requirement of expressions) if (!satisfies(requirement, labels, present)) return false;
    return true;
  };
}


/** A requirement as people write it: `app=web`, `tier in (a, b)`, `tier notin (a)`, `canary`, `!canary`. */
export function describeRequirement(requirement: LabelRequirement): string {
  switch (requirement.operator) {
    case "In":
      return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0]}` : `${requirement.key} in (${requirement.values.join(", ")})`;
    case "NotIn":
      return `${requirement.key} notin (${requirement.values.join(", ")})`;
    case "Exists":
      return requirement.key;
    case "DoesNotExist":
      return `!${requirement.key}`;
  }
}

export function describeSelector(selector: LabelSelector): string {
  return requirementsOf(selector).map(describeRequirement).join(", ");
}

/**
 * The one-entry changes to `matchLabels` that would make the selector match one of the
 * label sets: a candidate that meets every other requirement and carries the missing key
 * with a similar value (`tier=frontend` for `tier=front`), or the value under a key a typo
 * away (`app=web` for `ap=web`). Distinct changes, in the candidates' order. A value
 * unlike the selector's (`component=guestbook` for `component=vtgate`) is another
 * workload, not a typo.
 */
export function nearMisses(selector: LabelSelector, candidates: ReadonlyArray<Readonly<Record<string, string>>>): LabelChange[] {
  const changes: LabelChange[] = [];
  const seen = new Set<string>();
  for (const labels of candidates) {
    const unmet = unmetRequirements(selector, labels);
    if (unmet.length !== 1) continue;
    const missing = unmet[0]!;
    const wanted = selector.matchLabels[missing.key];
    // Only a matchLabels entry has one value to replace; an unmet expression is not a typo this can mend.
    if (wanted === undefined || missing.operator !== "In" || missing.values.length !== 1) continue;
    const change = changeFor(missing.key, wanted, selector, labels);
    if (!change) continue;
    const id = `${change.change}:${change.key}:${change.to}`;
    if (seen.has(id)) continue;
    seen.add(id);
    changes.push(change);
  }
  return changes;
}


const hasOwn = Object.prototype.hasOwnProperty;
const NO_KEYS: ReadonlySet<string> = new Set();

function changeFor(key: string, wanted: string, selector: LabelSelector, labels: Readonly<Record<string, string>>): LabelChange | undefined {
  const actual = hasOwn.call(labels, key) ? labels[key] : undefined;
  if (actual !== undefined) return similarValues(wanted, actual) ? { key, from: wanted, to: actual, change: "value" } : undefined;
  const renamed = Object.keys(labels).find((candidate) => labels[candidate] === wanted && !hasOwn.call(selector.matchLabels, candidate) && editDistance(candidate, key, 2) <= 2);
  return renamed === undefined ? undefined : { key, from: key, to: renamed, change: "key" };
}

/** Values one could be a slip for the other: a few edits apart, or one inside the other with a short rest (`front`, `frontend`). */
function similarValues(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const shorter = Math.min(x.length, y.length);
  if (shorter >= 3 && Math.abs(x.length - y.length) <= 4 && (x.includes(y) || y.includes(x))) return true;
  const budget = Math.max(1, Math.min(3, Math.floor(Math.max(x.length, y.length) / 3)));
  return editDistance(x, y, budget) <= budget;
}
