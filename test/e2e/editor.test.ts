import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import {
  CODE_SERVER_BIN,
  E2E_WORK_DIR,
  REPO_ROOT,
  launchBrowser,
  openWorkbench,
  runExtensionTests,
  startCodeServer,
} from "./harness/index.ts";

/**
 * End-to-end tests in a real VS Code: code-server in headless Chromium, with the packaged
 * .vsix installed and a copy of examples/ open. Without code-server they are skipped with a
 * message, except under CI=true, where a missing VS Code fails the run.
 */
const codeServerReady = existsSync(CODE_SERVER_BIN) && existsSync("/usr/bin/chromium");
const skipReason = codeServerReady || process.env.CI === "true" ? false : "code-server is not installed: run bash scripts/install-code-server.sh";
if (skipReason) console.log(`# e2e skipped: ${skipReason}`);

/**
 * The README's screenshot is refreshed only when asked (SHIPSHAPE_UPDATE_SCREENSHOTS=1), so an
 * ordinary run leaves the checkout clean; otherwise it goes to the ignored test/e2e/.work/.
 */
const SCREENSHOT = process.env.SHIPSHAPE_UPDATE_SCREENSHOTS === "1"
  ? join(REPO_ROOT, "test", "e2e", "screenshots", "editor.png")
  : join(REPO_ROOT, "test", "e2e", ".work", "editor.png");

describe("Shipshape in a real VS Code (code-server)", { skip: skipReason }, () => {
  let vsix = "";

  before(() => {
    assert.ok(existsSync(CODE_SERVER_BIN), `code-server is missing at ${CODE_SERVER_BIN}: run bash scripts/install-code-server.sh`);
    assert.ok(existsSync(join(REPO_ROOT, "dist", "extension.js")), "dist/ is missing: run npm run build");
    mkdirSync(E2E_WORK_DIR, { recursive: true });
    vsix = join(E2E_WORK_DIR, "shipshape.vsix");
    const packaged = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "--no-rewrite-relative-links", "--out", vsix],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    assert.equal(packaged.status, 0, `vsce package failed:\n${packaged.stdout}\n${packaged.stderr}`);
  });

  test("the installed .vsix shows findings in the Problems panel and a quick-fix applies through the UI", { timeout: 240_000 }, async () => {
    const workspace = copyOfExamples();
    const server = await startCodeServer({ vsix: [vsix] });
    const browser = await launchBrowser();
    try {
      const workbench = await openWorkbench(browser, server.folderUrl(workspace));
      await workbench.quickOpen("k8s/deployment.yaml");
      // Findings of files that are not open come from the server's background scan.
      const rows = await workbench.waitForProblems(
        (current) =>
          ["kubernetes/container-resources", "kubernetes/unknown-field", "kubernetes/unknown-config-key", "yaml/duplicate-key"].every((code) =>
            current.some((row) => row.includes(`shipshape ${code}`)),
          ) &&
          // The panel lists only the rows in view; the workflow's group header shows its finding arrived.
          current.some((row) => row.includes("problems in file ci.yml")),
        120_000,
      );
      assert.ok(rows.some((row) => row.includes('Container "metrics" does not set requests.cpu, requests.memory, limits.memory')));
      await workbench.goToLine(55, 7);
      await workbench.screenshot(SCREENSHOT);

      const before = readFileSync(join(workspace, "k8s", "deployment.yaml"), "utf8");
      await workbench.applyQuickFix("Remove this duplicate port");
      await workbench.save();
      const after = await waitForFileChange(join(workspace, "k8s", "deployment.yaml"), before);
      assert.equal(after, before.replace("      port: 8080\n", ""));

      // A schema finding's fix, from the bundled Kubernetes schemas, through the same UI.
      await workbench.goToLine(22, 11);
      await workbench.applyQuickFix("Rename to imagePullPolicy");
      await workbench.save();
      const renamed = await waitForFileChange(join(workspace, "k8s", "deployment.yaml"), after);
      assert.equal(renamed, after.replace("imagePullPolcy:", "imagePullPolicy:"));
    } finally {
      await browser.close();
      await server.stop();
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  test("the extension's own test suite passes inside VS Code", { timeout: 300_000 }, async () => {
    const workspace = copyOfExamples();
    try {
      const run = await runExtensionTests({
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: join(REPO_ROOT, "dist", "test-suite.js"),
        folder: workspace,
        timeoutMs: 240_000,
      });
      const result = run.result as { passed?: boolean; summary?: string; tests?: { name: string; passed: boolean }[] } | undefined;
      assert.ok(result, `the suite wrote no result; exit code ${run.code}\n${run.consoleLines.slice(-40).join("\n")}`);
      assert.equal(result.passed, true, `in-editor tests failed: ${JSON.stringify(result, null, 2)}`);
      // Each area's in-editor test ran, so a suite that silently lost a test does not pass.
      for (const area of ["a manifest gets", "a workflow's deprecated-command fix", "chart templates open as Helm"]) {
        assert.ok(result.tests?.some((outcome) => outcome.name.startsWith(area) && outcome.passed), `no passing in-editor test starts with "${area}"`);
      }
      assert.equal(run.code, 0);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

/** A private copy, so that fixes applied in the editor never touch the repository's examples. */
function copyOfExamples(): string {
  mkdirSync(E2E_WORK_DIR, { recursive: true });
  const folder = join(mkdtempSync(join(E2E_WORK_DIR, "examples-")), "examples");
  cpSync(join(REPO_ROOT, "examples"), folder, { recursive: true });
  return folder;
}

async function waitForFileChange(path: string, previous: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = readFileSync(path, "utf8");
    if (text !== previous) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return readFileSync(path, "utf8");
}
