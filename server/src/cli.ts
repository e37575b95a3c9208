#!/usr/bin/env node
import { version, repository } from "../../package.json";
import { ALL_RULES } from "./analysis/index.ts";
import { HELP_TEXT, parseInvocation, type CheckOptions } from "./cli/args.ts";
import { UsageError } from "./cli/errors.ts";
import { formatJson } from "./cli/format-json.ts";
import { formatRulesJson, formatRulesText } from "./cli/format-rules.ts";
import { formatSarif } from "./cli/format-sarif.ts";
import { formatFixReport, formatText } from "./cli/format-text.ts";
import { runCheck } from "./cli/run-check.ts";
import { summarize } from "./cli/summary.ts";

/**
 * `shipshape`: the analysis the editor runs, for pipelines. Exit codes: 0 when no
 * error-severity finding remains, 1 when one does, 2 for usage or internal errors.
 * Every failure ends in one line on stderr; stack traces only with SHIPSHAPE_DEBUG=1.
 */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const debug = process.env.SHIPSHAPE_DEBUG === "1";

main(process.argv.slice(2)).then(
  (code) => {
    // Setting the code rather than calling exit() lets piped stdout drain completely.
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail = debug && error instanceof Error ? error.stack : error instanceof Error ? error.message : String(error);
    const prefix = error instanceof UsageError ? "shipshape:" : "shipshape: internal error:";
    process.stderr.write(`${prefix} ${detail}\n`);
    process.exitCode = EXIT_USAGE;
  },
);

async function main(argv: readonly string[]): Promise<number> {
  const invocation = parseInvocation(argv);
  switch (invocation.command) {
    case "help":
      process.stdout.write(HELP_TEXT);
      return EXIT_CLEAN;
    case "version":
      process.stdout.write(`${version}\n`);
      return EXIT_CLEAN;
    case "rules":
      process.stdout.write(invocation.format === "json" ? formatRulesJson(ALL_RULES) : formatRulesText(ALL_RULES));
      return EXIT_CLEAN;
    case "check":
      return check(invocation.options);
  }
}

async function check(options: CheckOptions): Promise<number> {
  const cwd = process.cwd();
  const warn = (message: string) => process.stderr.write(`shipshape: warning: ${message}\n`);
  const result = await runCheck(options, { cwd, warn, debug });

  process.stderr.write(formatFixReport(result));
  switch (options.format) {
    case "json":
      process.stdout.write(formatJson(result));
      break;
    case "sarif":
      process.stdout.write(formatSarif(result, { version, informationUri: projectUri(), rules: ALL_RULES, cwd }));
      break;
    case "text":
      process.stdout.write(formatText(result, { color: wantsColor() }));
      break;
  }
  if (result.ioFailures > 0) {
    process.stderr.write(`shipshape: ${result.ioFailures} file(s) could not be read or written, so this result is incomplete.\n`);
    return EXIT_USAGE;
  }
  return summarize(result).errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** NO_COLOR (any non-empty value) always wins; FORCE_COLOR turns colour on in CI logs that are not terminals. */
function wantsColor(): boolean {
  if (process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return process.stdout.isTTY === true;
}

function projectUri(): string {
  return repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
}
