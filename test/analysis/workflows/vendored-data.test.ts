import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { actionInterface, parseActionRef } from "../../../server/src/analysis/workflows/popular-actions.ts";

const ROOT = resolve(__dirname, "../../..");
const COMMITTED = join(ROOT, "server/src/analysis/workflows/vendor/action-metadata.json");

test("the committed action metadata is what the generator makes from the installed npm package", () => {
  const target = join(mkdtempSync(join(tmpdir(), "shipshape-actions-")), "action-metadata.json");
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/vendor-action-metadata.ts", target], { cwd: ROOT, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(target, "utf8"), readFileSync(COMMITTED, "utf8"), "run `npm run vendor:action-metadata` and commit the result");
});

test("an action's interface is that of its major: required inputs, defaults and outputs from its action.yml", () => {
  const cache = actionInterface(parseActionRef("actions/cache@v4")!)!;
  assert.deepEqual([...cache.inputs].filter(([, input]) => input.required).map(([name]) => name), ["path", "key"]);
  assert.deepEqual(cache.outputs, ["cache-hit"]);
  const checkout3 = actionInterface(parseActionRef("actions/checkout@v3")!)!;
  assert.equal(checkout3.inputs.get("fetch-depth")?.default, "1");
  assert.deepEqual(checkout3.outputs, [], "checkout's ref and commit outputs came with v4");
  assert.equal(actionInterface(parseActionRef("actions/github-script@v7")!)?.outputs, undefined, "a script sets outputs of any name");
  assert.equal(actionInterface(parseActionRef("actions/checkout@main")!), undefined, "a branch has no known interface");
  assert.equal(actionInterface(parseActionRef("actions/checkout@v99")!), undefined, "nor a major newer than the metadata");
});
