/**
 * Writes docs/rules/<rule-id>.md for every rule, and docs/rules/README.md as the index,
 * from each rule's own docs. Diagnostics link to these pages through codeDescription.
 * Run: npm run docs. A test fails when the committed pages are out of date.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { renderRuleDocs } from "./rule-docs.ts";

const root = join(__dirname, "..");
for (const [relativePath, text] of renderRuleDocs()) {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log("Rule docs written to docs/rules/.");
