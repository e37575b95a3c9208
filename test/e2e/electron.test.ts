import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runTests } from "@vscode/test-electron";
import { E2E_WORK_DIR, REPO_ROOT } from "./harness/index.ts";

/**
 * The extension's own suite under desktop VS Code, through @vscode/test-electron. It cannot
 * download VS Code here, so it runs only when VSCODE_EXECUTABLE names one already installed.
 */
const executable = process.env.VSCODE_EXECUTABLE;
const skipReason = executable ? false : "set VSCODE_EXECUTABLE to a VS Code executable to run the suite under @vscode/test-electron";
if (skipReason) console.log(`# test-electron skipped: ${skipReason}`);

test("the extension's own test suite passes in desktop VS Code", { skip: skipReason, timeout: 300_000 }, async () => {
  assert.ok(executable && existsSync(executable), `VSCODE_EXECUTABLE does not exist: ${executable}`);
  mkdirSync(E2E_WORK_DIR, { recursive: true });
  const scratch = mkdtempSync(join(E2E_WORK_DIR, "electron-"));
  const workspace = join(scratch, "examples");
  cpSync(join(REPO_ROOT, "examples"), workspace, { recursive: true });
  const resultFile = join(scratch, "result.json");
  try {
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, "dist", "test-suite.js"),
      launchArgs: [workspace, "--disable-extensions", "--skip-welcome", "--user-data-dir", join(scratch, "user-data")],
      extensionTestsEnv: { SHIPSHAPE_TEST_RESULT: resultFile },
    });
    const result = JSON.parse(readFileSync(resultFile, "utf8")) as { passed: boolean };
    assert.equal(result.passed, true, JSON.stringify(result, null, 2));
    assert.equal(code, 0);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
