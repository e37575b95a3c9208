import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFile } from "../../server/src/analysis/index.ts";

const duplicate = (prefix: string) => `${prefix}a: 1\na: 2\n`;

const cases: Array<[string, string, number]> = [
  ["no directive", duplicate(""), 1],
  ["next-line with the rule id", "a: 1\n# shipshape-disable-next-line yaml/duplicate-key\na: 2\n", 0],
  ["next-line with another rule id", "a: 1\n# shipshape-disable-next-line yaml/syntax-error\na: 2\n", 1],
  ["next-line with no id suppresses every rule", "a: 1\n# shipshape-disable-next-line\na: 2\n", 0],
  ["next-line with several ids and a reason", "a: 1\n# shipshape-disable-next-line yaml/syntax-error, yaml/duplicate-key -- kept on purpose\na: 2\n", 0],
  ["next-line only covers the next line", "# shipshape-disable-next-line yaml/duplicate-key\na: 1\na: 2\n", 1],
  ["file-wide", duplicate("# shipshape-disable-file yaml/duplicate-key\n"), 0],
  ["file-wide for another rule", duplicate("# shipshape-disable-file kubernetes/container-resources\n"), 1],
  ["in a Go template comment", "a: 1\n{{/* shipshape-disable-next-line yaml/duplicate-key */}}\na: 2\n", 0],
];

for (const [name, text, count] of cases) {
  test(`suppression: ${name}`, () => {
    const findings = analyzeFile({ path: "/w/x.yaml", text }).filter((finding) => finding.ruleId === "yaml/duplicate-key");
    assert.equal(findings.length, count);
  });
}
