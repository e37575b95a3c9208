import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CompletionItem, CompletionList, Hover, MarkupContent, Position } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Hover and completion over stdio: the server answers from the schemas of the target
 * version that the project config names, on unsaved text, in manifests (workflows: workflow-assist.test.ts).
 */
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
          
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                mode: { type: string, enum: [fast, slow], description: How fast it goes. }
`;

describe("hover and completion", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({ ".shipshape.yaml": 'kubernetesVersion: "1.32"\n', "chart/Chart.yaml": "apiVersion: v2\nname: chart\nversion: 0.1.0\n" });
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  function hover(uri: string, position: Position): Promise<Hover | null> {
    return client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
  }
  function complete(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionList | null> {
    const context = triggerCharacter === undefined ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter };
    return client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position, context });
  }
  function labels(list: CompletionList | null): string[] {
    return list?.items.map((item) => item.label) ?? [];
  }

  test("the server declares hover and completion", () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.equal(capabilities?.hoverProvider, true);
    assert.deepEqual(capabilities?.completionProvider, { triggerCharacters: [" ", "."], resolveProvider: false });
  });

  test("hover on a Deployment's key and enum value uses the configured version", async () => {
    const uri = workspace.uri("deploy.yaml");
    await client.open(uri, DEPLOYMENT);
    const onKey = await hover(uri, { line: 15, character: 12 });
    const keyText = (onKey?.contents as MarkupContent).value;
    assert.ok(keyText.includes("`spec.template.spec.containers[0].image`"), keyText);
    assert.ok(keyText.includes("`string`"), keyText);
    assert.ok(keyText.includes("Kubernetes 1.32"), keyText);
    assert.deepEqual(onKey?.range, { start: { line: 15, character: 10 }, end: { line: 15, character: 15 } });

    const onValue = await hover(uri, { line: 16, character: 30 });
    assert.ok((onValue?.contents as MarkupContent).value.includes("Allowed values: `Always`, `IfNotPresent`, `Never`"));
    assert.equal(await hover(uri, { line: 17, character: 10 }), null);
  });

  test("completion on the empty line of a container offers the keys it lacks, then after an edit the enum values", async () => {
    const uri = workspace.uri("typing.yaml");
    await client.open(uri, DEPLOYMENT);
    const keys = await complete(uri, { line: 17, character: 10 });
    assert.ok(labels(keys).includes("ports"));
    assert.ok(labels(keys).includes("resources"));
    assert.ok(!labels(keys).includes("image"));
    const ports = keys?.items.find((item) => item.label === "ports") as CompletionItem;
    assert.equal(ports.detail, "[]ContainerPort");
    assert.deepEqual(ports.textEdit, { range: { start: { line: 17, character: 10 }, end: { line: 17, character: 10 } }, newText: "ports:\n            - " });
    assert.equal(ports.insertTextFormat, 1);

    // The user types a half key, then a whole one with its colon and a space; the space asks for values.
    await client.change(uri, [{ range: { start: { line: 17, character: 10 }, end: { line: 17, character: 10 } }, text: "terminationMessagePo" }]);
    const typed = await complete(uri, { line: 17, character: 30 });
    const policy = typed?.items.find((item) => item.label === "terminationMessagePolicy");
    assert.deepEqual(policy?.textEdit, { range: { start: { line: 17, character: 10 }, end: { line: 17, character: 30 } }, newText: "terminationMessagePolicy: " });
    await client.change(uri, [{ range: { start: { line: 17, character: 30 }, end: { line: 17, character: 30 } }, text: "licy: " }]);
    const values = await complete(uri, { line: 17, character: 36 }, " ");
    assert.deepEqual(labels(values), ["FallbackToLogsOnError", "File"]);
    // A space typed in indentation asks for nothing, though asking there explicitly gets keys.
    assert.equal(await complete(uri, { line: 15, character: 10 }, " "), null);
    assert.ok(labels(await complete(uri, { line: 15, character: 10 })).includes("ports"));
  });

  test("kind values follow the apiVersion, and a custom resource follows its CRD", async () => {
    const uri = workspace.uri("new.yaml");
    await client.open(uri, "apiVersion: apps/v1\nkind: \n");
    const kinds = labels(await complete(uri, { line: 1, character: 6 }, " "));
    assert.ok(kinds.includes("Deployment") && kinds.includes("StatefulSet") && !kinds.includes("Pod"), kinds.join(", "));

    const crdUri = workspace.uri("crd.yaml");
    await client.open(crdUri, CRD);
    await client.waitForDiagnostics(crdUri, () => true);
    const widgetUri = workspace.uri("widget.yaml");
    await client.open(widgetUri, "apiVersion: example.com/v1\nkind: Widget\nspec:\n  mode: \n");
    assert.deepEqual(labels(await complete(widgetUri, { line: 3, character: 8 })), ["fast", "slow"]);
    const onMode = (await hover(widgetUri, { line: 3, character: 3 }))?.contents as MarkupContent;
    assert.ok(onMode.value.includes(`from CRD ${workspace.path("crd.yaml")}`), onMode.value);
  });

  test("chart templates get neither (workflows get theirs: test/lsp/workflow-assist.test.ts)", async () => {
    for (const path of ["chart/templates/deployment.yaml"]) {
      const uri = workspace.uri(path);
      await client.open(uri, DEPLOYMENT, path.startsWith("chart") ? "helm" : "yaml");
      assert.equal(await hover(uri, { line: 15, character: 12 }), null, path);
      assert.equal(await complete(uri, { line: 17, character: 10 }), null, path);
    }
  });
});
