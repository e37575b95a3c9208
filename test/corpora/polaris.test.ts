import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPORA, CORPUS_CHECKS, corpusExists, findingsOf, fixRepeatedly, yamlData } from "./harness.ts";
import type { CorpusCheck } from "./checks/types.ts";

/**
 * Polaris's own check fixtures (`../shared/corpora/polaris-checks/<check>/`), read by the
 * rule mapped to each check: a success file gives none of its findings, a failure file at
 * least one, and its fixes turn a failure file into Polaris's mutated file, compared as
 * YAML, unless the mapping says why ours deliberately differ.
 */
const ROOT = join(CORPORA, "polaris-checks");

const tally = { files: 0, agreed: 0, mutatedEqual: 0, mutatedDiffers: 0, mutatedNoFix: 0 };

test("the Polaris corpus is present", () => {
  assert.ok(corpusExists("polaris-checks"), `${ROOT} is missing`);
});

const allChecks = corpusExists("polaris-checks") ? readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
const mapped = CORPUS_CHECKS.flatMap((check) => (check.polaris ?? []).map((name) => ({ name, check })));

for (const { name, check } of mapped) {
  describe(`polaris ${name} → ${check.rule}`, () => {
    const folder = join(ROOT, name);
    const files = allChecks.includes(name) ? readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)) : [];

    test("exists in the corpus with success and failure files", () => {
      assert.ok(allChecks.includes(name), `no folder ${name} in ${ROOT}`);
      assert.ok(files.some((file) => file.startsWith("success")) && files.some((file) => file.startsWith("failure")), `${name} lacks success or failure files`);
    });

    for (const file of files.filter((file) => file.startsWith("success"))) {
      test(`${file} gives no finding`, () => {
        tally.files++;
        const findings = findingsOf(check, join(folder, file), read(folder, file));
        assert.deepEqual(findings.map(describeFinding), []);
        tally.agreed++;
      });
    }

    for (const file of files.filter((file) => file.startsWith("failure"))) {
      test(`${file} gives a finding`, () => {
        tally.files++;
        const findings = findingsOf(check, join(folder, file), read(folder, file));
        assert.ok(findings.length > 0, `${check.rule} reports nothing on ${name}/${file}`);
        tally.agreed++;
      });

      const mutated = `mutated${file.slice("failure".length)}`;
      if (!files.includes(mutated)) continue;
      test(`fixing ${file} gives ${mutated}`, () => {
        tally.files++;
        compareWithMutated(check, join(folder, file), read(folder, file), read(folder, mutated));
        tally.agreed++;
      });
    }
  });
}

after(() => {
  const names = new Set(mapped.map(({ name }) => name));
  console.log(
    `Polaris corpus: ${names.size}/${allChecks.length} checks covered; ${tally.agreed}/${tally.files} files agree ` +
      `(mutated files: ${tally.mutatedEqual} equal, ${tally.mutatedDiffers} differ by design and come out clean, ${tally.mutatedNoFix} without a fix by design).`,
  );
});

function compareWithMutated(check: CorpusCheck, path: string, failure: string, mutated: string): void {
  const fixed = fixRepeatedly(check, path, failure);
  if (check.noFix) {
    assert.equal(fixed.applied, 0, `${check.rule} is mapped as offering no fix here (${check.noFix}), yet it applied ${fixed.applied}`);
    tally.mutatedNoFix++;
    return;
  }
  assert.ok(fixed.applied > 0, `${check.rule} offers no fix for ${path}`);
  if (check.mutatedDiffers) {
    assert.deepEqual(findingsOf(check, path, fixed.text).map(describeFinding), [], `the fixed file still triggers ${check.rule}:\n${fixed.text}`);
    tally.mutatedDiffers++;
    return;
  }
  assert.deepEqual(yamlData(fixed.text), yamlData(mutated), `the fixed file differs from Polaris's as YAML:\n${fixed.text}`);
  tally.mutatedEqual++;
}

function read(folder: string, file: string): string {
  return readFileSync(join(folder, file), "utf8");
}

function describeFinding(finding: { range: { start: { line: number } }; message: string }): string {
  return `${finding.range.start.line + 1}: ${finding.message}`;
}
