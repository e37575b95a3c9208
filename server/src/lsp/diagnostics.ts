import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from "vscode-languageserver/node";
import type { Finding, FindingTag, Severity } from "../analysis/index.ts";

/** Every diagnostic carries this source, so code actions recognise their own diagnostics. */
export const DIAGNOSTIC_SOURCE = "shipshape";

/** Each rule's documentation page is `<base><rule id>.md`; the rule id already holds its group folder. */
export const RULE_DOCS_BASE = "https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/";

/**
 * What a diagnostic carries for its quick-fixes. The client hands it back unchanged with
 * every code action request, so fixes need no server-side memory of past findings.
 */
export interface DiagnosticData {
  ruleId: string;
  data: unknown;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    data: { ruleId: finding.ruleId, data: finding.data } satisfies DiagnosticData,
  };
  const tags = (finding.tags ?? []).map((tag) => TAG[tag]);
  if (tags.length > 0) diagnostic.tags = tags;
  return diagnostic;
}

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}

/**
 * The rule id and fix data of one of our diagnostics, or `undefined` for any other
 * diagnostic. The message is never looked at: it may be translated or edited.
 */
export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== "string") return undefined;
  const carried = diagnostic.data as Partial<DiagnosticData> | null | undefined;
  if (carried === null || typeof carried !== "object") return { ruleId: diagnostic.code, data: undefined };
  if (carried.ruleId !== undefined && carried.ruleId !== diagnostic.code) return undefined;
  return { ruleId: diagnostic.code, data: carried.data };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAG: Record<FindingTag, DiagnosticTag> = {
  unnecessary: DiagnosticTag.Unnecessary,
  deprecated: DiagnosticTag.Deprecated,
};
