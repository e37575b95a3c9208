import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CompletionList, Hover, MarkupContent, Position } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Workflows over stdio: diagnostics with their quick-fixes from Diagnostic.data, hover on keys
 * (GitHub's schema descriptions), contexts and popular actions, and completion of keys, action
 * inputs and expression contexts, on unsaved text.
 */
const WORKFLOW = `on: pull_request
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "tag=v1" >> "$GITHUB_OUTPUT"
      - uses: actions/checkout@v3
        with:
          fetch-depth: 0
          
      - run: echo \${{ steps.version.outputs.tag }} \${{ github.sha }}
  deploy:
    needs: biuld
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`;

describe("workflows over LSP", () => {
  let client: LspClient;
  let workspace: TempWorkspace;
  before(async () => {
    workspace = createWorkspace({});
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  const hover = (uri: string, position: Position): Promise<Hover | null> => client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
  const complete = (uri: string, position: Position, triggerCharacter?: string): Promise<CompletionList | null> =>
    client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position, context: triggerCharacter === undefined ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter } });
  const labels = (list: CompletionList | null) => list?.items.map((item) => item.label) ?? [];

  test("diagnostics carry rule ids, and their quick-fixes come from Diagnostic.data", async () => {
    const uri = workspace.uri(".github/workflows/ci.yml");
    await client.open(uri, WORKFLOW);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const codes = diagnostics.map((diagnostic) => `${diagnostic.range.start.line + 1}:${String(diagnostic.code)}`).sort();
    assert.deepEqual(codes, ["10:workflows/outdated-action", "16:workflows/unknown-needs"]);
    const needs = diagnostics.find((diagnostic) => diagnostic.code === "workflows/unknown-needs")!;
    const actions = await client.codeActions(uri, needs.range, [needs]);
    const rename = actions?.find((action) => action.title === "Change to build");
    assert.ok(rename, JSON.stringify(actions?.map((action) => action.title)));
    assert.deepEqual(rename.edit?.changes?.[uri], [{ range: needs.range, newText: "build" }]);
  });

  test("hover explains keys, contexts and popular actions", async () => {
    const uri = workspace.uri(".github/workflows/hover.yml");
    await client.open(uri, WORKFLOW);
    const onKey = (await hover(uri, { line: 5, character: 6 }))?.contents as MarkupContent;
    assert.match(onKey.value, /jobs\.build\.runs-on/);
    const onContext = await hover(uri, { line: 13, character: 63 });
    assert.match((onContext?.contents as MarkupContent).value, /github\.sha/);
    const onAction = (await hover(uri, { line: 9, character: 20 }))?.contents as MarkupContent;
    assert.match(onAction.value, /actions\/checkout/);
    assert.match(onAction.value, /fetch-depth/);
    const onInput = (await hover(uri, { line: 11, character: 14 }))?.contents as MarkupContent;
    assert.match(onInput.value, /\*\*fetch-depth\*\*: input of `actions\/checkout@v3`/);
    assert.match(onInput.value, /Default: `1`/, "the default comes from the action's metadata");
  });

  test("completion offers the keys a job lacks, an action's inputs and a job's step ids", async () => {
    const uri = workspace.uri(".github/workflows/complete.yml");
    await client.open(uri, WORKFLOW);
    const inputs = labels(await complete(uri, { line: 12, character: 10 }));
    assert.ok(inputs.includes("ref") && inputs.includes("submodules") && !inputs.includes("fetch-depth"), inputs.join(", "));

    await client.change(uri, [{ range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, text: "    timeo\n" }]);
    const keys = await complete(uri, { line: 16, character: 9 });
    assert.ok(labels(keys).includes("timeout-minutes"), labels(keys).join(", "));
    assert.ok(!labels(keys).includes("runs-on"), "runs-on is already set");
    assert.deepEqual(keys?.items.find((item) => item.label === "timeout-minutes")?.textEdit, { range: { start: { line: 16, character: 4 }, end: { line: 16, character: 9 } }, newText: "timeout-minutes: " });

    // `${{ steps.version.outputs.tag }}` becomes `${{ steps. }}`, the cursor after the dot.
    await client.change(uri, [{ range: { start: { line: 13, character: 28 }, end: { line: 13, character: 47 } }, text: "" }]);
    const steps = await complete(uri, { line: 13, character: 28 }, ".");
    assert.deepEqual(labels(steps), ["version"]);
    assert.equal(await complete(uri, { line: 5, character: 13 }, "."), null, "a dot outside ${{ }} asks for nothing");
  });
});
