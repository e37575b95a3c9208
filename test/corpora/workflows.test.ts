import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES, analyzeFile, defaultConfig, type Finding } from "../../server/src/analysis/index.ts";
import { CORPORA, corpusExists } from "./harness.ts";

/**
 * Accuracy on workflows no one here wrote (issue #6). actionlint's broken workflows
 * (`actionlint-err`): the share of its expected errors, leaving out [shellcheck] and [pyflakes],
 * on whose line Shipshape reports a finding (recall, with a floor). actionlint's accepted
 * workflows and GitHub's starter workflows: no error-severity finding at all.
 */
const RECALL_FLOOR = 0.99;

/** Every workflow rule on, as `recommended` plus the opt-in ones. */
function config() {
  const config = defaultConfig();
  for (const rule of ALL_RULES) if (rule.id.startsWith("workflows/") || rule.recommended) config.rules[rule.id] = {};
  return config;
}

function analyse(name: string, text: string): Finding[] {
  const errors: string[] = [];
  const findings = analyzeFile({ path: `/repo/.github/workflows/${name}`, text }, { config: config(), onRuleError: (ruleId, _path, error) => errors.push(`${ruleId}: ${String(error)}`) });
  assert.deepEqual(errors, [], `a rule threw on ${name}`);
  return findings;
}

test("actionlint-err: recall of actionlint's expected errors", { skip: !corpusExists("actionlint-err") }, () => {
  const dir = join(CORPORA, "actionlint-err");
  const perKind = new Map<string, { expected: number; found: number }>();
  const missed: string[] = [];
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith(".yaml")).sort()) {
    const findings = analyse(name, readFileSync(join(dir, name), "utf8"));
    const lines = new Set(findings.map((finding) => finding.range.start.line + 1));
    const out = readFileSync(join(dir, name.replace(/\.yaml$/, ".out")), "utf8").split("\n").filter((line) => line.trim() !== "");
    for (const line of out) {
      const kind = /\\?\[([a-z-]+)\\?\]\/?$/.exec(line)?.[1] ?? (/label "/.test(line) ? "runner-label" : /property "/.test(line) ? "expression" : "other");
      if (kind === "shellcheck" || kind === "pyflakes") continue;
      const at = /test\\?\.yaml:(\d+):/.exec(line);
      assert.ok(at, `unreadable line in ${name}.out: ${line}`);
      const tally = perKind.get(kind) ?? { expected: 0, found: 0 };
      tally.expected++;
      if (lines.has(Number(at[1]))) tally.found++;
      else missed.push(`${name}:${at[1]} ${line.slice(line.indexOf(": ") + 2, 120)}`);
      perKind.set(kind, tally);
    }
  }
  let expected = 0;
  let found = 0;
  for (const [kind, tally] of [...perKind].sort()) {
    expected += tally.expected;
    found += tally.found;
    console.log(`  ${kind.padEnd(20)} ${tally.found}/${tally.expected} (${((100 * tally.found) / tally.expected).toFixed(0)}%)`);
  }
  const recall = found / expected;
  console.log(`  overall              ${found}/${expected} (${(100 * recall).toFixed(1)}%)`);
  if (process.env.SHOW_MISSED) console.log(missed.join("\n"));
  assert.ok(recall >= RECALL_FLOOR, `recall ${(100 * recall).toFixed(1)}% is under the floor of ${100 * RECALL_FLOOR}%`);
});

function yamlFilesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesBelow(path);
    // The corpus root also holds the repository's own tool configuration, which is no workflow.
    return /\.ya?ml$/.test(name) && !name.startsWith(".") ? [path] : [];
  });
}

for (const corpus of ["actionlint-ok", "starter-workflows"]) {
  test(`${corpus}: no error-severity finding`, { skip: !corpusExists(corpus) }, () => {
    const counts = new Map<string, number>();
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const path of yamlFilesBelow(join(CORPORA, corpus)).sort()) {
      const text = withoutPlaceholders(readFileSync(path, "utf8"));
      const name = path.slice(path.lastIndexOf("/") + 1);
      for (const finding of analyse(name, text)) {
        const key = `${finding.severity} ${finding.ruleId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const where = `${path.slice(CORPORA.length + 1)}:${finding.range.start.line + 1} ${finding.ruleId} ${finding.message}`;
        if (finding.severity === "error") errors.push(where);
        else if (finding.severity === "warning") warnings.push(where);
      }
    }
    for (const [key, count] of [...counts].sort()) console.log(`  ${key}: ${count}`);
    if (process.env.SHOW_WARNINGS) console.log(warnings.join("\n"));
    assert.deepEqual(errors, []);
  });
}

/**
 * Starter workflows are templates: GitHub substitutes `$default-branch` with a branch name, `$cron-daily`
 * and `$cron-weekly` with a schedule, the
 * CodeQL matrix placeholder with the repository's languages, and `{{ name }}` with a value the
 * user picks. Until substituted they are not valid workflows, so they are substituted here.
 */
function withoutPlaceholders(text: string): string {
  return text
    .replace(/\$default-branch/g, "main")
    .replace(/\$cron-daily/g, "0 3 * * *")
    .replace(/\$cron-weekly/g, "0 3 * * 1")
    .replace(/^( *)\$codeql-languages-matrix$/m, "$1include:\n$1  - language: javascript-typescript\n$1    build-mode: none")
    .replace(/(?<!\$)\{\{\s*[A-Za-z_][\w-]*\s*\}\}/g, "placeholder");
}
