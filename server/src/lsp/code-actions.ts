import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fixesForFinding, ruleById, type Fix, type Position } from "../analysis/index.ts";
import { readDiagnosticData } from "./diagnostics.ts";
import { disableForFileAction, disableForLineAction } from "./disable-actions.ts";
import { uriFromPath } from "./paths.ts";

/**
 * Quick fixes for the diagnostics the client sends back. Each fix is rebuilt from the
 * diagnostic's code and data and the document's current text, never from its message
 * and never from state kept since the diagnostic was published.
 */
export function codeActionsFor(params: CodeActionParams, document: TextDocument, path: string): CodeAction[] {
  if (!isKindRequested(params.context.only, CodeActionKind.QuickFix)) return [];
  const text = document.getText();
  const fixActions: CodeAction[] = [];
  const disableActions: CodeAction[] = [];
  const disabledAlready = new Set<string>();

  for (const diagnostic of params.context.diagnostics) {
    const carried = readDiagnosticData(diagnostic);
    if (carried === undefined || ruleById(carried.ruleId) === undefined) continue;
    // Data comes back from the client and may be stale or mangled; a fix built from it is checked before use.
    const fixes = fixesForFinding(carried.ruleId, carried.data, { path, text }).filter(isWellFormedFix);
    // Only a lone safe fix is preferred: the editor may apply a preferred fix without showing the choice.
    const preferred = fixes.length === 1 && fixes[0]!.safe;
    for (const fix of fixes) fixActions.push(fixAction(fix, diagnostic, document.uri, preferred));

    const lineKey = `${carried.ruleId}@${diagnostic.range.start.line}`;
    if (!disabledAlready.has(lineKey)) {
      disabledAlready.add(lineKey);
      disableActions.push(disableForLineAction(carried.ruleId, diagnostic, document));
    }
    if (!disabledAlready.has(carried.ruleId)) {
      disabledAlready.add(carried.ruleId);
      disableActions.push(disableForFileAction(carried.ruleId, diagnostic, document));
    }
  }
  // Real fixes come first so the light bulb lists them above the ways to silence a rule.
  return [...fixActions, ...disableActions];
}

/** Whether a request's `only` filter admits a kind; `quickfix` is admitted by `quickfix` and by the empty kind. */
export function isKindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (only === undefined || only.length === 0) return true;
  return only.some((wanted) => wanted === "" || kind === wanted || kind.startsWith(`${wanted}.`));
}

function isWellFormedFix(fix: Fix): boolean {
  return typeof fix?.title === "string" && Array.isArray(fix.edits) && fix.edits.length > 0 && fix.edits.every(isWellFormedEdit);
}

function isWellFormedEdit(edit: Fix["edits"][number]): boolean {
  const isPosition = (position: unknown) =>
    position !== null && typeof position === "object" && Number.isInteger((position as Position).line) && Number.isInteger((position as Position).character);
  return edit !== null && typeof edit === "object" && typeof edit.newText === "string" && isPosition(edit.range?.start) && isPosition(edit.range?.end);
}

function fixAction(fix: Fix, diagnostic: Diagnostic, documentUri: string, preferred: boolean): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEditOf(fix, documentUri),
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/** Edits without a path belong to the diagnostic's document; others name the file they change. */
function workspaceEditOf(fix: Fix, documentUri: string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const uri = edit.path === undefined ? documentUri : uriFromPath(edit.path);
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}
