import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after } from "node:test";

/**
 * Helpers for the CLI tests. They run the real bundle, `dist/cli.js`, as a pipeline
 * would: `npm run build` comes first. SHIPSHAPE_CLI_UNDER_TEST points them at another
 * build, such as an installed package.
 */
export const CLI = process.env.SHIPSHAPE_CLI_UNDER_TEST ?? resolve(__dirname, "../../dist/cli.js");
export const RULES_DIR = resolve(__dirname, "../../server/src/analysis/rules");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, timeout = 60_000): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the CLI tests.`);
  // A clean environment, so a developer's NO_COLOR or FORCE_COLOR cannot change the output.
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, SHIPSHAPE_DEBUG: _debug, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...inherited, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs with `--format json` and parses stdout, which must be one JSON object and nothing else. */
export function runJson(args: readonly string[], cwd: string): { code: number | null; report: JsonReport; stderr: string } {
  const run = runCli([...args, "--format", "json"], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${run.code}):\n${run.stdout.slice(0, 2000)}\nstderr:\n${run.stderr}`);
  }
  return { code: run.code, report, stderr: run.stderr };
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: string;
  fixes: string[];
}

export interface JsonReport {
  version: number;
  findings: JsonFinding[];
  summary: Record<"files" | "findings" | "errors" | "warnings" | "infos" | "hints" | "fixed", number>;
}

/** A temporary workspace holding `files` (path → content), removed when the test file ends. */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "shipshape-cli-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) writeWorkspaceFile(root, path, content);
  return root;
}

export function writeWorkspaceFile(root: string, path: string, content: string | Buffer): void {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
}

/** A rule fixture's text, e.g. `fixture("yaml/duplicate-key", "metadata.yaml")`. */
export function fixture(ruleId: string, path: string): string {
  return readFileSync(join(RULES_DIR, ruleId, "fixtures", path), "utf8");
}

/** `[file:line:column rule]` for each finding: compact, and exact enough to pin positions. */
export function located(findings: readonly JsonFinding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.rule}`);
}
