import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFile } from "../../server/src/analysis/index.ts";
import { BAD_INPUTS } from "../support/bad-inputs.ts";

// Every bad input gets one clear finding, or none when it is valid, and never a throw.
for (const input of BAD_INPUTS) {
  test(`bad input: ${input.name}`, () => {
    const findings = analyzeFile({ path: `/w/${input.fileName}`, text: input.text() });
    assert.deepEqual(findings.map((finding) => finding.ruleId), input.expectedRules);
    for (const finding of findings) assert.ok(finding.message.length > 20, "the message explains itself");
  });
}
