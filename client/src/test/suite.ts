/**
 * The extension's own tests, run inside a real VS Code (code-server or @vscode/test-electron) with the
 * repository's `examples/` folder as the workspace. The host require()s the bundle (dist/test-suite.js)
 * and awaits `run()`: it resolves when every test passed and rejects otherwise.
 *
 * The verdict is also written to a JSON file, because a browser-driven harness may only see files.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";

const SOURCE = "shipshape";
const EXTENSION_ID = "shipshape.shipshape";
/** The server starts inside the test, and code-server's extension host can be slow on a busy machine. */
const DIAGNOSTICS_TIMEOUT_MS = 60_000;

interface TestOutcome {
  name: string;
  passed: boolean;
  message?: string;
  durationMs: number;
}

interface TestResult {
  passed: boolean;
  summary: string;
  tests: TestOutcome[];
}

const tests: { name: string; fn: () => Promise<void> }[] = [];
function test(name: string, fn: () => Promise<void>): void {
  tests.push({ name, fn });
}

test("a manifest gets container-resources and duplicate-key diagnostics", async () => {
  const uri = exampleUri("k8s/deployment.yaml");
  await vscode.window.showTextDocument(uri);
  const diagnostics = await waitForCodes(uri, ["kubernetes/container-resources", "yaml/duplicate-key"]);
  for (const diagnostic of diagnostics) assert.equal(diagnostic.source, SOURCE);
});

test("hover on a manifest key shows its schema for the target Kubernetes version", async () => {
  const uri = exampleUri("k8s/deployment.yaml");
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const line = document.getText().split("\n").findIndex((text) => text.trim().startsWith("replicas:"));
  assert.ok(line >= 0, "The example Deployment should set replicas.");
  const position = new vscode.Position(line, document.lineAt(line).text.indexOf("replicas") + 2);
  const text = await retry(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position);
    const joined = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === "string" ? content : content.value))).join("\n");
    return /Kubernetes 1\.\d+/.test(joined) ? joined : undefined;
  }, "a Shipshape hover on replicas");
  assert.match(text, /spec\.replicas/);
});

test("completion in a container offers the fields the schema allows there", async () => {
  const uri = exampleUri("k8s/deployment.yaml");
  const document = await vscode.workspace.openTextDocument(uri);
  const line = document.getText().split("\n").findIndex((text) => text.includes("image: prom/statsd-exporter"));
  assert.ok(line >= 0, "The example Deployment should have the metrics container.");
  // The position just past `image` on the metrics container's line, as when typing a new key there.
  const column = document.lineAt(line).text.indexOf("image");
  const labels = await retry(async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, new vscode.Position(line, column));
    const found = list.items.map((item) => (typeof item.label === "string" ? item.label : item.label.label));
    return found.includes("imagePullPolicy") ? found : undefined;
  }, "Shipshape's container field completions");
  assert.ok(labels.includes("livenessProbe"), `livenessProbe should be offered; got ${labels.slice(0, 20).join(", ")}`);
});

test("a workflow gets a deprecated-command diagnostic", async () => {
  const uri = exampleUri(".github/workflows/ci.yml");
  await vscode.window.showTextDocument(uri);
  await waitForCodes(uri, ["workflows/deprecated-command"]);
});

test("a workflow's deprecated-command fix writes to $GITHUB_OUTPUT, and hover on a popular action lists its inputs", async () => {
  const uri = exampleUri(".github/workflows/ci.yml");
  const editor = await vscode.window.showTextDocument(uri);
  const before = editor.document.getText();
  const diagnostics = await waitForCodes(uri, ["workflows/deprecated-command"]);
  const target = diagnostics.find((diagnostic) => codeOf(diagnostic) === "workflows/deprecated-command")!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, target.range, vscode.CodeActionKind.QuickFix.value, 10);
  const fix = actions.find((action) => action.title.includes("$GITHUB_OUTPUT") && action.edit && action.edit.size > 0);
  assert.ok(fix?.edit, `A $GITHUB_OUTPUT rewrite should be offered; got: ${actions.map((a) => a.title).join(", ")}`);
  try {
    assert.ok(await vscode.workspace.applyEdit(fix.edit), "The quick fix's edit should apply.");
    assert.match(editor.document.getText(), /echo "tag=\$tag" >> "\$GITHUB_OUTPUT"/);
    await waitFor(uri, (found) => !found.some((d) => codeOf(d) === "workflows/deprecated-command"), "the deprecated-command finding to go");
  } finally {
    await revert(editor);
  }
  assert.equal(editor.document.getText(), before, "Reverting should restore the example.");

  const line = before.split("\n").findIndex((text) => text.includes("actions/checkout@"));
  const position = new vscode.Position(line, editor.document.lineAt(line).text.indexOf("checkout"));
  const hover = await retry(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position);
    const joined = hovers.flatMap((item) => item.contents.map((content) => (typeof content === "string" ? content : content.value))).join("\n");
    return joined.includes("fetch-depth") ? joined : undefined;
  }, "a Shipshape hover on actions/checkout");
  assert.match(hover, /Current major: v\d+/);
});

test("chart templates open as Helm", async () => {
  const templates = await vscode.workspace.findFiles("charts/*/templates/**/*.{yaml,yml,tpl}");
  assert.ok(templates.length > 0, "The examples should hold at least one chart template.");
  for (const uri of templates) {
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, "helm", `${vscode.workspace.asRelativePath(uri)} should be a Helm template`);
  }
});

