/**
 * Harness self-test with a throwaway extension (./dummy-extension.ts):
 *   1. vsce-package it, install the .vsix with `code-server --install-extension`,
 *   2. open a.yaml, see its diagnostic in the Problems panel, apply the quick fix,
 *      read the editor text, run a palette command and see its notification,
 *   3. run the extension's own test suite inside code-server (payload
 *      extensionDevelopmentPath + extensionTestsPath), once passing, once failing.
 *
 *   node --import tsx test/e2e/harness/selftest.ts
 * Screenshots go to test/e2e/.work/selftest-*.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_WORK_DIR, makeWorkspace, startCodeServer } from './code-server.ts';
import { launchBrowser, openWorkbench } from './browser.ts';
import { packageVsix, writeDummyExtension } from './dummy-extension.ts';
import { runExtensionTests } from './extension-tests.ts';

function step(msg: string, t0: number): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

async function uiPart(vsix: string, t0: number): Promise<void> {
  const ws = makeWorkspace({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  key: bad\n' });
  const cs = await startCodeServer({ vsix: [vsix] });
  step(`code-server up with dummy vsix at ${cs.url}`, t0);
  const browser = await launchBrowser();
  try {
    const wb = await openWorkbench(browser, cs.folderUrl(ws));
    await wb.quickOpen('a.yaml');
    step('a.yaml open', t0);
    const rows = await wb.waitForProblems((r) => r.some((t) => t.includes('dummy: bad value')));
    step(`problems: ${JSON.stringify(rows)}`, t0);
    const counts = await wb.statusBarProblemCounts();
    assert.deepEqual(counts, { errors: 1, warnings: 0 });
    await wb.screenshot(path.join(E2E_WORK_DIR, 'selftest-problems.png'));

    await wb.goToLine(4, 8);
    const titles = await wb.quickFixTitles();
    step(`quick fixes: ${JSON.stringify(titles)}`, t0);
    await wb.page.keyboard.press('Escape');
    await wb.applyQuickFix('Replace bad with good');
    const deadline = Date.now() + 15_000;
    let text = '';
    while (Date.now() < deadline && !(text = await wb.editorText()).includes('key: good')) await new Promise((r) => setTimeout(r, 200));
    assert.match(text, /key: good/);
    step(`editor after quick fix:\n${text}`, t0);
    await wb.waitForProblems((r) => !r.some((t) => t.includes('dummy: bad value')));
    step('problem gone after fix', t0);
    await wb.save();

    await wb.runCommand('Dummy: Say Hello');
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Hello from dummy' }).waitFor();
    step(`notification: ${JSON.stringify(await wb.notifications())}`, t0);
    await wb.screenshot(path.join(E2E_WORK_DIR, 'selftest-after.png'));
    assert.match(fs.readFileSync(path.join(ws, 'a.yaml'), 'utf8'), /key: good/);
    await wb.close();
  } catch (e) {
    console.error(cs.log());
    throw e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

async function testsPart(extDir: string, t0: number): Promise<void> {
  const ws = makeWorkspace({ 'a.yaml': 'key: bad\n' });
  const pass = await runExtensionTests({
    extensionDevelopmentPath: extDir,
    extensionTestsPath: path.join(extDir, 'tests', 'index.js'),
    folder: ws,
    screenshot: path.join(E2E_WORK_DIR, 'selftest-exttests.png'),
  });
  step(`extension tests (expect pass): code=${pass.code} result=${JSON.stringify(pass.result)}`, t0);
  assert.equal(pass.code, 0);
  assert.equal((pass.result as { failed: number }).failed, 0);

  const fail = await runExtensionTests({
    extensionDevelopmentPath: extDir,
    extensionTestsPath: path.join(extDir, 'tests', 'index.js'),
    folder: ws,
    env: { E2E_FORCE_FAIL: '1' },
  });
  step(`extension tests (expect fail): code=${fail.code} result failed=${(fail.result as { failed: number } | undefined)?.failed}`, t0);
  assert.notEqual(fail.code, 0);
  fs.rmSync(ws, { recursive: true, force: true });
  console.log('extension host console (failing run):\n  ' + fail.consoleLines.filter((l) => /ok -|passed/.test(l)).join('\n  '));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const extDir = writeDummyExtension(path.join(E2E_WORK_DIR, 'dummy-ext'));
  const vsix = await packageVsix(extDir, path.join(E2E_WORK_DIR, 'dummy.vsix'));
  step(`packaged ${vsix}`, t0);
  if (!process.argv.includes('--tests-only')) await uiPart(vsix, t0);
  if (!process.argv.includes('--ui-only')) await testsPart(extDir, t0);
  step('selftest OK', t0);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
