import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { LineIndex, type Finding, type Rule, type Severity } from "../analysis/index.ts";
import type { AnalysedFile, CheckResult } from "./run-check.ts";

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, every rule described once
 * (so `ruleIndex` is stable from run to run), and results whose regions are 1-based
 * and never empty. Types are written out here rather than taken from a package, and
 * cover only what is emitted.
 */
export interface SarifToolInfo {
  version: string;
  /** Where the project lives; rule help links point below it. */
  informationUri: string;
  rules: readonly Rule<any>[];
  /** The folder result paths are relative to, the `%SRCROOT%` base. */
  cwd: string;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Our own fingerprint key: GitHub computes `primaryLocationLineHash` itself and it must not be faked. */
export const FINGERPRINT_KEY = "shipshapeFinding/v1";

export function formatSarif(result: CheckResult, tool: SarifToolInfo): string {
  const ruleIndex = new Map(tool.rules.map((rule, index) => [rule.id, index]));
  const occurrences = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const file of result.files) {
    if (file.findings.length === 0) continue;
    const lines = new LineIndex(file.text);
    for (const finding of file.findings) results.push(toResult(file, finding, lines, ruleIndex, occurrences));
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Shipshape",
            informationUri: tool.informationUri,
            version: tool.version,
            semanticVersion: tool.version,
            rules: tool.rules.map((rule) => toDescriptor(rule, tool.informationUri)),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: directoryUri(tool.cwd) } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

export function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: "error" | "warning" | "note";
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }>;
  partialFingerprints: Record<string, string>;
}

function toDescriptor(rule: Rule<any>, informationUri: string) {
  const { summary, why, invalid, valid } = rule.docs;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: summary },
    fullDescription: { text: why },
    helpUri: `${informationUri}/blob/main/docs/rules/${rule.id}.md`,
    help: {
      text: `${summary}\n\n${why}`,
      markdown: [
        `**${summary}**`,
        why,
        `Reported (\`${invalid.path}\`):`,
        "```yaml\n" + invalid.text.trimEnd() + "\n```",
        `Not reported (\`${valid.path}\`):`,
        "```yaml\n" + valid.text.trimEnd() + "\n```",
      ].join("\n\n"),
    },
    defaultConfiguration: { level: sarifLevel(rule.severity), enabled: rule.recommended },
    properties: {
      tags: ["shipshape", rule.id.slice(0, rule.id.indexOf("/")), ...(rule.fix ? ["fixable"] : [])],
      precision: "high",
    },
  };
}

function toResult(file: AnalysedFile, finding: Finding, lines: LineIndex, ruleIndex: ReadonlyMap<string, number>, occurrences: Map<string, number>): SarifResult {
  const lineText = finding.range.start.line < lines.lineCount ? lines.lineText(finding.range.start.line).trim() : "";
  // The same rule can fire twice on identical lines; the occurrence number keeps their fingerprints apart.
  const identity = `${finding.ruleId}\0${file.displayPath}\0${lineText}`;
  const occurrence = (occurrences.get(identity) ?? 0) + 1;
  occurrences.set(identity, occurrence);
  const hash = createHash("sha256").update(identity).digest("hex").slice(0, 32);
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(file.displayPath), uriBaseId: "%SRCROOT%" },
          region: regionOf(finding, lines),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
  };
}

/**
 * LSP ranges are 0-based with an exclusive end; SARIF regions are 1-based with an
 * exclusive end column. GitHub rejects an empty region, so an empty range widens to one
 * character, and a range ending at the start of a line ends at the previous line's end.
 */
function regionOf(finding: Finding, lines: LineIndex): SarifRegion {
  const { start } = finding.range;
  let { end } = finding.range;
  if (end.line > start.line && end.character === 0) {
    const previous = end.line - 1;
    end = { line: previous, character: lines.lineText(previous).length };
  }
  const region = { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  if (region.endLine < region.startLine || (region.endLine === region.startLine && region.endColumn <= region.startColumn)) {
    region.endLine = region.startLine;
    region.endColumn = region.startColumn + 1;
  }
  return region;
}

function directoryUri(path: string): string {
  const uri = pathToFileURL(path).href;
  return uri.endsWith("/") ? uri : uri + "/";
}

function pascalCase(id: string): string {
  return id
    .split(/[/-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
