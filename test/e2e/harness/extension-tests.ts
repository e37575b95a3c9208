/**
 * Run an extension's own integration tests (a module exporting `run(): Promise<void>`,
 * like with @vscode/test-electron) inside code-server's remote extension host.
 *
 * How it works (VS Code 1.100 web + code-server 4.100.3):
 *  - The workbench URL gets `?folder=<ws>&payload=[["extensionDevelopmentPath", U1],
 *    ["extensionTestsPath", U2]]`. U1/U2 must be `vscode-remote://<host:port>/abs/path`
 *    URIs: the workbench picks the extension host that runs the tests by finding the
 *    extension whose location contains the tests URI, and remote extensions'
 *    locations are vscode-remote URIs in the browser. (A plain path is parsed as a
 *    file:// URI, which would select the non-existent local Node extension host.)
 *  - The remote extension host loads the dev extension, then require()s the tests
 *    module and awaits run(). Resolve -> exit code 0; reject -> 1.
 *  - The browser then calls `window.codeAutomationExit(code, logs)` if the page
 *    defines it (Workbench.open exposes it via page.exposeFunction), which is what
 *    this module waits for. The extension host's console output is forwarded to the
 *    page console ("[Extension Host] ..." lines), collected in consoleLines.
 *  - Independently, the tests module can write a JSON verdict to
 *    process.env.E2E_RESULT_FILE (the server's env is inherited by the extension
 *    host); we pass a fresh path and return its parsed content as `result`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './code-server.ts';
import { launchBrowser, openWorkbench } from './browser.ts';

export interface ExtensionTestRunOptions {
  /** Absolute path of the extension folder (its package.json). */
  extensionDevelopmentPath: string;
  /** Absolute path of the tests module (exports run()). */
  extensionTestsPath: string;
  /** Workspace folder to open. */
  folder: string;
  /** Extra env for code-server / the extension host. */
  env?: Record<string, string>;
  /** Other code-server options (e.g. vsix of dependencies, userSettings). */
  codeServer?: CodeServerOptions;
  /** Overall timeout for the test run after the page loaded (default 180 s). */
  timeoutMs?: number;
  /** Optional screenshot path, taken when the run finishes (or times out). */
  screenshot?: string;
}

export interface ExtensionTestRunResult {
  /** Exit code reported by VS Code (0 = run() resolved); -1 if only the result file was seen. */
  code: number;
  /** Parsed JSON from $E2E_RESULT_FILE if the tests wrote it. */
  result?: unknown;
  /** Browser console lines, including the extension host's forwarded console output. */
  consoleLines: string[];
  /** code-server log. */
  serverLog: string;
}

/** vscode-remote URI for an absolute path on the code-server host. */
export function remoteUri(cs: Pick<CodeServer, 'authority'>, absPath: string): string {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${cs.authority}${p}`;
}

export async function runExtensionTests(opts: ExtensionTestRunOptions): Promise<ExtensionTestRunResult> {
  const resultFile = path.join(
    fs.mkdtempSync(path.join(path.dirname(path.resolve(opts.folder)), 'ext-test-result-')),
    'result.json',
  );
  const cs = await startCodeServer({
    ...opts.codeServer,
    env: { ...opts.codeServer?.env, ...opts.env, E2E_RESULT_FILE: resultFile },
  });
  const browser = await launchBrowser();
  try {
    const url = cs.folderUrl(opts.folder, [
      ['extensionDevelopmentPath', remoteUri(cs, opts.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(cs, opts.extensionTestsPath)],
    ]);
    const wb = await openWorkbench(browser, url, { waitForExplorer: false });
    const timeoutMs = opts.timeoutMs ?? 180_000;
    const readResult = () => {
      try {
        return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    };
    // Prefer VS Code's own exit signal; fall back to the result file (+5 s grace).
    const deadline = Date.now() + timeoutMs;
    let code: number | undefined;
    let fileSeenAt: number | undefined;
    wb.automationExit.then((r) => (code = r.code)).catch(() => undefined);
    while (code === undefined && Date.now() < deadline) {
      if (fileSeenAt === undefined && fs.existsSync(resultFile)) fileSeenAt = Date.now();
      if (fileSeenAt !== undefined && Date.now() - fileSeenAt > 5_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (opts.screenshot) await wb.screenshot(opts.screenshot).catch(() => undefined);
    const result = readResult();
    if (code === undefined && result === undefined) {
      throw new Error(
        `extension tests did not report within ${timeoutMs} ms.\nBrowser console:\n${wb.consoleLines.slice(-80).join('\n')}\nServer log:\n${cs.log()}`,
      );
    }
    await wb.close();
    return { code: code ?? -1, result, consoleLines: wb.consoleLines, serverLog: cs.log() };
  } finally {
    await browser.close();
    await cs.stop();
    fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  }
}
