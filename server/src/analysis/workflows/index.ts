import type { CheckContext } from "../rules/define-rule.ts";
import { buildWorkflowModel, type WorkflowModel } from "./model.ts";
import { githubParserIssues, type ParserIssue } from "./github-parser.ts";

export * from "./model.ts";
export * from "./expressions.ts";
export type { ParserIssue } from "./github-parser.ts";

/** The document's workflow model, built once and shared by every workflow rule. */
export function workflowOf(context: CheckContext<any>): WorkflowModel {
  return context.remember("workflows/model", () => buildWorkflowModel(context.document!.yaml, context.file.text));
}

/**
 * GitHub's parser's findings on the file, computed once per document. A document with YAML
 * errors gets none: yaml/syntax-error reports those, and the parser's view of broken YAML is noise.
 */
export function parserIssuesOf(context: CheckContext<any>): ParserIssue[] {
  return context.remember("workflows/parser", () => {
    const { file, document } = context;
    if (!document || document.yaml.errors.length > 0 || file.documents.length !== 1) return [];
    return githubParserIssues(document.yaml, file.text, file.lines, document.kind === "action-metadata" ? "action" : "workflow");
  });
}
