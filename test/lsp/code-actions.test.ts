import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { applyWorkspaceEdit } from "./support/edits.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";
import { MANIFEST_WITH_TWO_FINDINGS } from "./support/manifests.ts";

/**
 * Code actions are rebuilt from what the client sends back: the diagnostic's code and
 * data and the document's current text. Messages are never read, foreign diagnostics
 * are ignored, and every rule can be silenced for a line or a file.
 */
const MANIFEST = MANIFEST_WITH_TWO_FINDINGS;

describe("code actions", () => {
  let client: LspClient;
  let workspace: TempWorkspace;
  let documentNumber = 0;

  before(async () => {
    workspace = createWorkspace();
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  /** Opens `text` as a fresh document and returns its URI and first diagnostics. */
  async function openDocument(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = workspace.uri(`doc-${++documentNumber}.yaml`);
    await client.open(uri, text);
    return { uri, diagnostics: await client.waitForDiagnostics(uri, (_, params) => params.version === 1) };
  }

  function find(diagnostics: Diagnostic[], code: string): Diagnostic {
    const diagnostic = diagnostics.find((candidate) => candidate.code === code);
    assert.ok(diagnostic, `no ${code} diagnostic`);
    return diagnostic;
  }

  test("a fix comes from the diagnostic's data even when its message was changed", async () => {
    const { uri, diagnostics } = await openDocument(MANIFEST);
    const original = find(diagnostics, "yaml/duplicate-key");
    const renamed: Diagnostic = { ...original, message: "Ein ganz anderer Text, etwa eine Übersetzung." };
    const fromOriginal = await client.codeActions(uri, original.range, [original]);
    const fromRenamed = await client.codeActions(uri, renamed.range, [renamed]);
    assert.ok(fromRenamed && fromRenamed.length > 0);
    assert.deepEqual(fromRenamed.map((action) => action.edit), fromOriginal!.map((action) => action.edit));
    assert.equal(applyWorkspaceEdit(MANIFEST, uri, fromRenamed[0]!.edit), MANIFEST.replace("  name: web-v2\n", ""));
  });

  const ignored: Array<{ name: string; change: (diagnostic: Diagnostic) => Diagnostic }> = [
    { name: "another source", change: (diagnostic) => ({ ...diagnostic, source: "yaml" }) },
    { name: "an unknown rule id", change: (diagnostic) => ({ ...diagnostic, code: "yaml/no-such-rule", data: { ruleId: "yaml/no-such-rule", data: {} } }) },
    { name: "data naming another rule", change: (diagnostic) => ({ ...diagnostic, data: { ruleId: "kubernetes/container-resources", data: {} } }) },
    { name: "a numeric code", change: (diagnostic) => ({ ...diagnostic, code: 42 }) },
  ];
  for (const { name, change } of ignored) {
    test(`a diagnostic with ${name} gets no action`, async () => {
      const { uri, diagnostics } = await openDocument(MANIFEST);
      const foreign = change(find(diagnostics, "yaml/duplicate-key"));
      assert.deepEqual(await client.codeActions(uri, foreign.range, [foreign]), []);
    });
  }

  test("data the rule cannot read gives no fix but still the disable actions", async () => {
    const { uri, diagnostics } = await openDocument(MANIFEST);
    const garbled = { ...find(diagnostics, "yaml/duplicate-key"), data: { ruleId: "yaml/duplicate-key", data: "not an object" } };
    const actions = await client.codeActions(uri, garbled.range, [garbled]);
    assert.deepEqual(actions?.map((action) => action.title), ["Disable yaml/duplicate-key for this line", "Disable yaml/duplicate-key for this file"]);
  });

  test("a request for other kinds of action gets none", async () => {
    const { uri, diagnostics } = await openDocument(MANIFEST);
    assert.deepEqual(await client.codeActions(uri, diagnostics[0]!.range, diagnostics, ["refactor"]), []);
    assert.equal((await client.codeActions(uri, diagnostics[0]!.range, diagnostics, ["quickfix"]))?.length, 2 * 3);
  });

  const disableCases = [
    {
      name: "disable for this line, at the reported line's indentation",
      text: MANIFEST,
      code: "kubernetes/container-resources",
      title: "Disable kubernetes/container-resources for this line",
      expected: MANIFEST.replace("        - name: web\n", "        # shipshape-disable-next-line kubernetes/container-resources\n        - name: web\n"),
    },
    {
      name: "disable for this line appends to a directive already there",
      text: MANIFEST.replace("        - name: web\n", "        # shipshape-disable-next-line yaml/duplicate-key\n        - name: web\n"),
      code: "kubernetes/container-resources",
      title: "Disable kubernetes/container-resources for this line",
      expected: MANIFEST.replace("        - name: web\n", "        # shipshape-disable-next-line yaml/duplicate-key kubernetes/container-resources\n        - name: web\n"),
    },
    {
      name: "disable for this file keeps CRLF line endings",
      text: MANIFEST.replace(/\n/g, "\r\n"),
      code: "yaml/duplicate-key",
      title: "Disable yaml/duplicate-key for this file",
      expected: "# shipshape-disable-file yaml/duplicate-key\r\n" + MANIFEST.replace(/\n/g, "\r\n"),
    },
    {
      name: "disable for this file appends to the file directive at the top",
      text: "# shipshape-disable-file yaml/duplicate-key\n" + MANIFEST,
      code: "kubernetes/container-resources",
      title: "Disable kubernetes/container-resources for this file",
      expected: "# shipshape-disable-file yaml/duplicate-key kubernetes/container-resources\n" + MANIFEST,
    },
    {
      name: "disable for this file goes after a byte order mark",
      text: "\uFEFF" + MANIFEST,
      code: "yaml/duplicate-key",
      title: "Disable yaml/duplicate-key for this file",
      expected: "\uFEFF# shipshape-disable-file yaml/duplicate-key\n" + MANIFEST,
    },
  ];
  for (const disableCase of disableCases) {
    test(disableCase.name, async () => {
      const { uri, diagnostics } = await openDocument(disableCase.text);
      const diagnostic = find(diagnostics, disableCase.code);
      const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
      const action = actions.find((candidate) => candidate.title === disableCase.title);
      assert.ok(action, `no "${disableCase.title}" in ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
      assert.equal(action.kind, "quickfix");
      const edited = applyWorkspaceEdit(disableCase.text, uri, action.edit);
      assert.equal(edited, disableCase.expected);

      const lastLine = disableCase.text.split("\n").length;
      const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: 0 } }, text: edited }]);
      const after = await client.waitForDiagnostics(uri, (_, params) => params.version === version);
      assert.ok(!after.some((candidate) => candidate.code === disableCase.code), `${disableCase.code} is still reported`);
    });
  }
});
