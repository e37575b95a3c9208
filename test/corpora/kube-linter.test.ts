import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPORA, CORPUS_CHECKS, corpusExists, findingsOf } from "./harness.ts";

/**
 * kube-linter's own check fixtures (`../shared/corpora/kube-linter-checks`): on each
 * fixture, the rule mapped to a check reports as many findings as kube-linter does, as
 * `expected.json` records it.
 */
const ROOT = join(CORPORA, "kube-linter-checks");

interface Expected {
  check: string;
  fixture: string;
  count: number;
  reports: string[];
}

const tally = { fixtures: 0, agreed: 0 };

test("the kube-linter corpus is present", () => {
  assert.ok(corpusExists("kube-linter-checks/expected.json"), `${ROOT}/expected.json is missing`);
});

const expected: Expected[] = corpusExists("kube-linter-checks/expected.json") ? JSON.parse(readFileSync(join(ROOT, "expected.json"), "utf8")) : [];
const mapped = CORPUS_CHECKS.flatMap((check) => (check.kubeLinter ?? []).map((name) => ({ name, check })));

for (const { name, check } of mapped) {
  describe(`kube-linter ${name} → ${check.rule}`, () => {
    const entries = expected.filter((entry) => entry.check === name);
    test("is in expected.json", () => {
      assert.ok(entries.length > 0, `no check ${name} in expected.json`);
    });
    for (const entry of entries) {
      test(`${entry.fixture} gives ${entry.count} findings`, () => {
        tally.fixtures++;
        const path = join(ROOT, entry.fixture);
        const findings = findingsOf(check, path, readFileSync(path, "utf8"));
        assert.equal(
          findings.length,
          entry.count,
          `kube-linter reports:\n${entry.reports.map((report) => `  ${report}`).join("\n")}\nwe report:\n${findings.map((finding) => `  ${finding.range.start.line + 1}: ${finding.message}`).join("\n")}`,
        );
        tally.agreed++;
      });
    }
  });
}

after(() => {
  const names = new Set(mapped.map(({ name }) => name));
  const all = new Set(expected.map((entry) => entry.check));
  console.log(`kube-linter corpus: ${names.size}/${all.size} checks covered; ${tally.agreed}/${tally.fixtures} fixtures agree on the number of findings.`);
});
