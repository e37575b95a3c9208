import { LineIndex, type Finding, type Severity } from "../analysis/index.ts";
import type { AnalysedFile, CheckResult } from "./run-check.ts";
import { summarize } from "./summary.ts";

export interface TextStyle {
  color: boolean;
}

/**
 * gcc-style lines (`path:line:col: severity: message [rule]`), which terminals and
 * editors turn into links, each followed by the source line and a caret underline.
 * Ends with one summary line.
 */
export function formatText(result: CheckResult, style: TextStyle): string {
  const paint = painter(style.color);
  const out: string[] = [];
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    const lines = new LineIndex(file.text);
    for (const finding of file.findings) out.push(...formatFinding(file, finding, lines, paint));
  }
  if (out.length > 0) out.push("");
  out.push(summaryLine(result, paint));
  return out.join("\n") + "\n";
}

/** What `--fix` changed, for stderr so that stdout stays the report. */
export function formatFixReport(result: CheckResult): string {
  const total = result.fixed.reduce((sum, file) => sum + file.fixedFindings, 0);
  if (total === 0) return "";
  const lines = [`fixed ${plural(total, "finding")} in ${plural(result.fixed.length, "file")}:`];
  for (const file of result.fixed) lines.push(`  ${file.displayPath} (${file.fixedFindings})`);
  return lines.join("\n") + "\n";
}

/** How much of a source line the code frame shows, so a minified or binary line cannot flood the terminal. */
const FRAME_WIDTH = 120;
const FRAME_LEAD = 30;

const SEVERITY_COLOR: Record<Severity, Color> = { error: "red", warning: "yellow", info: "blue", hint: "gray" };

type Color = "red" | "yellow" | "blue" | "gray" | "bold" | "dim";
type Paint = (color: Color, text: string) => string;

const ANSI: Record<Color, [number, number]> = {
  red: [31, 39],
  yellow: [33, 39],
  blue: [34, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
};

function painter(enabled: boolean): Paint {
  return enabled ? (color, text) => `\x1b[${ANSI[color][0]}m${text}\x1b[${ANSI[color][1]}m` : (_color, text) => text;
}

function formatFinding(file: AnalysedFile, finding: Finding, lines: LineIndex, paint: Paint): string[] {
  const { start, end } = finding.range;
  const location = `${file.displayPath}:${start.line + 1}:${start.character + 1}`;
  const severity = paint(SEVERITY_COLOR[finding.severity], `${finding.severity}:`);
  const header = `${paint("bold", location)}: ${severity} ${printable(finding.message)} ${paint("dim", `[${finding.ruleId}]`)}`;

  const lineText = start.line < lines.lineCount ? lines.lineText(start.line) : "";
  const endCharacter = end.line === start.line ? end.character : lineText.length;
  const frame = codeFrame(lineText, start.character, Math.max(endCharacter, start.character + 1));
  const gutter = String(start.line + 1);
  const blank = " ".repeat(gutter.length);
  return [
    header,
    `  ${paint("dim", `${gutter} |`)} ${frame.text}`,
    `  ${paint("dim", `${blank} |`)} ${frame.pad}${paint(SEVERITY_COLOR[finding.severity], "^".repeat(frame.caretLength))}`,
  ];
}

/** The visible part of a line and the caret under `[from, to)`. Tabs stay tabs in the padding so both lines align. */
function codeFrame(line: string, from: number, to: number): { text: string; pad: string; caretLength: number } {
  let windowStart = 0;
  let windowEnd = line.length;
  if (line.length > FRAME_WIDTH) {
    windowStart = Math.max(0, Math.min(from - FRAME_LEAD, line.length - FRAME_WIDTH));
    windowEnd = windowStart + FRAME_WIDTH;
  }
  const leftCut = windowStart > 0 ? "…" : "";
  const rightCut = windowEnd < line.length ? "…" : "";
  const visible = printable(line.slice(windowStart, windowEnd));
  const before = line.slice(windowStart, Math.max(windowStart, from));
  const pad = (leftCut ? " " : "") + before.replace(/[^\t]/g, " ");
  const caretLength = Math.max(1, Math.min(to, windowEnd) - Math.max(from, windowStart));
  return { text: leftCut + visible + rightCut, pad, caretLength };
}

/** Control characters from a file or a message could drive the terminal; each becomes one visible symbol. */
function printable(text: string): string {
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, "\uFFFD");
}

function summaryLine(result: CheckResult, paint: Paint): string {
  const summary = summarize(result);
  const checked = plural(summary.files, "file");
  if (summary.findings === 0) return `No problems in ${checked}.`;
  const parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")];
  if (summary.infos > 0) parts.push(plural(summary.infos, "info"));
  if (summary.hints > 0) parts.push(plural(summary.hints, "hint"));
  const filesWithFindings = result.files.filter((file) => file.findings.length > 0).length;
  const color: Color = summary.errors > 0 ? "red" : summary.warnings > 0 ? "yellow" : "blue";
  let line = paint(color, `${plural(summary.findings, "problem")} (${parts.join(", ")})`) + ` in ${filesWithFindings} of ${checked}`;
  if (summary.fixable > 0) line += `; ${summary.fixable} fixable with --fix`;
  return line;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
