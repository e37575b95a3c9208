import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, runCli, workspace } from "./support.ts";

/**
 * Hostile or accidental input: the CLI must exit 0 or 1 with the findings that explain
 * the problem, never 2 and never a crash, and quickly.
 */
interface BadInputCase {
  name: string;
  content: () => string | Buffer;
  code: 0 | 1;
  /** The findings' rules, in order; each entry lists the acceptable rules for that finding. */
  rules: string[];
  /** Part of the first finding's message, to tell the input-limit reasons apart. */
  message?: RegExp;
}

const DEPTH = 10_000;

const CASES: BadInputCase[] = [
  { name: "a binary file", content: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]), code: 0, rules: ["yaml/input-limit"], message: /looks binary/ },
  { name: "an empty file", content: () => "", code: 0, rules: [] },
  { name: "a file of blank lines and comments", content: () => "\n\n# nothing\n\n", code: 0, rules: [] },
  { name: "a 20 MB file", content: () => "key: value\n".repeat(2 * 1024 * 1024), code: 0, rules: ["yaml/input-limit"], message: /over the 4 MB/ },
  { name: "an alias bomb", content: () => fixture("yaml/input-limit", "alias-bomb.yaml"), code: 0, rules: ["yaml/input-limit"], message: /alias bomb/ },
  { name: `${DEPTH}-deep flow nesting`, content: () => "[".repeat(DEPTH) + "]".repeat(DEPTH) + "\n", code: 0, rules: ["yaml/input-limit"], message: /deeper than 500 levels/ },
  { name: `${DEPTH}-deep mapping nesting`, content: () => "{a: ".repeat(DEPTH) + "1" + "}".repeat(DEPTH) + "\n", code: 0, rules: ["yaml/input-limit"], message: /deeper than 500 levels/ },
  {
    name: "600 levels of block indentation",
    content: () => Array.from({ length: 600 }, (_, level) => " ".repeat(level * 2) + "a:").join("\n") + " 1\n",
    code: 0,
    rules: ["yaml/input-limit"],
    message: /deeper than 500 levels/,
  },
  { name: `${DEPTH}-deep compact sequences`, content: () => "- ".repeat(DEPTH) + "x\n", code: 0, rules: ["yaml/input-limit"], message: /deeper than 500 levels/ },
  { name: `${DEPTH}-deep explicit keys`, content: () => "? ".repeat(DEPTH) + "x\n", code: 0, rules: ["yaml/input-limit"], message: /deeper than 500 levels/ },
  // Under the depth limit, nested collection keys must still not make the analysis crawl.
  { name: "400-deep explicit keys", content: () => "? ".repeat(400) + "x\n", code: 0, rules: [] },
  { name: "a byte-order mark", content: () => "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", code: 0, rules: [] },
  { name: "tab indentation", content: () => "a:\n\tb: 1\n", code: 1, rules: ["yaml/syntax-error"], message: /A tab is used for indentation/ },
  { name: "invalid UTF-8", content: () => Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]), code: 0, rules: [] },
  { name: "a 100,000-character single line", content: () => `k: "${"x".repeat(100_000)}"\nk: 2\n`, code: 1, rules: ["yaml/duplicate-key"] },
];

for (const entry of CASES) {
  test(`bad input: ${entry.name}`, () => {
    const root = workspace({ "input.yaml": entry.content() });
    const run = runCli(["check", "--format", "json"], root, {}, 20_000);
    assert.equal(run.code, entry.code, `exit code; stderr:\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as { findings: Array<{ rule: string; message: string; line: number; column: number }> };
    assert.deepEqual(report.findings.map((finding) => finding.rule), entry.rules);
    if (entry.message) assert.match(report.findings[0]!.message, entry.message);
    for (const finding of report.findings) assert.ok(finding.line >= 1 && finding.column >= 1);
    // The text format must cope as well: a code frame of a huge or binary line stays short.
    const text = runCli(["check"], root);
    assert.equal(text.code, entry.code);
    assert.ok(text.stdout.split("\n").every((line) => line.length < 400), "a text line is too long");
  });
}
