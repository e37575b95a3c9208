import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderRuleDocs } from "../scripts/rule-docs.ts";

const root = join(__dirname, "..");

test("docs/rules is generated from the rules' own docs and up to date (npm run docs)", () => {
  for (const [path, text] of renderRuleDocs()) {
    assert.ok(existsSync(join(root, path)), `${path} is missing: run npm run docs`);
    assert.equal(readFileSync(join(root, path), "utf8"), text, `${path} is out of date: run npm run docs`);
  }
});
