import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import type { Locator } from "playwright-core";
import { CODE_SERVER_BIN, E2E_WORK_DIR, REPO_ROOT, launchBrowser, openWorkbench, startCodeServer, type CodeServer, type Workbench } from "./harness/index.ts";
import { TestApiServer } from "../cluster/api-server.ts";
import { FIXTURES } from "../cluster/support/scenarios.ts";

/**
 * Diff with Live Cluster in a real VS Code (code-server in headless Chromium) against the test API
 * server: the command opens a diff editor whose two sides are the normalised live object and the
 * server-side apply dry run, Secrets masked. Skipped like editor.test.ts when code-server is missing.
 */
const codeServerReady = existsSync(CODE_SERVER_BIN) && existsSync("/usr/bin/chromium");
const skipReason = codeServerReady || process.env.CI === "true" ? false : "code-server is not installed: run bash scripts/install-code-server.sh";
if (skipReason) console.log(`# cluster e2e skipped: ${skipReason}`);

/** As in editor.test.ts: the README's screenshot is refreshed only with SHIPSHAPE_UPDATE_SCREENSHOTS=1. */
const SCREENSHOT = process.env.SHIPSHAPE_UPDATE_SCREENSHOTS === "1"
  ? join(REPO_ROOT, "test", "e2e", "screenshots", "cluster-diff.png")
  : join(REPO_ROOT, "test", "e2e", ".work", "cluster-diff.png");

