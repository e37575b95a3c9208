import type { Severity } from "../analysis/index.ts";
import { hasSafeFix } from "./apply-fixes.ts";
import type { CheckResult } from "./run-check.ts";

/** The counts every output format closes with. */
export interface Summary {
  files: number;
  findings: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Findings fixed by `--fix` in this run. */
  fixed: number;
  /** Remaining findings that `--fix` would fix. */
  fixable: number;
}

export function summarize(result: CheckResult): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let findings = 0;
  let fixable = 0;
  for (const file of result.files) {
    for (const finding of file.findings) {
      findings++;
      bySeverity[finding.severity]++;
      if (hasSafeFix(finding)) fixable++;
    }
  }
  return {
    files: result.files.length,
    findings,
    errors: bySeverity.error,
    warnings: bySeverity.warning,
    infos: bySeverity.info,
    hints: bySeverity.hint,
    fixed: result.fixed.reduce((sum, file) => sum + file.fixedFindings, 0),
    fixable,
  };
}
