import assert from "node:assert/strict";
import type { TextDocumentContentChangeEvent, TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";
import { applyEdits } from "../../../server/src/analysis/index.ts";

/** The text after a code action's edit, which must touch only `uri`. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit?.changes, "the code action has no `changes` edit");
  assert.deepEqual(Object.keys(edit.changes), [uri], "the edit touches other files");
  return applyEdits(text, edit.changes[uri]!.map(({ range, newText }) => ({ range, newText })));
}

/**
 * The same edits as incremental `didChange` events. The client applies them in order,
 * so the last edit in the text goes first and the earlier positions stay valid.
 */
export function asIncrementalChanges(edits: readonly TextEdit[]): TextDocumentContentChangeEvent[] {
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map(({ range, newText }) => ({ range, text: newText }));
}
