import type { Rule } from "../analysis/index.ts";

/** `shipshape rules`: one line per rule, aligned, so the list reads well and greps well. */
export function formatRulesText(rules: readonly Rule<any>[]): string {
  const header = ["RULE", "SEVERITY", "RECOMMENDED", "FIXABLE", "SUMMARY"];
  const rows = rules.map((rule) => [rule.id, rule.severity, yesNo(rule.recommended), yesNo(rule.fix !== undefined), rule.docs.summary]);
  const widths = header.slice(0, -1).map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]!) : cell)).join("  ");
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

export function formatRulesJson(rules: readonly Rule<any>[]): string {
  const list = rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    recommended: rule.recommended,
    fixable: rule.fix !== undefined,
    summary: rule.docs.summary,
  }));
  return JSON.stringify({ version: 1, rules: list }, null, 2) + "\n";
}

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}
