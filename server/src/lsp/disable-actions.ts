import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

/**
 * The "disable this rule" quick fixes. They write the same suppression comments a person
 * would, so the CLI and every editor honour them too:
 *   # shipshape-disable-next-line <rule-id>   above the reported line, at its indentation
 *   # shipshape-disable-file <rule-id>        at the top of the file
 * A directive that already lists rule ids gets the new id appended instead of a second line,
 * and a byte order mark stays the first character of the file.
 */
export function disableForLineAction(ruleId: string, diagnostic: Diagnostic, document: TextDocument): CodeAction {
  const line = diagnostic.range.start.line;
  const existing = line > 0 ? directiveLine(document, line - 1, NEXT_LINE_DIRECTIVE) : undefined;
  if (existing) {
    existing.newText = ` ${ruleId}`;
    return disableAction(`Disable ${ruleId} for this line`, diagnostic, document.uri, existing);
  }
  const text = lineText(document, line);
  const start = { line, character: text.startsWith("\uFEFF") ? 1 : 0 };
  const edit: TextEdit = {
    range: { start, end: start },
    newText: `${indentationOf(text)}# shipshape-disable-next-line ${ruleId}${eolOf(document)}`,
  };
  return disableAction(`Disable ${ruleId} for this line`, diagnostic, document.uri, edit);
}

export function disableForFileAction(ruleId: string, diagnostic: Diagnostic, document: TextDocument): CodeAction {
  const existing = leadingFileDirective(document);
  if (existing) {
    existing.newText = ` ${ruleId}`;
    return disableAction(`Disable ${ruleId} for this file`, diagnostic, document.uri, existing);
  }
  const start = { line: 0, character: lineText(document, 0).startsWith("\uFEFF") ? 1 : 0 };
  const edit: TextEdit = {
    range: { start, end: start },
    newText: `# shipshape-disable-file ${ruleId}${eolOf(document)}`,
  };
  return disableAction(`Disable ${ruleId} for this file`, diagnostic, document.uri, edit);
}

/** A comment that holds only the directive and rule ids, so appending another id keeps its meaning. */
const NEXT_LINE_DIRECTIVE = /^(\s*#\s*shipshape-disable-next-line(?:[ ,]+[a-z0-9-]+\/[a-z0-9-]+)+)\s*$/;
const FILE_DIRECTIVE = /^(\uFEFF?\s*#\s*shipshape-disable-file(?:[ ,]+[a-z0-9-]+\/[a-z0-9-]+)+)\s*$/;

function disableAction(title: string, diagnostic: Diagnostic, uri: string, edit: TextEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [edit] } } };
}

/** An empty edit at the end of the directive's ids on `line`, when that line is such a directive. */
function directiveLine(document: TextDocument, line: number, directive: RegExp): TextEdit | undefined {
  const match = directive.exec(lineText(document, line));
  if (!match) return undefined;
  const end = { line, character: match[1]!.length };
  return { range: { start: end, end }, newText: "" };
}

/** The file directive among the comment lines at the top of the file, where the action puts it. */
function leadingFileDirective(document: TextDocument): TextEdit | undefined {
  for (let line = 0; line < document.lineCount; line++) {
    const text = lineText(document, line);
    const found = directiveLine(document, line, FILE_DIRECTIVE);
    if (found) return found;
    if (!/^\uFEFF?\s*(#.*)?$/.test(text)) return undefined;
  }
  return undefined;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
}

function indentationOf(text: string): string {
  return /^[ \t]*/.exec(text.replace(/^\uFEFF/, ""))![0];
}

/** The line ending the document already uses, so the inserted line matches its neighbours. */
function eolOf(document: TextDocument): string {
  const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  return firstLine.endsWith("\r\n") ? "\r\n" : "\n";
}
