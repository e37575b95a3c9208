import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * A CRD in one file gives the custom resources in other files their schema, in the
 * server as in the CLI: resources on disk are checked against it after the scan, and an
 * unsaved edit to the open CRD re-checks them.
 */
const crd = (colorType: string) => `apiVersion: apiextensions.k8s.io/v1
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
                color: { type: ${colorType} }
`;

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: small
spec:
  colour: red
  color: red
`;

const GADGET = `apiVersion: example.com/v1
kind: Gadget
metadata:
  name: unknown
`;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => `${diagnostic.range.start.line}:${diagnostic.code}`);

describe("custom resources over LSP", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    workspace = createWorkspace({ "crds/widget.yaml": crd("string"), "resources/widget.yaml": WIDGET, "resources/gadget.yaml": GADGET });
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  test("a resource on disk is validated against a CRD in another file", async () => {
    const widget = await client.waitForDiagnostics(workspace.uri("resources/widget.yaml"), (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(codes(widget), ["5:kubernetes/unknown-field"]);
    const gadget = await client.waitForDiagnostics(workspace.uri("resources/gadget.yaml"), (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(codes(gadget), ["0:kubernetes/no-schema"]);
    assert.equal(gadget[0]!.severity, 3, "a custom resource without a schema is only an information");
  });

  test("an unsaved edit to the CRD re-checks the resources that use it", async () => {
    const uri = workspace.uri("crds/widget.yaml");
    await client.open(uri, crd("string"));
    await client.change(uri, [{ text: crd("integer") }]);
    const widget = await client.waitForDiagnostics(workspace.uri("resources/widget.yaml"), (diagnostics) => diagnostics.length === 2);
    assert.deepEqual(codes(widget).sort(), ["5:kubernetes/unknown-field", "6:kubernetes/invalid-type"]);
    await client.close(uri);
  });
});
