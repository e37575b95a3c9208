import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CompletionList, Definition, Diagnostic, Hover, Location, MarkupContent, Position } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Helm charts over stdio: a template's `.Values` reads are checked against the chart's
 * values files as they are on disk or open, an edit to values.yaml re-checks templates
 * that are not open, and templates get definition, hover and completion of values.
 */
const VALUES = "image:\n  repository: nginx\n  tag: 1.27.0\nreplicaCount: 2\n";
const TEMPLATE = "spec:\n  replicas: {{ .Values.replicaCount }}\n  image: {{ .Values.image.repository }}:{{ .Values.image.tagg }}\n";

describe("helm charts", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({
      "chart/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
      "chart/values.yaml": VALUES,
      "chart/templates/deployment.yaml": TEMPLATE,
      "chart/templates/_helpers.tpl": '{{ define "web.name" }}{{ .Values.nameOverride | default .Chart.Name }}{{ end }}\n',
    });
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  const undefinedValues = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.code === "helm/undefined-value");

  test("a template that is not open is checked against the chart's values", async () => {
    const diagnostics = await client.waitForDiagnostics(workspace.uri("chart/templates/deployment.yaml"), (d) => undefinedValues(d).length > 0);
    const [finding] = undefinedValues(diagnostics);
    assert.deepEqual(finding!.range, { start: { line: 2, character: 57 }, end: { line: 2, character: 61 } });
    assert.equal(finding!.severity, 2);
  });

  test("its fixes: the closest key in the template, or the key added to values.yaml", async () => {
    const uri = workspace.uri("chart/templates/deployment.yaml");
    await client.open(uri, TEMPLATE, "helm");
    const diagnostics = undefinedValues(await client.waitForDiagnostics(uri, (d) => undefinedValues(d).length > 0));
    const actions = (await client.codeActions(uri, diagnostics[0]!.range, diagnostics)) ?? [];
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes("Use image.tag"), titles.join(" | "));
    const rename = actions.find((action) => action.title === "Use image.tag")!;
    assert.deepEqual(Object.keys(rename.edit!.changes!), [uri]);
    const addition = actions.find((action) => action.title === "Add image.tagg to values.yaml")!;
    const valuesUri = workspace.uri("chart/values.yaml");
    assert.deepEqual(Object.keys(addition.edit!.changes!), [valuesUri]);
    assert.deepEqual(addition.edit!.changes![valuesUri], [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '  tagg: ""\n' }]);
    await client.close(uri);
  });

  test("an edit to an open values.yaml re-checks the templates that are not open", async () => {
    const valuesUri = workspace.uri("chart/values.yaml");
    await client.open(valuesUri, VALUES);
    await client.change(valuesUri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "  tagg: latest\n" }]);
    await client.waitForDiagnostics(workspace.uri("chart/templates/deployment.yaml"), (d) => undefinedValues(d).length === 0);
    // And back: the read is undefined again once the key goes.
    await client.change(valuesUri, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: "" }]);
    await client.waitForDiagnostics(workspace.uri("chart/templates/deployment.yaml"), (d) => undefinedValues(d).length === 1);
    await client.close(valuesUri);
  });

  test("a values key no template reads is a hint tagged unnecessary", async () => {
    const valuesUri = workspace.uri("chart/values.yaml");
    await client.open(valuesUri, `${VALUES}unusedKey: 1\n`);
    const diagnostics = await client.waitForDiagnostics(valuesUri, (d) => d.some((diagnostic) => diagnostic.code === "helm/unused-value" && diagnostic.range.start.line === 4));
    const unused = diagnostics.filter((diagnostic) => diagnostic.code === "helm/unused-value");
    // image.tag too: the template on disk reads image.tagg instead.
    assert.deepEqual(unused.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity, diagnostic.tags]), [[2, 4, [1]], [4, 4, [1]]]);
    await client.close(valuesUri);
  });

  describe("help in templates", () => {
    const uri = () => workspace.uri("chart/templates/deployment.yaml");
    const text = "spec:\n  replicas: {{ .Values.replicaCount }}\n  image: {{ .Values.image.repository }}:{{ $.Values.image. }}\n  x: {{ .Values.im }}\n";
    before(() => client.open(uri(), text, "helm"));
    after(() => client.close(uri()));

    test("go to definition lands on the key in values.yaml", async () => {
      const definition = (await client.connection.sendRequest("textDocument/definition", { textDocument: { uri: uri() }, position: { line: 2, character: 30 } })) as Definition;
      assert.deepEqual(definition, [{ uri: workspace.uri("chart/values.yaml"), range: { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } } }] satisfies Location[]);
    });

    test("hover shows the value and where it is set", async () => {
      const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: uri() }, position: { line: 1, character: 25 } })) as Hover;
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /\.Values\.replicaCount/);
      assert.match(value, /`2` \(values\.yaml\)/);
    });

    async function complete(position: Position, triggerCharacter?: string): Promise<string[]> {
      const context = triggerCharacter === undefined ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter };
      const list = (await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: uri() }, position, context })) as CompletionList | null;
      return list?.items.map((item) => item.label) ?? [];
    }

    test("completion offers the keys below the path typed so far", async () => {
      assert.deepEqual(await complete({ line: 2, character: 58 }, "."), ["repository", "tag"]);
      // Keys the values files define; nameOverride is only read, with a default.
      assert.deepEqual(await complete({ line: 3, character: 18 }), ["image", "replicaCount"]);
      assert.deepEqual(await complete({ line: 0, character: 3 }), []);
    });
  });
});