test("the container-resources quick fix adds resources, and reverting restores the file", async () => {
  const uri = exampleUri("k8s/deployment.yaml");
  const editor = await vscode.window.showTextDocument(uri);
  const before = editor.document.getText();
  const diagnostics = await waitForCodes(uri, ["kubernetes/container-resources"]);
  const target = diagnostics.find((diagnostic) => codeOf(diagnostic) === "kubernetes/container-resources")!;
  const countBefore = diagnostics.filter((diagnostic) => codeOf(diagnostic) === codeOf(target)).length;

  // The API command drops `diagnostics` from the actions it returns, so the fix is found by the range it was asked for:
  // only this diagnostic covers the container's name. The last argument makes VS Code resolve lazily computed edits.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    "vscode.executeCodeActionProvider",
    uri,
    target.range,
    vscode.CodeActionKind.QuickFix.value,
    10,
  );
  const others = diagnostics.filter((diagnostic) => diagnostic !== target && diagnostic.range.intersection(target.range));
  assert.deepEqual(others.map(codeOf), [], "The test needs a diagnostic whose range no other diagnostic shares.");
  const fix = actions.find((action) => action.edit && action.edit.size > 0);
  assert.ok(fix?.edit, `A quick fix for ${codeOf(target)} should be offered; got: ${actions.map((a) => a.title).join(", ")}`);
  try {
    assert.ok(await vscode.workspace.applyEdit(fix.edit), "The quick fix's edit should apply.");
    const after = editor.document.getText();
    assert.notEqual(after, before);
    assert.equal(count(after, "limits:"), count(before, "limits:") + 1, "The fix should add one `limits:` block.");
    // The server sees the edit and reports one container fewer.
    await waitFor(uri, (found) => found.filter((d) => codeOf(d) === codeOf(target)).length === countBefore - 1);
  } finally {
    await revert(editor);
  }
  assert.equal(editor.document.getText(), before, "Reverting should restore the example.");
  assert.equal(editor.document.isDirty, false);
});

test("restarting the server brings the diagnostics back", async () => {
  const uri = exampleUri("k8s/deployment.yaml");
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand("shipshape.restartServer");
  await waitForCodes(uri, ["kubernetes/container-resources"]);
});

export async function run(): Promise<void> {
  const outcomes: TestOutcome[] = [];
  try {
    // Activation normally follows from opening a YAML file; doing it first makes a failure to activate explicit.
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    for (const { name, fn } of tests) {
      const started = Date.now();
      try {
        await fn();
        outcomes.push({ name, passed: true, durationMs: Date.now() - started });
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        outcomes.push({ name, passed: false, message, durationMs: Date.now() - started });
      }
      console.log(`[shipshape-test] ${outcomes.at(-1)!.passed ? "ok" : "FAILED"}: ${name}`);
    }
  } finally {
    // Leave the examples exactly as they were, whatever failed.
    await revertDirtyDocuments();
  }
  const failed = outcomes.filter((outcome) => !outcome.passed);
  const summary = `${outcomes.length - failed.length} passed, ${failed.length} failed`;
  writeResult({ passed: failed.length === 0, summary, tests: outcomes });
  console.log(`[shipshape-test] ${summary}`);
  if (failed.length > 0) {
    throw new Error(`${summary}\n${failed.map((outcome) => `${outcome.name}: ${outcome.message}`).join("\n")}`);
  }
}

/**
 * The one place that decides where the verdict goes, so that the harness's way of observing it can change here alone.
 * SHIPSHAPE_TEST_RESULT wins; E2E_RESULT_FILE is what the code-server harness sets today.
 */
function writeResult(result: TestResult): void {
  const file =
    process.env.SHIPSHAPE_TEST_RESULT ||
    process.env.E2E_RESULT_FILE ||
    path.join(workspaceRoot().fsPath, ".shipshape-test-result.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("The tests need the examples folder open as the workspace.");
  return folder.uri;
}

function exampleUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split("/"));
}

/** A diagnostic's code as a string: the client turns a code with a `codeDescription` into `{ value, target }`. */
function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === "object" ? String(code.value) : String(code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Waits until Shipshape's diagnostics for `uri` contain every code in `codes`, and returns them. */
async function waitForCodes(uri: vscode.Uri, codes: string[]): Promise<vscode.Diagnostic[]> {
  return waitFor(uri, (found) => codes.every((code) => found.some((diagnostic) => codeOf(diagnostic) === code)), codes.join(", "));
}

async function waitFor(
  uri: vscode.Uri,
  done: (found: vscode.Diagnostic[]) => boolean,
  what = "the expected diagnostics",
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + DIAGNOSTICS_TIMEOUT_MS;
  for (;;) {
    const found = ours(uri);
    if (done(found)) return found;
    if (Date.now() > deadline) {
      const seen = found.map((diagnostic) => codeOf(diagnostic)).join(", ") || "none";
      throw new Error(`Timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; saw: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Asks again until the server, which may still be starting, gives an answer `attempt` accepts. */
async function retry<T>(attempt: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + DIAGNOSTICS_TIMEOUT_MS;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  // The revert command acts on the active editor, so that editor is brought to the front first.
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand("workbench.action.files.revert");
}

async function revertDirtyDocuments(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme !== "untitled")) {
    try {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand("workbench.action.files.revert");
    } catch (error) {
      console.log(`[shipshape-test] could not revert ${document.uri.toString()}: ${String(error)}`);
    }
  }
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