describe("Diff with Live Cluster in a real VS Code (code-server)", { skip: skipReason }, () => {
  let apiServer: TestApiServer;
  let codeServer: CodeServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let workbench: Workbench;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(join(REPO_ROOT, "dist", "cluster.js")), "dist/ is missing: run npm run build");
    mkdirSync(E2E_WORK_DIR, { recursive: true });
    dir = mkdtempSync(join(E2E_WORK_DIR, "cluster-"));
    const vsix = join(dir, "shipshape.vsix");
    const packaged = spawnSync(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "--no-rewrite-relative-links", "--out", vsix],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    assert.equal(packaged.status, 0, `vsce package failed:\n${packaged.stdout}\n${packaged.stderr}`);
    apiServer = await TestApiServer.start({ state: [join(FIXTURES, "changed-deployment", "live.yaml"), join(FIXTURES, "secret", "live.yaml")] });
    const kubeconfig = apiServer.writeKubeconfig(join(dir, "kubeconfig"), {
      context: "staging",
      extraContexts: ["- name: production", "  context:", "    cluster: test-cluster", "    user: alice", "    namespace: shop"].join("\n"),
    });
    const workspace = join(dir, "manifests");
    mkdirSync(workspace);
    copyFileSync(join(FIXTURES, "changed-deployment", "local.yaml"), join(workspace, "web.yaml"));
    copyFileSync(join(FIXTURES, "secret", "local.yaml"), join(workspace, "db-secret.yaml"));
    copyFileSync(join(FIXTURES, "new-service", "local.yaml"), join(workspace, "api-service.yaml"));
    codeServer = await startCodeServer({ vsix: [vsix], env: { KUBECONFIG: kubeconfig } });
    browser = await launchBrowser();
    workbench = await openWorkbench(browser, codeServer.folderUrl(workspace));
  });

  after(async () => {
    await browser?.close();
    await codeServer?.stop();
    await apiServer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the command diffs the Deployment: live on the left, the apply dry run on the right, server fields gone", { timeout: 180_000 }, async () => {
    await workbench.quickOpen("web.yaml");
    // The status bar shows the kubeconfig's context and namespace.
    await workbench.page.locator('.statusbar-item:has-text("staging/default")').first().waitFor({ state: "visible", timeout: 60_000 });
    // The CodeLens above the resource.
    await workbench.activeEditor().locator('.codelens-decoration:has-text("Diff with cluster")').first().waitFor({ state: "visible", timeout: 60_000 });
    await runExactCommand(workbench, "Shipshape: Diff with Live Cluster");
    const diff = workbench.page.locator(".editor-group-container.active .monaco-diff-editor").first();
    await diff.waitFor({ state: "visible", timeout: 60_000 });
    const tab = workbench.page.locator(".tabs-container .tab.active").first();
    assert.match((await tab.getAttribute("aria-label")) ?? "", /Deployment shop\/web: live \(staging\) ↔ after apply/);
    const live = await waitForText(diff.locator(".editor.original"), "nginx:1.25");
    const afterApply = await waitForText(diff.locator(".editor.modified"), "nginx:1.27");
    assert.match(live, /replicas: 2/);
    assert.match(afterApply, /replicas: 3/);
    assert.match(afterApply, /name: LOG_LEVEL/);
    assert.doesNotMatch(live, /LOG_LEVEL/);
    for (const side of [live, afterApply]) {
      for (const field of ["managedFields", "resourceVersion", "uid:", "creationTimestamp", "generation", "status:", "last-applied-configuration"]) {
        assert.ok(!side.includes(field), `${field} should be normalised away:\n${side}`);
      }
    }
    // The progress toast closes once the diff is open; the screenshot is taken without it.
    await workbench.page.locator(".notifications-toasts .notification-toast").first().waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
    await workbench.screenshot(SCREENSHOT);
  });

  test("unsaved text is what is diffed, and Secret values are masked", { timeout: 120_000 }, async () => {
    await workbench.quickOpen("db-secret.yaml");
    // An unsaved edit: a new key at the end of data (line 10 is "  user: YWRtaW4=").
    await workbench.goToLine(10, 17);
    await workbench.page.keyboard.press("End");
    await workbench.page.keyboard.press("Enter");
    await workbench.type("token: c2VjcmV0LXRva2Vu");
    await runExactCommand(workbench, "Shipshape: Diff with Live Cluster");
    const diff = workbench.page.locator(".editor-group-container.active .monaco-diff-editor").first();
    await diff.waitFor({ state: "visible", timeout: 60_000 });
    const live = await waitForText(diff.locator(".editor.original"), "*** (before)");
    const afterApply = await waitForText(diff.locator(".editor.modified"), "*** (after)");
    for (const side of [live, afterApply]) assert.doesNotMatch(side, /b2xkLXBhc3N3b3Jk|bmV3LXBhc3N3b3Jk|YWRtaW4=|new-password|c2VjcmV0LXRva2Vu/);
    assert.match(afterApply, /password: "\*\*\* \(after\)"/);
    assert.match(afterApply, /user: "\*\*\*"/);
    assert.match(afterApply, /token: "\*\*\*"/, "the unsaved key is in the dry run");
    assert.doesNotMatch(live, /token:/);
  });

  test("Diff Folder lists every resource as changed, unchanged or new, and opens an entry's diff", { timeout: 120_000 }, async () => {
    await runExactCommand(workbench, "Shipshape: Diff Folder with Live Cluster");
    const title = workbench.page.locator(".quick-input-widget .quick-input-title");
    await title.filter({ hasText: "against staging" }).waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await title.textContent(), "manifests against staging: 2 changed, 0 unchanged, 1 new");
    const rows = await workbench.page.locator(".quick-input-widget .monaco-list-row").allInnerTexts();
    const text = rows.join("\n");
    for (const entry of ["Deployment shop/web", "Secret default/db", "Service shop/api"]) assert.ok(text.includes(entry), `${entry} in:\n${text}`);
    assert.match(text, /changed \(2\)/);
    assert.match(text, /new \(1\)/);
    // The new Service's entry opens its diff: nothing on the left, the dry-run create on the right.
    const input = workbench.page.locator(".quick-input-widget .quick-input-box input");
    await input.fill("Service shop/api");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await workbench.page.keyboard.press("Enter");
    const tab = workbench.page.locator('.tabs-container .tab.active[aria-label*="Service shop/api"]').first();
    await tab.waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await tab.getAttribute("aria-label")) ?? "", /Service shop\/api: not on staging ↔ after apply \(new\)/);
    const diff = workbench.page.locator(".editor-group-container.active .monaco-diff-editor").first();
    const afterApply = await waitForText(diff.locator(".editor.modified"), "clusterIP:");
    assert.match(afterApply, /targetPort: 8080/);
    await workbench.page.keyboard.press("Escape");
  });

  test("Select Namespace and Select Kubernetes Context change what the status bar shows", { timeout: 120_000 }, async () => {
    const status = (text: string) => workbench.page.locator(`.statusbar-item:has-text("${text}")`).first().waitFor({ state: "visible", timeout: 30_000 });
    await runExactCommand(workbench, "Shipshape: Select Namespace");
    await pick(workbench, "shop");
    await status("staging/shop");
    await runExactCommand(workbench, "Shipshape: Select Kubernetes Context");
    await pick(workbench, "production");
    await status("production/shop");
  });

  test("the extension sent the API server only GETs and dryRun=All requests, and logged no token", async () => {
    // VS Code writes log files lazily, so the diff's line may land a moment after the diff.
    let log = "";
    for (let attempt = 0; attempt < 40 && !log.includes("Diff Deployment shop/web"); attempt++) {
      log = shipshapeLog(codeServer.userDataDir);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.match(log, /Diff Deployment shop\/web with staging: changed/);
    assert.ok(!log.includes("alice-token"), "the bearer token must never reach the log");
    assert.ok(apiServer.requests.some((request) => request.method === "PATCH" && request.query.fieldManager === "shipshape"));
    for (const request of apiServer.requests) {
      assert.ok(request.method === "GET" || request.query.dryRun === "All", `${request.method} ${request.path}`);
    }
  });
});

