import { isScalar, type Scalar } from "yaml";
import type { AnyNode } from "../documents/ast.ts";
import type { FixContext } from "../rules/define-rule.ts";
import type { Fix } from "../types.ts";
import type { WorkspaceView } from "../workspace/workspace-index.ts";
import { editsOf, isTemplated, replaceScalar, type Replacement } from "./values/scalars.ts";

/**
 * The pieces reference rules share: when a missing object is worth a note, a name as
 * written (a plain string, not templated), and "use this name instead" fixes computed at
 * check time and offered while the text still reads the same.
 */

export interface SuggestedReplacement {
  title: string;
  replacement: Replacement;
}

/**
 * Whether a reference to an object absent from its namespace is worth reporting. A close
 * name is a likely typo, in any view. Otherwise the whole workspace must be known, and
 * must hold objects of that kind in the namespace (or this one in another): a workspace
 * with no Service in a namespace evidently gets its Services from elsewhere (a chart, an
 * operator, another repository), and a note on every reference to them would be noise.
 */
export function absenceIsTelling(workspace: WorkspaceView, sameKindInNamespace: number, hasSuggestion: boolean, elsewhere = false): boolean {
  if (hasSuggestion) return true;
  return workspace.complete && (sameKindInNamespace > 0 || elsewhere);
}

/** A scalar holding a non-empty string that no template fills in later, or `undefined`. */
export function plainName(node: AnyNode | unknown): (Scalar & { value: string }) | undefined {
  if (!isScalar(node) || typeof node.value !== "string" || node.value === "" || !node.range) return undefined;
  if (isTemplated(node.value) || node.value.includes("$(")) return undefined;
  return node as Scalar & { value: string };
}

/** One titled replacement of `node` per value, in the node's quoting style. */
export function suggestReplacements(node: Scalar, values: readonly string[], title: (value: string) => string, text: string, plainAnyType = false): SuggestedReplacement[] {
  return values.flatMap((value) => {
    const replacement = replaceScalar(node, value, text, plainAnyType);
    return replacement ? [{ title: title(value), replacement }] : [];
  });
}

/** The fixes for suggested replacements that still apply to the current text; never safe, since each changes what is referred to. */
export function replacementFixes(suggestions: readonly SuggestedReplacement[], context: FixContext): Fix[] {
  return suggestions.flatMap(({ title, replacement }) => {
    const edits = editsOf([replacement], context);
    return edits ? [{ title, safe: false, edits }] : [];
  });
}
