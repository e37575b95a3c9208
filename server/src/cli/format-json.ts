import type { CheckResult } from "./run-check.ts";
import { summarize } from "./summary.ts";

/** The stable machine-readable shape; `version` changes only when a field changes meaning. */
export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  summary: Omit<ReturnType<typeof summarize>, "fixable">;
}

export interface JsonFinding {
  file: string;
  /** 1-based lines and columns; a column counts UTF-16 code units, as LSP and VS Code do. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  /** Titles of every fix on offer, safe or not. */
  fixes: string[];
}

export function formatJson(result: CheckResult): string {
  const { fixable: _fixable, ...summary } = summarize(result);
  const report: JsonReport = {
    version: 1,
    findings: result.files.flatMap((file) =>
      file.findings.map((finding) => ({
        file: file.displayPath,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        rule: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        fixes: finding.fixes.map((fix) => fix.title),
      })),
    ),
    summary,
  };
  return JSON.stringify(report, null, 2) + "\n";
}
