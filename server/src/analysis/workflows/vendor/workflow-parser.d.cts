// Types of the part of @actions/workflow-parser that server/src/analysis/workflows/github-parser.ts uses.
export interface TokenPosition { line: number; column: number }
export interface TokenRange { start: TokenPosition; end: TokenPosition }
export interface TemplateValidationError { readonly rawMessage: string; readonly message: string; readonly range: TokenRange | undefined }
export declare class NoOperationTraceWriter { error(message: string): void; info(message: string): void; verbose(message: string): void }
export interface TemplateParseResult { context: { errors: { getErrors(): TemplateValidationError[] } }; value: unknown }
export declare function parseWorkflow(entryFile: { name: string; content: string }, trace: NoOperationTraceWriter): TemplateParseResult;
/** Validates a workflow from a `yaml` Document already parsed; `lineStarts` holds the offset each line of its text starts at (LineIndex.lineStarts). */
export declare function parseActionDocument(document: unknown, lineStarts: readonly number[]): TemplateValidationError[];
export declare function parseWorkflowDocument(document: unknown, lineStarts: readonly number[]): TemplateValidationError[];
/** GitHub's workflow schema: definitions with descriptions, mappings, sequences, one-of and allowed values. */
export declare const workflowSchema: { definitions: Record<string, SchemaDefinition> };
export interface SchemaDefinition {
  description?: string;
  mapping?: { properties?: Record<string, string | { type: string; required?: boolean; description?: string }>; "loose-key-type"?: string; "loose-value-type"?: string };
  sequence?: { "item-type": string };
  "one-of"?: string[];
  "allowed-values"?: string[];
  string?: { constant?: string };
  context?: string[];
}
