import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { applyWorkspaceEdit, asIncrementalChanges } from "./support/edits.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";
import { MANIFEST_WITH_TWO_FINDINGS } from "./support/manifests.ts";

/**
 * A document with known mistakes is opened; every diagnostic is checked field by field,
 * its quick fix is applied the way an editor would, and the fixed text is sent back as an
 * incremental change, after which that diagnostic must be gone.
 */
interface Step {
  code: string;
  severity: number;
  fixTitle: string;
  preferred: boolean;
  /** The range in the text as it is when this step starts, after the earlier fixes. */
  range: Diagnostic["range"];
  /** The whole document after this step's fix. */
  after: string;
}

interface Case {
  name: string;
  path: string;
  text: string;
  /** In the order the diagnostics are published (by position) and fixed. */
  steps: Step[];
}

const DOCS = "https://github.com/shipshape-dev/shipshape/blob/main/docs/rules/";

const MANIFEST = MANIFEST_WITH_TWO_FINDINGS;

const MANIFEST_WITHOUT_DUPLICATE = MANIFEST.replace("  name: web-v2\n", "");

const CASES: Case[] = [
  {
    name: "a manifest with a duplicate key and a container without resources",
    path: "deploy.yaml",
    text: MANIFEST,
    steps: [
      {
        code: "yaml/duplicate-key",
        range: { start: { line: 4, character: 2 }, end: { line: 4, character: 6 } },
        severity: 1,
        fixTitle: "Remove this duplicate name",
        preferred: false,
        after: MANIFEST_WITHOUT_DUPLICATE,
      },
      {
        code: "kubernetes/container-resources",
        // After the first fix the container's name sits one line higher.
        range: { start: { line: 12, character: 16 }, end: { line: 12, character: 19 } },
        severity: 2,
        fixTitle: "Add requests.cpu, requests.memory, limits.memory to container web",
        preferred: false,
        after:
          MANIFEST_WITHOUT_DUPLICATE +
          "          resources:\n            requests:\n              cpu: 100m\n              memory: 512Mi\n            limits:\n              memory: 512Mi\n",
      },
    ],
  },
  {
    name: "a workflow with a deprecated command, whose single safe fix is preferred",
    path: ".github/workflows/ci.yml",
    text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "::set-output name=dir::out"\npermissions: {}\n',
    steps: [
      {
        code: "workflows/deprecated-command",
        range: { start: { line: 5, character: 19 }, end: { line: 5, character: 31 } },
        severity: 2,
        fixTitle: "Replace set-output with $GITHUB_OUTPUT",
        preferred: true,
        after: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "dir=out" >> "$GITHUB_OUTPUT"\npermissions: {}\n',
      },
    ],
  },
];

describe("diagnostics and quick fixes over LSP", () => {
  let client: LspClient;
  let workspace: TempWorkspace;

  before(async () => {
    // The documents exist only in the editor: the workspace folder on disk stays empty.
    workspace = createWorkspace();
    client = await LspClient.start({ folders: [workspace.root] });
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  for (const testCase of CASES) {
    test(testCase.name, async () => {
      const uri = workspace.uri(testCase.path);
      await client.open(uri, testCase.text);
      let text = testCase.text;
      let version = 1;

      const first = await client.waitForDiagnostics(uri, (_, params) => params.version === 1);
      assert.deepEqual(first.map((diagnostic) => diagnostic.code), testCase.steps.map((step) => step.code), "the first publication differs");

      for (const step of testCase.steps) {
        const diagnostics = client.diagnostics.get(uri)!.diagnostics;
        const diagnostic = diagnostics.find((candidate) => candidate.code === step.code);
        assert.ok(diagnostic, `no ${step.code} diagnostic in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        assert.deepEqual(publicFields(diagnostic), expectedFields(step));
        assert.deepEqual((diagnostic.data as { ruleId: string }).ruleId, step.code, "data does not carry the rule id");

        const actions = (await client.codeActions(uri, diagnostic.range, [diagnostic])) ?? [];
        assert.deepEqual(
          actions.map((action) => action.title),
          [step.fixTitle, `Disable ${step.code} for this line`, `Disable ${step.code} for this file`],
        );
        const fix = actions[0]!;
        assert.equal(fix.kind, "quickfix");
        assert.equal(fix.isPreferred === true, step.preferred, "isPreferred");
        assert.deepEqual(fix.diagnostics, [diagnostic]);

        const fixed = applyWorkspaceEdit(text, uri, fix.edit);
        assert.equal(fixed, step.after);
        version = await client.change(uri, asIncrementalChanges(fix.edit!.changes![uri]!));
        text = fixed;
        const expectedVersion = version;
        const remaining = await client.waitForDiagnostics(uri, (_, params) => params.version === expectedVersion);
        assert.ok(!remaining.some((candidate) => candidate.code === step.code), `${step.code} is still reported after its fix`);
      }
      assert.deepEqual(client.diagnostics.get(uri)!.diagnostics, [], "diagnostics remain after every fix");
      await client.close(uri);
      // The file does not exist on disk, so closing it clears its diagnostics.
      await client.waitForDiagnostics(uri, (diagnostics, params) => diagnostics.length === 0 && params.version === undefined);
    });
  }
});

function publicFields(diagnostic: Diagnostic | undefined) {
  return diagnostic && {
    code: diagnostic.code,
    range: diagnostic.range,
    severity: diagnostic.severity,
    source: diagnostic.source,
    codeDescription: diagnostic.codeDescription,
  };
}

function expectedFields(step: Step) {
  return { code: step.code, range: step.range, severity: step.severity, source: "shipshape", codeDescription: { href: `${DOCS}${step.code}.md` } };
}
