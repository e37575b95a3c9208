// Plain data shared by every layer. Positions follow LSP conventions (0-based lines,
// UTF-16 code-unit columns) so the protocol layer converts nothing, yet nothing here
// depends on the protocol package.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = "error" | "warning" | "info" | "hint";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "hint"];

/**
 * What a YAML document (or a whole non-YAML file) is. Detection lives in one place:
 * `documents/kind.ts`.
 */
export type DocumentKind =
  | "manifest"
  | "chart-values"
  | "chart-template"
  | "chart-metadata"
  | "workflow"
  | "action-metadata"
  | "shipshape-config"
  | "other";

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "manifest",
  "chart-values",
  "chart-template",
  "chart-metadata",
  "workflow",
  "action-metadata",
  "shipshape-config",
  "other",
];

/** A text replacement. `path` names another file; when absent the edit is in the finding's file. */
export interface TextEdit {
  range: Range;
  newText: string;
  path?: string;
}

/** A concrete fix: what the editor shows as a quick-fix and what `--fix` applies when `safe`. */
export interface Fix {
  title: string;
  /** Safe fixes keep the meaning the author intended and may be applied without review. */
  safe: boolean;
  edits: TextEdit[];
}

export type FindingTag = "unnecessary" | "deprecated";

/** One problem found by one rule. Everything a fix needs is in `data`. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  data: unknown;
  tags?: FindingTag[];
  /** Titles and safety of the fixes available for this finding. */
  fixes: Array<{ title: string; safe: boolean }>;
}

/** A file handed to the analysis by the I/O layer. Paths use forward slashes. */
export interface SourceFile {
  path: string;
  text: string;
}
