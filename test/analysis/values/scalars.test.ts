import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument, type Scalar } from "yaml";
import {
  isTemplated,
  isYaml11Boolean,
  nonStringSource,
  quoteScalar,
  replaceScalar,
  yaml11Number,
} from "../../../server/src/analysis/kubernetes/values/scalars.ts";

/** The scalar value of `key: <source>` and the document text. */
function scalarOf(source: string): { node: Scalar; text: string } {
  const text = `key: ${source}\n`;
  const document = parseDocument(text);
  return { node: document.get("key", true) as Scalar, text };
}

const legacyNumbers: Array<[string, number | undefined]> = [
  ["1_000", 1000],
  ["0b101", 5],
  ["0o17", 15],
  ["017", 15],
  ["0x1F", 31],
  ["-42", -42],
  ["+7", 7],
  [".5", 0.5],
  ["1e3", 1000],
  ["08", 8],
  ["1.0", 1],
  ["v1", undefined],
  ["_1", undefined],
  ["1_000Mi", undefined],
  ["1:30", undefined],
  ["2024-01-01", undefined],
  ["", undefined],
];

for (const [source, expected] of legacyNumbers) {
  test(`YAML 1.1 reads ${JSON.stringify(source)} as ${expected ?? "a string"}`, () => {
    assert.equal(yaml11Number(source), expected);
  });
}

test("YAML 1.1 booleans are the words kubectl's reader turns into booleans, case variants included", () => {
  for (const word of ["y", "Y", "yes", "Yes", "YES", "on", "ON", "n", "No", "off", "OFF", "true", "False"]) assert.ok(isYaml11Boolean(word), word);
  for (const word of ["yEs", "oN", "enabled", "1", "t", ""]) assert.ok(!isYaml11Boolean(word), word);
});

const nonStrings: Array<[string, string | undefined]> = [
  ["1.0", "1.0"],
  ["true", "true"],
  ["9090", "9090"],
  ["yes", "yes"],
  ["on", "on"],
  ["1_000", "1_000"],
  ['"yes"', undefined],
  ["'1.0'", undefined],
  ["web", undefined],
  ["", undefined],
  ["~", undefined],
  [".inf", undefined],
  ["|\n  yes", undefined],
];

for (const [source, expected] of nonStrings) {
  test(`nonStringSource of ${JSON.stringify(source)} is ${expected ?? "none"}`, () => {
    const { node, text } = scalarOf(source);
    assert.equal(nonStringSource(node, text), expected);
  });
}

test("templated values are those a template engine or envsubst fills in", () => {
  assert.ok(isTemplated("{{ .Values.name }}"));
  assert.ok(isTemplated("app-${ENV}"));
  assert.ok(!isTemplated("$(VAR)"));
  assert.ok(!isTemplated("plain"));
});

const replacements: Array<[string, string, boolean, string | undefined]> = [
  ["Web_App", "web-app", false, "web-app"],
  ['"Web_App"', "web-app", false, '"web-app"'],
  ["'Web_App'", "web-app", false, "'web-app'"],
  ["'it''s'", "it's", false, "'it''s'"],
  // Plain text that YAML would read as something else is quoted, unless any type will do.
  ["Yes!", "yes", false, '"yes"'],
  ["1 core", "1", false, '"1"'],
  ["1 core", "1", true, "1"],
  ["Web_App", "a: b", false, '"a: b"'],
  [">\n  folded", "x", false, undefined],
];

for (const [source, value, anyType, expected] of replacements) {
  test(`replacing ${JSON.stringify(source)} by ${JSON.stringify(value)} writes ${expected ?? "nothing"}`, () => {
    const { node, text } = scalarOf(source);
    const replacement = replaceScalar(node, value, text, anyType);
    assert.equal(replacement?.newText, expected);
    if (replacement) assert.equal(replacement.source, text.slice(replacement.at[0], replacement.at[1]));
  });
}

test("quoting a plain scalar keeps the text as written", () => {
  const { node, text } = scalarOf("1.10");
  assert.equal(quoteScalar(node, text)?.newText, '"1.10"');
  const quoted = scalarOf('"1.10"');
  assert.equal(quoteScalar(quoted.node, quoted.text), undefined);
});
