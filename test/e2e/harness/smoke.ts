/**
 * Proves the harness: installs code-server if needed, opens a workspace with
 * a.yaml in headless Chromium, opens the file, screenshots to
 * test/e2e/.work/smoke.png and exits 0.
 *
 *   node --import tsx test/e2e/harness/smoke.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_WORK_DIR, makeWorkspace, startCodeServer } from './code-server.ts';
import { launchBrowser, openWorkbench } from './browser.ts';

async function main(): Promise<void> {
  const t0 = Date.now();
  const ws = makeWorkspace({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: smoke\ndata:\n  key: value\n' });
  const cs = await startCodeServer();
  const browser = await launchBrowser();
  try {
    console.log(`code-server ready at ${cs.url} (${Date.now() - t0} ms)`);
    const wb = await openWorkbench(browser, cs.folderUrl(ws));
    console.log(`workbench visible (${Date.now() - t0} ms)`);
    await wb.quickOpen('a.yaml');
    const text = await wb.editorText();
    if (!text.includes('kind: ConfigMap')) throw new Error(`unexpected editor text:\n${text}`);
    console.log(`a.yaml open (${Date.now() - t0} ms)`);
    const shot = path.join(E2E_WORK_DIR, 'smoke.png');
    await wb.screenshot(shot);
    console.log(`screenshot: ${shot}`);
    await wb.close();
  } catch (e) {
    console.error(cs.log());
    throw e;
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
  console.log(`smoke OK in ${Date.now() - t0} ms`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
