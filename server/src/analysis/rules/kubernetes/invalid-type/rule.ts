import { isScalar, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { schemaReportOf } from "../../../kubernetes/schema/document-issues.ts";
import type { ExpectedType } from "../../../kubernetes/schema/validate.ts";

interface Data {
  expected: ExpectedType;
  /** Offsets of the value and its source text, so a fix never edits text that has changed. */
  at: [number, number];
  source: string;
  replacement?: { title: string; newText: string; safe: boolean };
}

export default defineRule<Data>({
  id: "kubernetes/invalid-type",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A value whose type is not the one the schema expects, such as a number where a string belongs.",
    why:
      "The API server refuses the whole object when one value has the wrong type: an unquoted `value: 8080` in an env var or a quoted `replicas: \"3\"` fails the apply.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: PORT\n          value: 8080\n",
    },
    valid: {
      path: "pod.yaml",
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: PORT\n          value: "8080"\n',
    },
  },
  check(context) {
    const { report, file } = context;
    for (const issue of schemaReportOf(context).issues) {
      if (issue.kind !== "wrong-type") continue;
      const range = issue.node.range!;
      const at: [number, number] = [range[0], range[1]];
      const source = file.text.slice(at[0], at[1]);
      const data: Data = { expected: issue.expected, at, source };
      const replacement = replacementFor(issue.node as Scalar, issue.expected, source);
      if (replacement) data.replacement = replacement;
      const field = issue.path === "" ? "The resource" : `\`${issue.path}\``;
      // A whole mapping or list is marked at its key, so the squiggle stays on one line.
      const keyRange = issue.parentKey?.range;
      const markAt: [number, number] = isScalar(issue.node) || !keyRange ? at : [keyRange[0], keyRange[1]];
      report({ at: markAt, message: `${field} must be ${describe(issue.expected)}, not ${article(issue.actual)}.`, data });
    }
  },
  fix(data, { text, lines }) {
    if (!data.replacement || text.slice(data.at[0], data.at[1]) !== data.source) return [];
    const { title, newText, safe } = data.replacement;
    return [{ title, safe, edits: [{ range: lines.rangeOf(data.at[0], data.at[1]), newText }] }];
  },
});

/** Quoting or unquoting keeps what the author wrote and changes only how YAML reads it. */
function replacementFor(node: Scalar, expected: ExpectedType, source: string): Data["replacement"] {
  if (!isScalar(node) || source.includes("\n")) return undefined;
  const value = node.value;
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  if (expected === "string" && !quoted && (typeof value === "number" || typeof value === "boolean")) {
    return { title: `Quote ${source}`, newText: JSON.stringify(source), safe: true };
  }
  if (quoted && typeof value === "string") {
    const inner = value.trim();
    const unquotes =
      (expected === "integer" && /^-?\d+$/.test(inner)) ||
      (expected === "number" && /^-?\d+(\.\d+)?$/.test(inner)) ||
      (expected === "boolean" && /^(true|false)$/.test(inner));
    if (unquotes) return { title: `Unquote ${inner}`, newText: inner, safe: true };
  }
  if (expected === "array" && !quoted && node.type === "PLAIN") {
    return { title: `Make ${source} a list`, newText: `[${JSON.stringify(String(value))}]`, safe: false };
  }
  if (expected === "array" && quoted) return { title: `Make ${source} a list`, newText: `[${source}]`, safe: false };
  return undefined;
}

function describe(expected: ExpectedType): string {
  switch (expected) {
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "int-or-string":
      return "an integer or a string";
    default:
      return article(expected);
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
