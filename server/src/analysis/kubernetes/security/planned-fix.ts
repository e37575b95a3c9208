import type { Node } from "yaml";
import type { FixContext } from "../../rules/define-rule.ts";
import type { Fix, TextEdit } from "../../types.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../edits/planned-edits.ts";

/**
 * A fix worked out at check time, carried in a finding's `data`: a title and safety over
 * edits planned with a fingerprint of the object they edit (see `edits/planned-edits.ts`),
 * so an editor that asks for it after the text has moved on gets nothing.
 */
export interface PlannedFix {
  title: string;
  safe: boolean;
  plan: PlannedEdits;
}

/** A planned fix, or `undefined` when there are no edits (the shape was too unusual to edit). */
export function planFix(title: string, safe: boolean, planned: TextEdit | TextEdit[] | undefined, scope: Node, text: string): PlannedFix | undefined {
  const plan = planEdits(planned, scope, text);
  return plan && { title, safe, plan };
}

/** The planned fixes whose object is unchanged in the current text. */
export function fixesOf(plans: readonly PlannedFix[] | undefined, context: FixContext): Fix[] {
  return (plans ?? []).flatMap(({ title, safe, plan }) => {
    const edits = plannedEditsIn(plan, context);
    return edits ? [{ title, safe, edits }] : [];
  });
}

/** Keeps the defined plans, so rules can list optional fixes inline. */
export function plans(...candidates: Array<PlannedFix | undefined>): PlannedFix[] {
  return candidates.filter((plan): plan is PlannedFix => plan !== undefined);
}
