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
        for (const item of node.items) stack.push(item);
      } else if (isPair(node)) {
        stack.push(node.value);
      } else if (isMap(node)) {
        for (const pair of node.items) stack.push(pair.value);
        for (const [first, pair, key] of repeatedKeys(node.items as Pair[])) {
          const firstLine = file.lines.positionAt((first.key as Node).range![0]).line + 1;
          const sameValue = valueSource(first, file.text) === valueSource(pair, file.text);
          const keyNode = pair.key as Node;
          report({
            at: [keyNode.range![0], keyNode.range![1]],
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

/** Small mappings, the common case, are compared pair by pair; a map of keys would cost more than it saves. */
const SMALL_MAP = 12;
const NO_REPEATS: Array<[Pair, Pair, string]> = [];

/** Each pair whose scalar key an earlier pair of the mapping already has, with that earlier pair and the key. */
function repeatedKeys(pairs: readonly Pair[]): Array<[Pair, Pair, string]> {
  if (pairs.length < 2) return NO_REPEATS;
  const keys = pairs.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined));
  let repeats: Array<[Pair, Pair, string]> | undefined;
  if (pairs.length <= SMALL_MAP) {
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const first = keys.indexOf(key);
      if (first < i) (repeats ??= []).push([pairs[first]!, pairs[i]!, key]);
    }
  } else {
    const seen = new Map<string, Pair>();
    keys.forEach((key, i) => {
      if (key === undefined) return;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, pairs[i]!);
      else (repeats ??= []).push([first, pairs[i]!, key]);
    });
  }
  return repeats ?? NO_REPEATS;
}

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
