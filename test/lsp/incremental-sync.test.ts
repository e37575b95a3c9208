import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Diagnostic, Position, Range, TextDocumentContentChangeEvent } from "vscode-languageserver-protocol";
import { analyzeFile, applyEdits, kubernetesEnvironment, LineIndex } from "../../server/src/analysis/index.ts";
import { loadBundledSchemas } from "../../server/src/io/schema-data.ts";
import { LspClient } from "./support/lsp-client.ts";
import { createWorkspace, type TempWorkspace } from "./support/workspace.ts";

/**
 * Incremental sync: the server applies ranged edits to its copy of the document. After a
 * sequence of edits, what it publishes must equal the core's analysis of the final text,
 * computed here independently with the core's own edit application.
 */
const CRLF_MANIFEST = [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: web",
  "spec:",
  "  template:",
  "    spec:",
  "      containers:",
  "        - name: web",
  "          image: nginx:1.27",
  "",
].join("\r\n");

const pos = (line: number, character: number): Position => ({ line, character });

/** One edit per character, each at the cursor the previous one left, as a person typing. */
function typing(typed: string, at: Position): RangedChange[] {
  let cursor = at;
  return [...typed].map((char) => {
    const edit = { range: { start: cursor, end: cursor }, text: char };
    cursor = char === "\n" ? pos(cursor.line + 1, 0) : pos(cursor.line, cursor.character + 1);
    return edit;
  });
}

type RangedChange = { range: Range; text: string };

/** `codes` pins what the final text yields, so a server that published nothing could not pass. */
const SCRIPTED: Array<{ name: string; text: string; edits: RangedChange[]; codes: string[] }> = [
  {
    name: "CRLF text: insert a duplicate key, rename an image, delete a line, add a tab-indented line",
    text: CRLF_MANIFEST,
    edits: [
      { range: { start: pos(4, 0), end: pos(4, 0) }, text: "  name: web-v2\r\n" },
      { range: { start: pos(10, 17), end: pos(10, 22) }, text: "busybox" },
      { range: { start: pos(1, 0), end: pos(2, 0) }, text: "" },
      { range: { start: pos(0, 19), end: pos(0, 19) }, text: "\r\nextra:\r\n\tbad: 1" },
      { range: { start: pos(0, 0), end: pos(0, 0) }, text: "# header\r\n" },
    ],
    codes: ["yaml/syntax-error", "yaml/duplicate-key"],
  },
  {
    name: "LF text: type a container's resources one character at a time",
    text: CRLF_MANIFEST.replace(/\r\n/g, "\n"),
    edits: typing("\n          resources: {requests: {cpu: 1m, memory: 1Mi}, limits: {memory: 1Mi}}", pos(9, 27)),
    // The Deployment still has no selector: only the resources finding is typed away.
    codes: ["kubernetes/missing-required-field"],
  },
];

describe("incremental document sync", () => {
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

  for (const [index, scripted] of SCRIPTED.entries()) {
    test(scripted.name, async () => {
      const published = await checkEdits(`scripted-${index}.yaml`, scripted.text, scripted.edits.map((edit) => [edit]));
      assert.deepEqual(published.map((diagnostic) => diagnostic.code), scripted.codes);
    });
  }

  test("forty seeded random edits, one or two per change, on CRLF text", async () => {
    const random = seededRandom(20251122);
    let text = CRLF_MANIFEST;
    const batches: TextDocumentContentChangeEvent[][] = [];
    for (let step = 0; step < 40; step++) {
      const batch: TextDocumentContentChangeEvent[] = [];
      for (let count = 1 + Math.floor(random() * 2); count > 0; count--) {
        const edit = randomEdit(text, random);
        text = applyEdits(text, [{ range: edit.range, newText: edit.text }]);
        batch.push(edit);
      }
      batches.push(batch);
    }
    await checkEdits("random.yaml", CRLF_MANIFEST, batches);
  });

  /** Sends each batch as one didChange, then compares the last publication with the core's own analysis. */
  async function checkEdits(name: string, initial: string, batches: TextDocumentContentChangeEvent[][]): Promise<Diagnostic[]> {
    const uri = workspace.uri(name);
    await client.open(uri, initial);
    let text = initial;
    let version = 1;
    for (const batch of batches) {
      for (const change of batch) {
        assert.ok("range" in change);
        text = applyEdits(text, [{ range: change.range, newText: change.text }]);
      }
      version = await client.change(uri, batch);
    }
    const finalVersion = version;
    const published = await client.waitForDiagnostics(uri, (_, params) => params.version === finalVersion);
    // The server checks against the bundled schemas of the newest version, as a user's editor does by default.
    const expected = analyzeFile({ path: workspace.path(name), text }, { kubernetes: kubernetesEnvironment(loadBundledSchemas(), undefined) });
    assert.deepEqual(published.map(comparable), expected.map((finding) => ({ code: finding.ruleId, range: finding.range, message: finding.message, data: JSON.parse(JSON.stringify(finding.data ?? null)) })));
    await client.close(uri);
    return published;
  }
});

function comparable(diagnostic: Diagnostic) {
  return { code: diagnostic.code, range: diagnostic.range, message: diagnostic.message, data: (diagnostic.data as { data: unknown }).data ?? null };
}

/** A small insertion, deletion or replacement at a random place, sometimes inserting CRLF or splitting one. */
function randomEdit(text: string, random: () => number): RangedChange {
  const lines = new LineIndex(text);
  const start = Math.floor(random() * (text.length + 1));
  const end = Math.min(text.length, start + Math.floor(random() * 4));
  const pieces = ["x", " ", "\r\n", "\n", ":", "- ", "key: v", "\t", "", "name: web"];
  const inserted = pieces[Math.floor(random() * pieces.length)]!;
  return { range: lines.rangeOf(start, end), text: inserted };
}

/** Mulberry32: a tiny deterministic generator, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
