import { defineRule } from "../../define-rule.ts";
import { schemaReportOf } from "../../../kubernetes/schema/document-issues.ts";
import { closestMatches } from "../../../text/similar.ts";
import { removePair } from "../../../edits/remove.ts";
import type { Fix, TextEdit } from "../../../types.ts";

interface Data {
  key: string;
  /** Offsets of the key, to rename it. */
  keyAt: [number, number];
  /** Removes the whole entry; absent when the entry shares its line with a `- ` or other keys. */
  removal?: TextEdit;
  suggestions: string[];
}

export default defineRule<Data>({
  id: "kubernetes/unknown-field",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A field that the resource's schema does not have, for the target Kubernetes version.",
    why:
      "The API server rejects unknown fields under strict validation and drops them otherwise, so a misspelt `imagePullPolcy` or a field at the wrong level silently does nothing.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolcy: Always\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: Always\n",
    },
  },
  check(context) {
    const { report, file } = context;
    for (const issue of schemaReportOf(context).issues) {
      if (issue.kind !== "unknown-field") continue;
      const keyRange = issue.keyNode.range!;
      const suggestions = closestMatches(issue.key, issue.allowed);
      const where = issue.path === "" ? "the top level" : `\`${issue.path}\``;
      const hint = suggestions.length > 0 ? ` Did you mean \`${suggestions[0]}\`?` : "";
      const data: Data = { key: issue.key, keyAt: [keyRange[0], keyRange[1]], suggestions };
      if (startsItsLine(file.text, keyRange[0])) data.removal = removePair(issue.pair, file.lines);
      report({ at: [keyRange[0], keyRange[1]], message: `\`${issue.key}\` is not a field of ${where} in ${typeName(issue.resource)}.${hint}`, data });
    }
  },
  fix(data, { text, lines }) {
    // The key must still be where the finding saw it; otherwise the fix would edit the wrong text.
    if (text.slice(data.keyAt[0], data.keyAt[1]).replace(/^["']|["']$/g, "") !== data.key) return [];
    const fixes: Fix[] = data.suggestions.map((suggestion, index) => ({
      title: `Rename to ${suggestion}`,
      // Only the best match is safe to apply unreviewed, and only when it differs by case or one edit.
      safe: index === 0 && data.suggestions.length === 1,
      edits: [{ range: lines.rangeOf(data.keyAt[0], data.keyAt[1]), newText: suggestion }],
    }));
    if (data.removal) fixes.push({ title: `Remove ${data.key}`, safe: false, edits: [data.removal] });
    return fixes;
  },
});

function typeName(resource: { apiVersion?: { value: string }; kind?: { value: string } }): string {
  return `${resource.apiVersion?.value ?? "?"} ${resource.kind?.value ?? "?"}`;
}

function startsItsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}
