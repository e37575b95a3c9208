import { test } from "node:test";
import assert from "node:assert/strict";
import { isCollection, isMap, isSeq, parseAllDocuments, type Node } from "yaml";
import { parseFile } from "../../server/src/analysis/documents/parse.ts";
import { EMPTY_LAYOUT, kindFromContent } from "../../server/src/analysis/documents/kind.ts";

/**
 * Documents are classified from their AST and converted to data only on demand. The
 * answer must be the one the converted data gives, for every shape YAML allows where a
 * resource's top-level fields are: repeated keys, quoting, nulls, YAML 1.1 types, merge
 * keys, aliases and collections in odd places.
 */
const DOCUMENTS: string[] = [
  "apiVersion: v1\nkind: Pod\n",
  "apiVersion: v1\nmetadata: {}\n",
  "kind: Pod\nmetadata:\n  name: x\n",
  "kind: Pod\nmetadata: null\n",
  "kind: Pod\nmetadata:\n",
  "kind: Pod\nmetadata: [a]\n",
  "kind: Pod\nmetadata: text\n",
  "apiVersion: 1\nkind: Pod\n",
  "apiVersion: '1'\nkind: Pod\n",
  '"apiVersion": v1\n\'kind\': Pod\n',
  "apiVersion: v1\nkind: Pod\nkind: 3\n",
  "apiVersion: v1\nkind: 3\nkind: Pod\n",
  "apiVersion:\nkind: Pod\n",
  "apiVersion: [v1]\nkind: Pod\nmetadata: {}\n",
  "apiVersion: {a: 1}\nkind: Pod\n",
  "? apiVersion\n: v1\n? kind\n: Pod\n",
  "1: one\ntrue: yes\nnull: nothing\napiVersion: v1\nkind: Pod\n",
  "- apiVersion: v1\n  kind: Pod\n",
  "just a string\n",
  "",
  "# only a comment\n",
  "apiVersion: !!str v1\nkind: !!str Pod\n",
  "apiVersion: !custom v1\nkind: Pod\n",
  "apiVersion: v1\nkind: Pod\nmetadata: !!map {}\n",
  "%YAML 1.1\n---\napiVersion: 2001-12-14\nkind: Pod\n",
  "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: !!omap [a: 1]\n",
  "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: !!set {a}\n",
  "%YAML 1.1\n---\napiVersion: v1\nkind: Pod\nmetadata: !!binary aGVsbG8=\n",
  "%YAML 1.1\n---\nkind: Pod\nmetadata: !!pairs [a: 1]\n",
  "%YAML 1.1\n---\n<<: {apiVersion: v1, kind: Pod}\n",
  "%YAML 1.1\n---\nbase: &b {apiVersion: v1}\n<<: *b\nkind: Pod\n",
  "<<: {apiVersion: v1, kind: Pod}\n",
  "api: &v v1\napiVersion: *v\nkind: Pod\n",
  "&k kind: Pod\napiVersion: v1\n",
  "[a, b]: c\napiVersion: v1\nkind: Pod\n",
  "{a: 1}: c\napiVersion: v1\nkind: Pod\n",
  "apiVersion: v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\n",
  "apiVersion: v1\nkind: Pod\nspec: [unclosed\n",
  "apiVersion: v1\nkind: Pod\n\tbad: tab\n",
];

for (const [index, text] of DOCUMENTS.entries()) {
  test(`kind from the AST equals kind from the data: ${JSON.stringify(text)} (#${index})`, () => {
    const expected = parseAllDocuments(text, { uniqueKeys: false, logLevel: "silent" });
    const documents = Array.isArray(expected) ? expected : [];
    const parsed = parseFile({ path: "/w/x.yaml", text }, EMPTY_LAYOUT);
    assert.equal(parsed.documents.length, documents.length);
    parsed.documents.forEach((document, at) => {
      let value: unknown;
      try {
        // Documents with collection keys are never converted: stringifying nested ones takes exponential time.
        value = hasCollectionKey(documents[at]!.contents) ? undefined : documents[at]!.toJS({ maxAliasCount: 1000 });
      } catch {
        value = undefined;
      }
      const kind = value !== null && typeof value === "object" ? (value as Record<string, unknown>).kind : undefined;
      assert.equal(document.kind, kindFromContent(value));
      assert.equal(document.resourceKind, typeof kind === "string" ? kind : undefined);
      assert.deepEqual(document.value, value);
    });
  });
}

test("a document is converted to data only when its value is read", () => {
  const parsed = parseFile({ path: "/w/x.yaml", text: "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n" }, EMPTY_LAYOUT);
  const document = parsed.documents[0]!;
  const descriptor = Object.getOwnPropertyDescriptor(document, "value");
  assert.equal(typeof descriptor?.get, "function", "the value is a getter");
  assert.deepEqual(document.value, { apiVersion: "v1", kind: "ConfigMap", data: { a: "b" } });
  assert.equal(document.value, document.value, "converted once and kept");
});

function hasCollectionKey(node: Node | null | undefined): boolean {
  if (isMap(node)) return node.items.some((pair) => isCollection(pair.key) || hasCollectionKey(pair.value as Node));
  if (isSeq(node)) return node.items.some((item) => hasCollectionKey(item as Node));
  return false;
}
