import type { Document } from "yaml";
import { parseActionDocument, parseWorkflowDocument } from "./vendor/workflow-parser.cjs";
import type { LineIndex } from "../documents/line-index.ts";

/** What GitHub's own parser finds wrong with a workflow, in file offsets. */
export interface ParserIssue {
  start: number;
  end: number;
  /** The parser's message, without its file and position prefix. */
  message: string;
  /** `expression` for a `${{ }}` that does not parse or names what is unknown there; `schema` for the rest. */
  category: "schema" | "expression";
}

/**
 * The parser's messages about expressions. Its errors carry no codes, so the category is read
 * from the message here, once, and never by any rule or fix.
 */
const EXPRESSION_MESSAGE = /named-value|Unrecognized function|parameters|Unexpected symbol|Unexpected end of expression|expression is not closed|Expected a property name|Unexpected type of value|exceeded max|directive/i;
/** Reported by yaml/duplicate-key already. */
const DUPLICATE_MESSAGE = /' is already defined$/;

/**
 * Runs @actions/workflow-parser's schema and expression validation over a workflow document we
 * already parsed (its reader walks our AST, so the text is parsed once), and maps its errors to
 * offsets with the file's line index. Never throws: a parser failure is no issue.
 */
export function githubParserIssues(document: Document.Parsed, text: string, lines: LineIndex, schema: "workflow" | "action" = "workflow"): ParserIssue[] {
  let errors;
  try {
    errors = (schema === "action" ? parseActionDocument : parseWorkflowDocument)(document, lines.lineStarts);
  } catch {
    return [];
  }
  const issues: ParserIssue[] = [];
  for (const error of errors) {
    const message = error.rawMessage;
    if (DUPLICATE_MESSAGE.test(message) || !error.range) continue;
    const start = lines.offsetAt({ line: error.range.start.line - 1, character: Math.max(0, error.range.start.column - 1) });
    let end = lines.offsetAt({ line: error.range.end.line - 1, character: Math.max(0, error.range.end.column - 1) });
    if (end <= start) end = Math.min(text.length, start + 1);
    issues.push({ start, end, message, category: EXPRESSION_MESSAGE.test(message) ? "expression" : "schema" });
  }
  return issues;
}
