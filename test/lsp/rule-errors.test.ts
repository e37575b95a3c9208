import { test } from "node:test";
import assert from "node:assert/strict";
import { ALL_RULES, defaultConfig, layoutFromPaths, type Rule } from "../../server/src/analysis/index.ts";
import { diagnoseText } from "../../server/src/lsp/analyzer.ts";
import type { Log } from "../../server/src/lsp/log.ts";

/**
 * A rule that throws cannot be injected into the built server from outside, so this test
 * drives the LSP layer's analysis step directly with a rule list that includes one: the
 * failure must be logged with the rule id and file, and the other rules' diagnostics kept.
 */
const THROWING_RULE: Rule = {
  id: "test/throws",
  appliesTo: "all",
  scope: "document",
  severity: "error",
  recommended: true,
  docs: { summary: "Always throws.", why: "To test the guard.", valid: { path: "a.yaml", text: "" }, invalid: { path: "a.yaml", text: "" } },
  check() {
    throw new Error("boom from a broken rule");
  },
};

test("a throwing rule is logged with its id and file and skipped; other rules still report", () => {
  const errors: string[] = [];
  const log: Log = { info: () => {}, error: (message, error) => errors.push(`${message} ${String(error)}`) };
  const diagnostics = diagnoseText(
    { path: "/work/deploy.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n" },
    { config: defaultConfig(), layout: layoutFromPaths([]), log, rules: [THROWING_RULE, ...ALL_RULES] },
  );
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ["yaml/duplicate-key"]);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /test\/throws/);
  assert.match(errors[0]!, /\/work\/deploy\.yaml/);
  assert.match(errors[0]!, /boom from a broken rule/);
});
