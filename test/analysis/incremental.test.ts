import { test } from "node:test";
import assert from "node:assert/strict";
import { isCollection, isNode, isPair, type Document } from "yaml";
import { analyzeFile, kubernetesEnvironment, type KubernetesEnvironment } from "../../server/src/analysis/index.ts";
import { IncrementalDocuments, segmentStarts } from "../../server/src/analysis/documents/incremental.ts";
import { FRESH_PARSE, type YamlDocument } from "../../server/src/analysis/documents/yaml-documents.ts";
import { loadBundledSchemas } from "../../server/src/io/schema-data.ts";

/**
 * An editor reparses only the documents whose text changed. Whatever the edits, the result
 * must be what a fresh parse of the whole text gives: the same findings, and underneath
 * them the same documents, node offsets, errors and comments. Seeded random edits (typing,
 * deleting, new and removed document markers, directives, quotes, brackets, block scalars,
 * tabs, copied documents) stress that, one edit after the other on the same cache.
 */
const kubernetes: KubernetesEnvironment = kubernetesEnvironment(loadBundledSchemas(), undefined, []);

const DEPLOYMENT = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { app: ${name} }
spec:
  replicas: 3
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1.2.3
          env:
            - name: GREETING
              value: "hello
                world"
          resources:
            requests: { cpu: 100m, memory: 64Mi }
`;

const PIECES = [
  "# A platform's manifests, as one file.\n",
  DEPLOYMENT("web"),
  "---\n",
  DEPLOYMENT("api").replace("replicas: 3", "replicas: three\n  replicas: 2"),
  "---\n# a comment-only document\n",
  "---\n",
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scripts\ndata:\n  run.sh: |\n    #!/bin/sh\n    echo ---\n    exit 0\n  flow: [a, {b: c}, 'd']\n",
  "...\n# between documents\n",
  "---\n",
  "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n  unknownField: true\n",
  "--- # a marker with a comment\n",
  DEPLOYMENT("worker").replace("          resources:\n            requests: { cpu: 100m, memory: 64Mi }\n", ""),
  "---\n",
  "base: &base {a: 1}\nuse: *base\n",
];
const BASE = PIECES.join("");

const SNIPPETS = [
  "x", " ", "\n", ": ", "- ", "---\n", "\n---\n", "--- ", "...\n", "\n...\n", '"', "'", "[", "]", "{", "}", "#", "# c\n",
  "|\n", ">-\n", "\t", "&a ", "*a", "? ", "%YAML 1.1\n", "\r\n", "apiVersion: v1\n", "kind: Pod\n", "  name: dup\n",
  "----", "---x", "\uFEFF", "key: value\n", "  - item\n",
];

test("segments are cut at document starts, not at the first one, not after a document end, and not at all with directives", () => {
  assert.deepEqual(segmentStarts("a: 1\n---\nb: 2\n---\nc: 3\n"), [0, 14]);
  assert.deepEqual(segmentStarts("---\na: 1\n---\nb: 2\n"), [0, 9]);
  assert.deepEqual(segmentStarts("---\na\n...\n# c\n---\nb\n---\nc\n"), [0, 20]);
  assert.deepEqual(segmentStarts("---\na: |\n  ---\n---x\n----\n--- \n---\t\n---"), [0, 25, 30, 35]);
  assert.equal(segmentStarts("%YAML 1.2\n---\na\n---\nb\n"), undefined);
});

test("an edit inside one document reparses only that document's segment", () => {
  const documents = new IncrementalDocuments();
  const text = Array.from({ length: 20 }, (_, index) => DEPLOYMENT(`app-${index}`)).join("---\n");
  documents.documents(text);
  assert.deepEqual(documents.lastRun, { parsedSegments: 19, reusedSegments: 0 });
  const at = text.indexOf("replicas: 3", text.length / 2) + "replicas: ".length;
  const edited = `${text.slice(0, at)}12${text.slice(at + 1)}`;
  const result = documents.documents(edited);
  assert.deepEqual(documents.lastRun, { parsedSegments: 1, reusedSegments: 18 });
  assert.deepEqual(result.map(dump), FRESH_PARSE.documents(edited).map(dump));
});

test("random edits: the incremental documents and findings equal a fresh parse's after every edit", () => {
  const random = seededRandom(20240611);
  const documents = new IncrementalDocuments();
  let text = BASE;
  let editsThatReused = 0;
  for (let edit = 0; edit < 600; edit++) {
    // Garbage accumulates; starting over now and then keeps most edits in a realistic file.
    if (edit % 20 === 0) text = BASE;
    text = randomEdit(text, random);
    const incremental = documents.documents(text);
    if (documents.lastRun.reusedSegments > 0) editsThatReused++;
    const context = `after edit ${edit}, text:\n${text}`;
    assert.deepEqual(incremental.map(dump), FRESH_PARSE.documents(text).map(dump), context);
    const file = { path: "/w/platform.yaml", text };
    assert.deepEqual(analyzeFile(file, { kubernetes, documents }), analyzeFile(file, { kubernetes }), context);
  }
  // Unclosed quotes and directives make the rest of a run parse whole; most edits still reuse.
  assert.ok(editsThatReused > 300, `${editsThatReused} of 600 edits reused segments`);
});

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const choice = random();
  if (choice < 0.4) {
    const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
    // Markers and directives mean something only at a line start, so they go there.
    const where = /^(---|\.\.\.|%)/.test(snippet) ? lineStart : at;
    return text.slice(0, where) + snippet + text.slice(where);
  }
  if (choice < 0.65) {
    const length = 1 + Math.floor(random() * 30);
    return text.slice(0, at) + text.slice(at + length);
  }
  if (choice < 0.8) {
    // Typing: a word, one character at a time, is an edit each; here only the last state counts.
    return `${text.slice(0, at)}${random() < 0.5 ? "9" : "abc"}${text.slice(at)}`;
  }
  if (choice < 0.9) {
    // A whole document copied after the next marker: identical segments share one text.
    const pieces = text.split("\n---\n");
    const copied = pieces[Math.floor(random() * pieces.length)]!;
    const marker = text.indexOf("\n---\n", at);
    return marker < 0 ? `${text}\n---\n${copied}` : `${text.slice(0, marker)}\n---\n${copied}${text.slice(marker)}`;
  }
  const marker = text.indexOf("\n---", at);
  return marker < 0 ? text : text.slice(0, marker) + text.slice(marker + 4);
}

/** Everything of a document that a rule could read: data, comments, errors, and every node's offsets. */
function dump(document: YamlDocument): unknown {
  const yaml = document.yaml;
  return {
    range: yaml.range,
    comment: yaml.comment,
    commentBefore: yaml.commentBefore,
    errors: yaml.errors.map((error) => [error.code, error.message, error.pos]),
    warnings: yaml.warnings.map((warning) => [warning.code, warning.message, warning.pos]),
    topLevel: document.topLevel,
    aliasLimit: document.aliasLimit,
    value: safeValue(document),
    nodes: nodeRanges(yaml),
  };
}

function safeValue(document: YamlDocument): unknown {
  return document.value();
}

function nodeRanges(yaml: Document.Parsed): unknown[] {
  const ranges: unknown[] = [];
  const stack: unknown[] = [yaml.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isNode(node)) {
      ranges.push([node.range, node.commentBefore, node.comment]);
      if (isCollection(node)) stack.push(...node.items);
    }
  }
  return ranges;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
