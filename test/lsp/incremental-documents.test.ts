import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { analyzeFile, applyEdits, kubernetesEnvironment, LineIndex } from "../../server/src/analysis/index.ts";
import { loadBundledSchemas } from "../../server/src/io/schema-data.ts";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * The server reparses only the YAML documents an edit touched. After every edit of a
 * multi-document manifest, typed in one document after another, with document markers
 * added and removed, what it publishes must be the core's analysis of the whole new text.
 */
const DOCUMENT = (index: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${index}
spec:
  replicas: ${index}
  selector:
    matchLabels: { app: app-${index} }
  template:
    metadata:
      labels: { app: app-${index} }
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;
const MANIFEST = `# eight applications\n${Array.from({ length: 8 }, (_, index) => DOCUMENT(index)).join("---\n")}`;
const SNIPPETS = ["x", "\n", "- ", ": ", "  name: dup\n", "---\n", "'", "[", "9", "\t"];

let client: LspClient;
let workspace: TempWorkspace;
before(async () => {
  workspace = createWorkspace();
  client = await LspClient.start({ folders: [workspace.root] });
});
after(async () => {
  await client.shutdown();
  workspace.dispose();
});

test("thirty seeded edits across the documents of a manifest: each publication equals a fresh analysis", async () => {
  const random = seededRandom(7);
  const uri = workspace.uri("platform.yaml");
  const kubernetes = kubernetesEnvironment(loadBundledSchemas(), undefined);
  let text = MANIFEST;
  await client.open(uri, text);
  for (let step = 0; step < 30; step++) {
    const lines = new LineIndex(text);
    const at = Math.floor(random() * (text.length + 1));
    const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
    // Markers mean something at a line start only; every fifth step removes a few characters instead.
    const start = snippet === "---\n" ? text.lastIndexOf("\n", at - 1) + 1 : at;
    const end = step % 5 === 4 ? Math.min(text.length, start + 1 + Math.floor(random() * 6)) : start;
    const newText = step % 5 === 4 ? "" : snippet;
    const range = lines.rangeOf(start, end);
    text = applyEdits(text, [{ range, newText }]);
    const version = await client.change(uri, [{ range, text: newText }]);
    const published = await client.waitForDiagnostics(uri, (_, params) => params.version === version);
    const expected = analyzeFile({ path: workspace.path("platform.yaml"), text }, { kubernetes });
    assert.deepEqual(published.map(comparable), expected.map((finding) => ({ code: finding.ruleId, range: finding.range, message: finding.message })), `after step ${step}:\n${text}`);
  }
  await client.close(uri);
});

function comparable(diagnostic: Diagnostic) {
  return { code: diagnostic.code, range: diagnostic.range, message: diagnostic.message };
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
