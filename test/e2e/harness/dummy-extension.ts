/**
 * A tiny throwaway VS Code extension used only to prove the harness works
 * (vsix install, Problems panel, Quick Fix, command palette, extension tests).
 * It flags every YAML line containing "bad" with an error "dummy: bad value"
 * (source "dummy", code "no-bad"), offers the quick fix "Replace bad with good",
 * and contributes the command "Dummy: Say Hello" (info message "Hello from dummy").
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './code-server.ts';

const EXTENSION_JS = `
const vscode = require('vscode');
function activate(context) {
  const diags = vscode.languages.createDiagnosticCollection('dummy');
  context.subscriptions.push(diags);
  const refresh = (doc) => {
    if (doc.languageId !== 'yaml') return;
    const out = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const text = doc.lineAt(i).text;
      const col = text.indexOf('bad');
      if (col >= 0) {
        const d = new vscode.Diagnostic(new vscode.Range(i, col, i, col + 3), 'dummy: bad value', vscode.DiagnosticSeverity.Error);
        d.source = 'dummy';
        d.code = 'no-bad';
        out.push(d);
      }
    }
    diags.set(doc.uri, out);
  };
  vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.languages.registerCodeActionsProvider('yaml', {
      provideCodeActions(doc, _range, ctx) {
        return ctx.diagnostics.filter((d) => d.source === 'dummy').map((d) => {
          const a = new vscode.CodeAction('Replace bad with good', vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(doc.uri, d.range, 'good');
          a.diagnostics = [d];
          a.isPreferred = true;
          return a;
        });
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('dummy.hello', () => vscode.window.showInformationMessage('Hello from dummy')),
  );
  return { diagnosticsFor: (uri) => diags.get(uri) };
}
module.exports = { activate, deactivate() {} };
`;

/**
 * Extension test entry (payload extensionTestsPath). Runs in the remote
 * extension host (Node). Writes its verdict to $E2E_RESULT_FILE as well, so the
 * harness can observe it without the browser.
 */
const TESTS_INDEX_JS = `
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const assert = require('assert');
async function run() {
  const results = [];
  const test = async (name, fn) => {
    try { await fn(); results.push({ name, ok: true }); console.log('ok - ' + name); }
    catch (e) { results.push({ name, ok: false, error: String(e && e.stack || e) }); console.log('not ok - ' + name + ': ' + e); }
  };
  await test('workspace folder is open', async () => {
    assert.ok(vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders.length === 1);
  });
  await test('dummy extension flags bad', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'a.yaml'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension('e2e-harness.dummy');
    assert.ok(ext, 'extension under development is loaded');
    const api = await ext.activate();
    let diags = [];
    for (let i = 0; i < 50 && diags.length === 0; i++) { diags = api.diagnosticsFor(doc.uri) || []; await new Promise(r => setTimeout(r, 100)); }
    assert.strictEqual(diags.length, 1);
    assert.strictEqual(diags[0].message, 'dummy: bad value');
  });
  if (process.env.E2E_FORCE_FAIL === '1') await test('forced failure', async () => assert.fail('forced'));
  const failed = results.filter(r => !r.ok).length;
  const summary = { passed: results.length - failed, failed, results };
  if (process.env.E2E_RESULT_FILE) fs.writeFileSync(process.env.E2E_RESULT_FILE, JSON.stringify(summary, null, 2));
  console.log(summary.passed + ' passed, ' + failed + ' failed');
  if (failed) throw new Error(failed + ' test(s) failed');
}
module.exports = { run };
`;

/** Write the dummy extension source to `dir` (created/overwritten). Returns dir. */
export function writeDummyExtension(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  const manifest = {
    name: 'dummy',
    displayName: 'Dummy (e2e harness self-test)',
    publisher: 'e2e-harness',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: ['onLanguage:yaml'],
    contributes: { commands: [{ command: 'dummy.hello', title: 'Say Hello', category: 'Dummy' }] },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), EXTENSION_JS);
  fs.writeFileSync(path.join(dir, 'tests', 'index.js'), TESTS_INDEX_JS);
  fs.writeFileSync(path.join(dir, 'README.md'), '# dummy\n\nHarness self-test extension.\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  fs.writeFileSync(path.join(dir, '.vscodeignore'), 'tests/**\n');
  return dir;
}

/**
 * `vsce package` an extension folder into `outFile` with the repo's @vscode/vsce
 * (no network needed with --no-dependencies). Returns outFile.
 */
export async function packageVsix(extDir: string, outFile: string): Promise<string> {
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile],
      { cwd: extDir, timeout: 120_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`vsce package failed: ${err.message}\n${stdout}${stderr}`)) : resolve()),
    );
  });
  return outFile;
}
