/**
 * Drives a code-server workbench in headless Debian Chromium via playwright-core.
 *
 *   const browser = await launchBrowser();
 *   const wb = await openWorkbench(browser, cs.folderUrl(ws));
 *   await wb.quickOpen('a.yaml');
 *   await wb.openProblems();
 *   const rows = await wb.waitForProblems((r) => r.some((t) => t.includes('bad key')));
 *   await wb.screenshot('test/e2e/.work/x.png');
 *   await wb.close(); await browser.close();
 *
 * All DOM access goes through string selectors / `globalThis` so this file
 * type-checks without the DOM lib (tsconfig has lib: ES2022 only).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Locator } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags needed for Debian Chromium as root in a sandbox-less, network-less container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** Default timeout for one UI wait; the machine has 2 cores, so be generous. */
export const UI_TIMEOUT = Number(process.env.E2E_UI_TIMEOUT ?? 30_000);

export async function launchBrowser(opts: { headless?: boolean; args?: string[] } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run scripts/install-code-server.sh (it apt-installs chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    timeout: 60_000,
  });
}

export interface ExtensionTestResult {
  /** Exit code the extension host reported (0 = the tests' run() resolved). */
  code: number;
  /** Logs VS Code attached (array of {relativePath, contents}), if any. */
  logs: unknown;
}

