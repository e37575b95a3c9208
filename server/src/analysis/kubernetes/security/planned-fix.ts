import type { Node } from "yaml";
import type { FixContext } from "../../rules/define-rule.ts";
import type { Fix, TextEdit } from "../../types.ts";

/**
 * A fix worked out at check time, carried in a finding's `data`. It holds a fingerprint
 * of the object it edits, so an editor that asks for it after the text has moved on gets
 * nothing rather than edits at stale positions.
 */
export interface PlannedFix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
  guard: Guard;
}

export interface Guard {
  /** Offsets of the edited object in the text the check saw. */
  at: [number, number];
  hash: number;
}

/** A planned fix, or `undefined` when there are no edits (the shape was too unusual to edit). */
export function planFix(title: string, safe: boolean, planned: TextEdit | TextEdit[] | undefined, scope: Node, text: string): PlannedFix | undefined {
  const edits = planned === undefined ? [] : Array.isArray(planned) ? planned : [planned];
  if (edits.length === 0 || !scope.range) return undefined;
  const at: [number, number] = [scope.range[0], scope.range[1]];
  return { title, safe, edits, guard: { at, hash: hashOf(text.slice(at[0], at[1])) } };
}

/** The planned fixes whose object is unchanged in the current text. */
export function fixesOf(plans: readonly PlannedFix[] | undefined, context: FixContext): Fix[] {
  return (plans ?? [])
    .filter((plan) => hashOf(context.text.slice(plan.guard.at[0], plan.guard.at[1])) === plan.guard.hash)
    .map(({ title, safe, edits }) => ({ title, safe, edits }));
}

/** Keeps the defined plans, so rules can list optional fixes inline. */
export function plans(...candidates: Array<PlannedFix | undefined>): PlannedFix[] {
  return candidates.filter((plan): plan is PlannedFix => plan !== undefined);
}

/** FNV-1a over UTF-16 code units: cheap, and enough to notice that a text changed. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
