import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ALL_RULES, ALL_RULE_IDS } from "../../server/src/analysis/index.ts";
import { runCli, workspace } from "./support.ts";

const packageVersion = (JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as { version: string }).version;

test("--version prints the package version", () => {
  for (const flag of ["--version", "-v"]) assert.equal(runCli([flag], workspace({})).stdout, `${packageVersion}\n`);
});

test("--help names every command and option", () => {
  const help = runCli(["--help"], workspace({})).stdout;
  for (const word of ["check", "rules", "--format", "--fix", "--config", "--kubernetes-version", "Exit codes"]) assert.ok(help.includes(word), word);
  assert.equal(runCli(["check", "--help"], workspace({})).stdout, help);
});

test("rules lists every rule id with its severity, recommended and fixable columns", () => {
  const run = runCli(["rules"], workspace({}));
  assert.equal(run.code, 0);
  const [header, ...rows] = run.stdout.trimEnd().split("\n");
  assert.match(header!, /^RULE\s+SEVERITY\s+RECOMMENDED\s+FIXABLE\s+SUMMARY$/);
  assert.deepEqual(rows.map((row) => row.split(/\s+/)[0]).sort(), [...ALL_RULE_IDS].sort());
  for (const rule of ALL_RULES) {
    const row = rows.find((line) => line.startsWith(rule.id + " "))!;
    const [, severity, recommended, fixable] = row.split(/\s+/);
    assert.deepEqual([severity, recommended, fixable], [rule.severity, rule.recommended ? "yes" : "no", rule.fix ? "yes" : "no"], rule.id);
    assert.ok(row.endsWith(rule.docs.summary), `${rule.id} row ends with its summary`);
  }
});

test("rules --format json lists the same rules", () => {
  const listed = (JSON.parse(runCli(["rules", "--format", "json"], workspace({})).stdout) as { rules: Array<{ id: string; fixable: boolean }> }).rules;
  assert.deepEqual(listed.map((rule) => rule.id).sort(), [...ALL_RULE_IDS].sort());
});

test("text output: a gcc-style line, the source line with a caret underline, and a summary", () => {
  const root = workspace({ "cm.yaml": "a: 1\nkey: 2\nkey: 3\n", "ok.yaml": "x: 1\n" });
  const run = runCli(["check"], root);
  assert.equal(run.code, 1);
  assert.equal(
    run.stdout,
    [
      'cm.yaml:3:1: error: The key "key" is already set on line 2 of this mapping. Tools disagree on which value wins; keep only one. [yaml/duplicate-key]',
      "  3 | key: 3",
      "    | ^^^",
      "",
      "1 problem (1 error, 0 warnings) in 1 of 2 files",
      "",
    ].join("\n"),
  );
});

test("text output: a clean run says so", () => {
  assert.equal(runCli(["check"], workspace({ "a.yaml": "x: 1\n" })).stdout, "No problems in 1 file.\n");
});

test("text output: tabs before the finding keep the caret aligned", () => {
  const run = runCli(["check"], workspace({ "t.yaml": "a: 1\n\tb: 2\n" }));
  assert.match(run.stdout, /\n {2}2 \| \tb: 2\n {4}\| \^\n/);
});

test("text output: colour only when asked for, and NO_COLOR always wins", () => {
  const root = workspace({ "cm.yaml": "a: 1\na: 2\n" });
  const ESC = "\x1b[";
  assert.ok(!runCli(["check"], root).stdout.includes(ESC), "piped output has no colour");
  assert.ok(runCli(["check"], root, { FORCE_COLOR: "1" }).stdout.includes(`${ESC}31merror:`), "FORCE_COLOR colours severities");
  assert.ok(!runCli(["check"], root, { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout.includes(ESC), "NO_COLOR wins");
});

test("text output: control characters from a file cannot reach the terminal", () => {
  const run = runCli(["check"], workspace({ "evil.yaml": "a: 1\na: \x1b[2J\x07\n" }));
  assert.ok(!run.stdout.includes("\x1b"), "an escape character was printed");
});
