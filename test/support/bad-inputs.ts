/**
 * Hostile and unusual inputs, shared by the core, CLI and LSP tests. Texts are built on
 * demand because some are large.
 */
export interface BadInput {
  name: string;
  fileName: string;
  text: () => string;
  /** The rule ids of the findings expected, in order. */
  expectedRules: string[];
}

export const BAD_INPUTS: BadInput[] = [
  { name: "an empty file", fileName: "empty.yaml", text: () => "", expectedRules: [] },
  {
    name: "a binary file",
    fileName: "image.yaml",
    text: () => "\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + "\0".repeat(64),
    expectedRules: ["yaml/input-limit"],
  },
  {
    name: "a 20 MB YAML file",
    fileName: "huge.yaml",
    text: () => "items:\n" + "  - name: item\n    value: 0123456789\n".repeat(560_000),
    expectedRules: ["yaml/input-limit"],
  },
  { name: "an alias bomb", fileName: "bomb.yaml", text: aliasBomb, expectedRules: ["yaml/input-limit"] },
  {
    name: "10,000-deep flow nesting",
    fileName: "deep-flow.yaml",
    text: () => "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
    expectedRules: ["yaml/input-limit"],
  },
  {
    name: "10,000-deep block nesting",
    fileName: "deep-block.yaml",
    text: () => Array.from({ length: 10_000 }, (_, depth) => `${" ".repeat(depth * 2)}k${depth}:`).join("\n") + " 1\n",
    expectedRules: ["yaml/input-limit"],
  },
  {
    name: "a BOM before a manifest",
    fileName: "bom.yaml",
    text: () => "\uFEFFapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
    expectedRules: [],
  },
  {
    name: "tabs used for indentation",
    fileName: "tabs.yaml",
    text: () => "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n",
    expectedRules: ["yaml/syntax-error"],
  },
  {
    name: "CRLF line endings",
    fileName: "crlf.yaml",
    text: () => "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n  name: b\r\n",
    expectedRules: ["yaml/duplicate-key"],
  },
  {
    name: "a lone UTF-16 surrogate and a control character in a value",
    fileName: "odd.yaml",
    text: () => "key: \uD800 value\x07\n",
    expectedRules: [],
  },
];

/** Ten levels of ten aliases each: a billion nodes if expanded. */
function aliasBomb(): string {
  const lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level < 10; level++) lines.push(`l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(", ")}]`);
  return lines.join("\n") + "\n";
}
