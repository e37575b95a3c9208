import type { Node } from "yaml";
import type { FixContext } from "../rules/define-rule.ts";
import type { TextEdit } from "../types.ts";

/**
 * Edits computed when the check runs, with a fingerprint of the node they were computed
 * from. A fix is built later from the finding's data and the text as it is then, so it
 * offers the edits only while that node still reads the same: edits computed from an
 * older text would land in the wrong place. A fingerprint rather than the node's text
 * keeps `Diagnostic.data` small when the node is a whole spec.
 */
export interface PlannedEdits {
  edits: TextEdit[];
  /** Offsets of the node the edits were computed from. */
  at: [number, number];
  fingerprint: number;
}

/** Plans edits against a node's current text; `undefined` when there are none to plan. */
export function planEdits(edits: readonly TextEdit[] | TextEdit | undefined, node: Node, text: string): PlannedEdits | undefined {
  if (edits === undefined || !node.range) return undefined;
  const list = Array.isArray(edits) ? [...edits] : [edits as TextEdit];
  if (list.length === 0) return undefined;
  const at: [number, number] = [node.range[0], node.range[1]];
  return { edits: list, at, fingerprint: fingerprintOf(text.slice(at[0], at[1])) };
}

/** The planned edits, or `undefined` when the text they were planned from has changed. */
export function plannedEditsIn(plan: PlannedEdits | undefined, { text }: FixContext): TextEdit[] | undefined {
  if (!plan || plan.at[1] > text.length) return undefined;
  return fingerprintOf(text.slice(plan.at[0], plan.at[1])) === plan.fingerprint ? plan.edits : undefined;
}

/** 32-bit FNV-1a over UTF-16 code units: cheap, and any edit inside the node changes it. */
function fingerprintOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
