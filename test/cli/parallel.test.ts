import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { mixedWorkspaceFiles } from "./mixed-workspace.ts";
import { runCli, workspace } from "./support.ts";

/**
 * `shipshape check` spreads its files over worker threads. What it prints, writes and
 * exits with must not depend on that: the same workspace checked on two threads and in
 * one (SHIPSHAPE_WORKERS=0) gives byte-identical output in every format, and `--fix`
 * leaves byte-identical files.
 */
const ONE_THREAD = { SHIPSHAPE_WORKERS: "0" };
const TWO_THREADS = { SHIPSHAPE_WORKERS: "2" };

for (const format of ["text", "json", "sarif"]) {
  test(`check --format ${format} prints the same on two worker threads as in one thread`, () => {
    const root = workspace(mixedWorkspaceFiles());
    const single = runCli(["check", ".", "--format", format], root, ONE_THREAD);
    const parallel = runCli(["check", ".", "--format", format], root, TWO_THREADS);
    assert.equal(parallel.code, single.code);
    assert.equal(parallel.stderr, single.stderr);
    assert.equal(parallel.stdout, single.stdout);
    assert.equal(single.code, 1, `the workspace has error findings:\n${single.stderr}`);
    assert.match(single.stdout, /kubernetes\/unknown-config-key/, "references resolve across files");
  });
}

test("check --fix writes the same files on two worker threads as in one thread", () => {
  const files = mixedWorkspaceFiles();
  const singleRoot = workspace(files);
  const parallelRoot = workspace(files);
  const single = runCli(["check", ".", "--fix", "--format", "json"], singleRoot, ONE_THREAD);
  const parallel = runCli(["check", ".", "--fix", "--format", "json"], parallelRoot, TWO_THREADS);
  assert.equal(parallel.code, single.code);
  assert.equal(parallel.stderr, single.stderr);
  assert.equal(parallel.stdout, single.stdout);
  assert.match(single.stderr, /fixed \d+ findings? in \d+ files?/, "some safe fix applied");
  const singleFiles = contents(singleRoot);
  assert.deepEqual(contents(parallelRoot), singleFiles);
  assert.notDeepEqual(singleFiles, files, "the fixes changed files");
});

/** Every file below `root` by its relative path, for comparing two trees. */
function contents(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(root, path)] = readFileSync(path, "utf8");
    }
  };
  walk(root);
  return found;
}
