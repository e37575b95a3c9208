import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { removePair } from "../../../edits/remove.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  key: string;
  /** Both values are written the same, so removing the later one changes nothing. */
  sameValue: boolean;
  /** Removes the later entry, whole lines for a block mapping. */
  removal: TextEdit;
}

export default defineRule<Data>({
  id: "yaml/duplicate-key",
  appliesTo: "all",
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A mapping has the same key twice.",
    why: "Parsers disagree on which value wins: kubectl refuses the file, while other tools silently keep the last value and drop the first.",
    invalid: { path: "deploy.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: app-v2\n" },
    valid: { path: "deploy.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n" },
  },
  check({ file, document, report }) {
    const stack: unknown[] = [document!.yaml.contents];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isSeq(node)) {
        stack.push(...node.items);
      } else if (isPair(node)) {
        stack.push(node.value);
      } else if (isMap(node)) {
        const seen = new Map<string, Pair>();
        for (const pair of node.items) {
          stack.push(pair.value);
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const first = seen.get(key);
          if (!first) {
            seen.set(key, pair);
            continue;
          }
          const firstLine = file.lines.positionAt((first.key as Node).range![0]).line + 1;
          const sameValue = valueSource(first, file.text) === valueSource(pair, file.text);
          report({
            at: [pair.key.range![0], pair.key.range![1]],
            message: sameValue
              ? `The key "${key}" repeats line ${firstLine} of this mapping with the same value. Strict parsers such as kubectl's reject the file; remove the repeat.`
              : `The key "${key}" is already set on line ${firstLine} of this mapping. Tools disagree on which value wins; keep only one.`,
            data: { key, sameValue, removal: removePair(pair, file.lines) },
          });
        }
      }
    }
  },
  fix(data) {
    return [{ title: `Remove this duplicate ${data.key}`, safe: data.sameValue, edits: [data.removal] }];
  },
});

/**
 * What a value means, for comparison: a scalar's value (so "a" and a equal), or a
 * collection's source text with white space folded.
 */
function valueSource(pair: Pair, text: string): string {
  const value = pair.value as Node | null;
  if (isScalar(value)) return `scalar:${String(value.value)}`;
  if (!value?.range) return "";
  return text.slice(value.range[0], value.range[1]).replace(/\s+/g, " ").trim();
}