export interface OpenWorkbenchOptions {
  viewport?: { width: number; height: number };
  /** Wait until the explorer shows the workspace folder (default true when the URL has ?folder=). */
  waitForExplorer?: boolean;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A code-server workbench page. `consoleLines` collects the page's console output
 * (this includes the extension host's console.log, forwarded by VS Code).
 */
export class Workbench {
  readonly consoleLines: string[] = [];
  readonly pageErrors: string[] = [];
  /** Resolves when VS Code calls window.codeAutomationExit (extension test runs). */
  readonly automationExit: Promise<ExtensionTestResult>;
  private resolveExit!: (r: ExtensionTestResult) => void;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    this.automationExit = new Promise((r) => (this.resolveExit = r));
  }

  /** Open `url` (from CodeServer.folderUrl) in a fresh browser context and wait for the workbench. */
  static async open(browser: Browser, url: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1440, height: 1200 },
      // Playwright denies clipboard by default; grant for completeness.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const wb = new Workbench(context, page);
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('console', (m) => wb.consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => wb.pageErrors.push(String(e)));
    // VS Code web's hooks for automated runs (what @vscode/test-web uses too):
    // the workbench calls window.codeAutomationExit(code, logs) when an extension
    // test run (payload extensionTestsPath) finishes, and codeAutomationLog(type, args)
    // for the extension host's console output.
    await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => {
      wb.resolveExit({ code, logs });
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      wb.consoleLines.push(`[exthost:${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
    });
    const timeout = opts.timeoutMs ?? 120_000;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
    const hasFolder = new URL(url).searchParams.has('folder');
    if (opts.waitForExplorer ?? hasFolder) {
      await page
        .locator('.explorer-folders-view .monaco-list-row')
        .first()
        .waitFor({ state: 'visible', timeout })
        .catch(() => undefined); // an empty folder has no rows
    }
    return wb;
  }

  // ------------------------------------------------------------ basics

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(key: string, prefix: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        // Command palette starts with ">", Quick Open with "".
        if (prefix && !(await input.inputValue()).startsWith(prefix)) continue;
        return input;
      } catch {
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`quick input did not open with ${key}`);
  }

  /** Wait until the quick-input list's focused (first) row contains `text` (case-insensitive). */
  private async waitForFocusedRow(text: string, timeoutMs = UI_TIMEOUT): Promise<void> {
    const want = text.toLowerCase();
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const focused = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
      const target = (await focused.count()) > 0 ? focused.first() : rows.first();
      if ((await target.count()) > 0) {
        last = ((await target.getAttribute('aria-label')) ?? (await target.innerText())).toLowerCase();
        if (last.includes(want)) return;
      }
      await sleep(150);
    }
    throw new Error(`quick input: no row matching "${text}" (last focused row: "${last}")`);
  }

  /** Run a command from the command palette (F1), by its label, e.g. "View: Focus Problems". */
  async runCommand(label: string): Promise<void> {
    const input = await this.openQuickInput('F1', '>');
    await input.fill(`>${label}`);
    await this.waitForFocusedRow(label);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** Open a workspace file through Quick Open (Ctrl+P), by file name or relative path. */
  async quickOpen(fileName: string): Promise<void> {
    const input = await this.openQuickInput('Control+P', '');
    await input.fill(fileName);
    await this.waitForFocusedRow(path.basename(fileName));
    await this.page.keyboard.press('Enter');
    await this.page
      .locator(`.tabs-container .tab.active[aria-label*="${path.basename(fileName)}"], .tabs-container .tab.active[data-resource-name="${path.basename(fileName)}"]`)
      .first()
      .waitFor({ state: 'visible' });
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
  }

  /** The active text editor (Monaco). */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Focus the active editor's text area so typing goes into it. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('View: Focus Active Editor Group');
  }

  /** Move the cursor with Go to Line (Ctrl+G), 1-based line and column. */
  async goToLine(line: number, column?: number): Promise<void> {
    const input = await this.openQuickInput('Control+G', ':');
    await input.fill(`:${line}${column ? `:${column}` : ''}`);
    await sleep(200);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /**
   * Text of the active editor as rendered (`.view-lines`, ordered by position).
   * Only the lines Monaco renders (visible viewport + a little) are included, so
   * keep test files short or scroll; whitespace is normalised (nbsp -> space).
   */
  async editorText(): Promise<string> {
    const editor = this.activeEditor();
    await editor.locator('.view-lines').waitFor({ state: 'visible' });
    return editor.locator('.view-lines').evaluate((el: any) => {
      const lines = Array.from(el.querySelectorAll(':scope > .view-line')) as any[];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => String(l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    });
  }

  /** Type into the focused editor. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 10 });
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }

  // ------------------------------------------------------------ problems

  /** Open / focus the Problems panel (Ctrl+Shift+M; falls back to the palette). */
  async openProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    await this.page.keyboard.press('Control+Shift+M');
    try {
      await panel.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      await this.runCommand('View: Focus Problems');
      await panel.waitFor({ state: 'visible' });
    }
  }

  /**
   * Texts of the Problems panel's rows (file rows and marker rows), in order. A
   * marker row reads like "bad key  shipshape(rule-id) [Ln 1, Col 1]"; its
   * aria-label is appended after " | " (it includes the severity and position).
   */
  async problems(): Promise<string[]> {
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    return rows.evaluateAll((els: any[]) =>
      els
        .sort((a, b) => parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0'))
        .map((e) => {
          const text = String(e.innerText ?? '').replace(/\s+/g, ' ').trim();
          const aria = String(e.getAttribute('aria-label') ?? '').trim();
          return aria && aria !== text ? `${text} | ${aria}` : text;
        }),
    );
  }

  /** Poll problems() until `pred` holds; returns the rows. Opens the panel first. */
  async waitForProblems(pred: (rows: string[]) => boolean, timeoutMs = 60_000): Promise<string[]> {
    await this.openProblems();
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = await this.problems();
      if (pred(rows)) return rows;
      await sleep(250);
    }
    throw new Error(`Problems panel never matched; last rows:\n  ${rows.join('\n  ')}`);
  }

  /** The problem count shown in the status bar's problems item, e.g. { errors: 1, warnings: 0 }. */
  async statusBarProblemCounts(): Promise<{ errors: number; warnings: number }> {
    // Rendered as "<error icon> 1 <warning icon> 0" (aria-label is e.g. "Errors: 1", or "No Problems").
    const text = await this.page.locator('#status\\.problems .statusbar-item-label').first().innerText();
    const nums = (text.match(/\d+/g) ?? []).map(Number);
    return { errors: nums[0] ?? 0, warnings: nums[1] ?? 0 };
  }

  // ------------------------------------------------------------ quick fix

  /**
   * Open the Quick Fix menu (Ctrl+.) at the cursor and return its items' titles.
   * Put the cursor on the diagnostic first (goToLine, or runCommand('Go to Next Problem (Error, Warning, Info)')).
   */
  async quickFixTitles(timeoutMs = UI_TIMEOUT): Promise<string[]> {
    const widget = this.page.locator('.action-widget');
    await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await widget.locator('.monaco-list-row.action').first().waitFor({ state: 'visible', timeout: Math.min(10_000, timeoutMs) });
        break;
      } catch (e) {
        if (attempt >= 2) throw new Error(`Quick Fix menu did not open: ${String(e)}`);
        await this.page.keyboard.press('Escape');
        await sleep(1_000);
      }
    }
    return widget.locator('.monaco-list-row.action').evaluateAll((els: any[]) =>
      els.map((e) => String(e.querySelector('.title')?.textContent ?? e.getAttribute('aria-label') ?? '').trim()),
    );
  }

  /** Open Quick Fix (Ctrl+.) and apply the item whose title contains `title`. */
  async applyQuickFix(title: string): Promise<void> {
    const titles = await this.quickFixTitles();
    const idx = titles.findIndex((t) => t.includes(title));
    if (idx < 0) {
      await this.page.keyboard.press('Escape');
      throw new Error(`no quick fix "${title}"; offered: ${JSON.stringify(titles)}`);
    }
    // The widget puts a pointer-blocking overlay over the page, so mouse clicks do
    // not reach the rows; move the keyboard focus to the item and press Enter.
    const focusedLabel = async () =>
      ((await this.page.locator('.action-widget .monaco-list-row.action.focused').first().getAttribute('aria-label').catch(() => null)) ?? '');
    for (let i = 0; i <= titles.length + 1 && !(await focusedLabel()).includes(title); i++) {
      await this.page.keyboard.press('ArrowDown');
      await sleep(100);
    }
    if (!(await focusedLabel()).includes(title)) {
      await this.page.keyboard.press('Escape');
      throw new Error(`could not focus quick fix "${title}"; offered: ${JSON.stringify(titles)}`);
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  // ------------------------------------------------------------ misc

  /** Texts of visible notification toasts. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  async screenshot(file: string): Promise<void> {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await this.page.screenshot({ path: file });
  }

  /** Wait for the extension-test run started through the URL payload to finish. */
  async waitForExtensionTests(timeoutMs = 120_000): Promise<ExtensionTestResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`extension tests did not finish within ${timeoutMs} ms.\nConsole:\n${this.consoleLines.slice(-50).join('\n')}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.automationExit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

export function openWorkbench(browser: Browser, url: string, opts?: OpenWorkbenchOptions): Promise<Workbench> {
  return Workbench.open(browser, url, opts);
}
