import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analyzeFile, ALL_RULES, defaultConfig, fixesForFinding } from "../../../server/src/analysis/index.ts";
import { BAD_INPUTS } from "../../support/bad-inputs.ts";

/**
 * Workflow rules read user YAML of any shape. Every workflow fixture, cut short at many places
 * and with each value swapped for a list, a map or null in turn, must be analysed (with every
 * rule on) and have its fixes computed without a throw.
 */
const RULES_DIR = resolve(__dirname, "../../../server/src/analysis/rules/workflows");
const FIXTURES = readdirSync(RULES_DIR).flatMap((rule) => {
  const dir = join(RULES_DIR, rule, "fixtures", ".github", "workflows");
  try {
    return readdirSync(dir).filter((name) => !name.includes(".golden.")).map((name) => readFileSync(join(dir, name), "utf8"));
  } catch {
    return [];
  }
});

const config = defaultConfig();
for (const rule of ALL_RULES) config.rules[rule.id] = {};

function analyse(text: string): number {
  const file = { path: "/w/.github/workflows/ci.yml", text };
  const findings = analyzeFile(file, { config });
  for (const finding of findings) fixesForFinding(finding.ruleId, finding.data, file);
  return findings.length;
}

test("there are workflow fixtures to mutate", () => {
  assert.ok(FIXTURES.length >= 20, `only ${FIXTURES.length} workflow fixtures found`);
});

test("every workflow fixture cut short at 40 places is analysed without a throw", () => {
  let runs = 0;
  for (const text of FIXTURES) {
    for (let cut = 1; cut <= 40; cut++) {
      analyse(text.slice(0, Math.floor((text.length * cut) / 41)));
      runs++;
    }
  }
  assert.equal(runs, FIXTURES.length * 40);
});

test("every value of every workflow fixture swapped for [], {} or null is analysed without a throw", () => {
  let runs = 0;
  for (const text of FIXTURES) {
    const lines = text.split("\n");
    lines.forEach((line, index) => {
      const entry = /^(\s*(?:-\s+)?[A-Za-z0-9_.-]+:)\s+\S.*$/.exec(line);
      if (!entry) return;
      for (const replacement of ["[]", "{}", "null", "[1, {a: b}]"]) {
        const mutated = [...lines];
        mutated[index] = `${entry[1]} ${replacement}`;
        analyse(mutated.join("\n"));
        runs++;
      }
    });
  }
  assert.ok(runs > 500, `only ${runs} mutations ran`);
});

test("the bad inputs, as a workflow, are analysed without a throw, and one past a limit gets only yaml/input-limit", () => {
  for (const input of BAD_INPUTS) {
    const file = { path: "/w/.github/workflows/ci.yml", text: input.text() };
    const findings = analyzeFile(file, { config }).map((finding) => finding.ruleId);
    if (input.expectedRules.includes("yaml/input-limit")) assert.deepEqual(findings, ["yaml/input-limit"], input.name);
  }
});