/**
 * Runs a palette command whose label is a prefix-free match of another ("Diff with Live Cluster" vs
 * "Diff Folder with Live Cluster"): moves down the list until the focused row is exactly `label`.
 */
async function runExactCommand(workbench: Workbench, label: string): Promise<void> {
  const page = workbench.page;
  await page.keyboard.press("Escape");
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${label}`);
  for (let attempt = 0; attempt < 40; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const focused = page.locator(".quick-input-widget .monaco-list-row.focused .label-name").first();
    const text = ((await focused.textContent().catch(() => "")) ?? "").replace(/\u00a0/g, " ").trim();
    if (text === label) {
      await page.keyboard.press("Enter");
      await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 10_000 }).catch(() => undefined);
      return;
    }
    if (text) await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the palette never focused "${label}"`);
}

/** The extension's log channel: <user-data>/logs/<session>/exthost<N>/shipshape.shipshape/Shipshape.log. */
function shipshapeLog(userDataDir: string): string {
  const logs = join(userDataDir, "logs");
  if (!existsSync(logs)) return "";
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session))) {
      const file = join(logs, session, host, "shipshape.shipshape", "Shipshape.log");
      if (host.startsWith("exthost") && existsSync(file)) return readFileSync(file, "utf8");
    }
  }
  return "";
}

/** Picks the quick pick row whose label is `label`. */
async function pick(workbench: Workbench, label: string): Promise<void> {
  const page = workbench.page;
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: 30_000 });
  await page.locator(".quick-input-widget .monaco-list-row").first().waitFor({ state: "visible", timeout: 30_000 });
  await input.fill(label);
  for (let attempt = 0; attempt < 40; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const text = ((await page.locator(".quick-input-widget .monaco-list-row.focused .label-name").first().textContent().catch(() => "")) ?? "").replace(/\u00a0/g, " ").trim();
    if (text === label) {
      await page.keyboard.press("Enter");
      return;
    }
    if (text) await page.keyboard.press("ArrowDown");
  }
  throw new Error(`the quick pick never focused "${label}"`);
}

/** The rendered text of one side of the diff editor, once it contains `needle`. */
async function waitForText(side: Locator, needle: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = await side
      .locator(".view-lines")
      .first()
      .evaluate((element: any) => {
        const lines = Array.from(element.querySelectorAll(":scope > .view-line")) as any[];
        lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        return lines.map((line) => String(line.textContent ?? "").replace(/\u00a0/g, " ")).join("\n");
      })
      .catch(() => "");
    if (text.includes(needle)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the diff editor never showed "${needle}"; it showed:\n${text}`);
}
