import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Hostile and accidental input must never take the server down or stall it. After each
 * document the server must still answer a request on an ordinary document, and the
 * document gets the finding that says why it was not analysed (or none when it is valid).
 */
const NORMAL = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: app-v2\n";

interface HostileCase {
  name: string;
  text: () => string;
  /** The exact rule ids expected, in order. */
  codes: string[];
}

const CASES: HostileCase[] = [
  { name: "an empty file", text: () => "", codes: [] },
  { name: "a binary file with NUL bytes", text: () => binaryText(64 * 1024), codes: ["yaml/input-limit"] },
  { name: "an alias bomb", text: aliasBomb, codes: ["yaml/input-limit"] },
  { name: "10,000 nested flow sequences", text: () => "[".repeat(10_000) + "]".repeat(10_000) + "\n", codes: ["yaml/input-limit"] },
  { name: "10,000 unclosed flow mappings", text: () => "{a: ".repeat(10_000) + "\n", codes: ["yaml/input-limit"] },
  { name: "2,000 levels of block indentation", text: deepIndentation, codes: ["yaml/input-limit"] },
  { name: "10,000 nested block sequences on one line", text: () => "- ".repeat(10_000) + "x\n", codes: ["yaml/input-limit"] },
  { name: "a valid file with a byte order mark", text: () => "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n", codes: [] },
  { name: "a file indented with tabs", text: () => "apiVersion: v1\nkind: ConfigMap\ndata:\n\tkey: value\n", codes: ["yaml/syntax-error"] },
  { name: "a lone surrogate and control characters", text: () => "key: \uD800 \u0007 \u001B[31m\n", codes: [] },
  { name: "one 2 MB line", text: () => "key: " + "x".repeat(2 * 1024 * 1024) + "\n", codes: [] },
];

describe("hostile input", () => {
  let client: LspClient;
  let workspace: TempWorkspace;
  let normalUri: string;
  let normalDiagnostics: Diagnostic[];

  before(async () => {
    workspace = createWorkspace();
    client = await LspClient.start({ folders: [workspace.root] });
    normalUri = workspace.uri("normal.yaml");
    await client.open(normalUri, NORMAL);
    normalDiagnostics = await client.waitForDiagnostics(normalUri, (diagnostics) => diagnostics.length === 1);
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    workspace.dispose();
  });

  /** The server is alive and useful: an ordinary request gets its ordinary answer. */
  async function assertStillAnswers(): Promise<void> {
    const actions = await client.codeActions(normalUri, normalDiagnostics[0]!.range, normalDiagnostics);
    assert.equal(actions?.length, 3, "code actions on an ordinary document changed");
  }

  for (const [index, hostile] of CASES.entries()) {
    test(hostile.name, async () => {
      const uri = workspace.uri(`hostile-${index}.yaml`);
      await client.open(uri, hostile.text());
      const diagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === 1, 10_000);
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), hostile.codes);
      await assertStillAnswers();
      await client.close(uri);
    });
  }

  test("a 20 MB file does not block requests that follow it", async (t) => {
    const uri = workspace.uri("huge.yaml");
    const text = "items:\n" + "  - name: abcdefghijklmnopq\n".repeat(750_000);
    assert.ok(text.length > 20 * 1024 * 1024);
    const started = performance.now();
    await client.open(uri, text);
    await assertStillAnswers();
    const answeredAfter = performance.now() - started;
    const diagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === 1, 10_000);
    const diagnosedAfter = performance.now() - started;
    t.diagnostic(`20 MB file: a request after didOpen answered in ${Math.round(answeredAfter)} ms; diagnostics after ${Math.round(diagnosedAfter)} ms`);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ["yaml/input-limit"]);
    assert.ok(answeredAfter < 3000, `a request took ${Math.round(answeredAfter)} ms behind the 20 MB file`);

    // An edit to the huge document is applied incrementally and analysed again.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "# edited\n" }]);
    await client.waitForDiagnostics(uri, (_, params) => params.version === 2, 10_000);
    await client.close(uri);
  });

  test("the server logged no failure while handling all of it", () => {
    const failures = client.logs.filter((log) => log.type === 1);
    assert.deepEqual(failures.map((log) => log.message), []);
  });
});

/** Nine levels of ten aliases each: a billion nodes if expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= 9; level++) lines.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(", ")}]`);
  return lines.join("\n") + "\n";
}

function deepIndentation(): string {
  const lines: string[] = [];
  for (let depth = 0; depth < 2000; depth++) lines.push(`${" ".repeat(depth)}k${depth}:`);
  return lines.join("\n") + " leaf\n";
}

/** Bytes of every value, as a client shows a binary file: each byte one character. */
function binaryText(length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) text += String.fromCharCode((index * 7919) % 256);
  return text;
}
