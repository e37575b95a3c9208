import { isScalar, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, asSeq, getPair } from "../../../documents/ast.ts";
import type { Range, TextEdit } from "../../../types.ts";
import { FILTER_KEYS, filterPatternProblems } from "../../../workflows/glob.ts";
import { workflowOf } from "../../../workflows/index.ts";

type Data =
  | { problem: "pattern"; pattern: string; range: Range; source: string; replacement?: string }
  | { problem: "all-negated"; key: string; keyRange: Range; items: { range: Range; source: string; pattern: string }[]; canRename: boolean };

export default defineRule<Data>({
  id: "workflows/invalid-glob",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A branches, tags or paths filter holds a pattern GitHub cannot read, or one that can never match.",
    why: "A broken pattern stops the workflow from running at all, and a pattern that matches nothing (a branch name with a space, a path starting with ./, a regular expression, a list of only negations) makes the trigger silently never fire.",
    invalid: { path: ".github/workflows/ci.yml", text: "on:\n  push:\n    tags: ['v\\d+']\n    paths: ['./src/**']\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on:\n  push:\n    tags: ['v[0-9]+']\n    paths: ['src/**']\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const { file } = context;
    for (const event of workflowOf(context).events) {
      for (const pair of asMap(event.config)?.items ?? []) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        const kind = FILTER_KEYS[key];
        if (!kind) continue;
        const patterns = patternScalars(pair.value);
        for (const scalar of patterns) {
          const pattern = scalar.value as string;
          const source = file.text.slice(scalar.range![0], scalar.range![1]);
          for (const problem of filterPatternProblems(pattern, kind)) {
            const at = sourceSpan(scalar, source, problem.start, problem.end);
            context.report({
              at,
              severity: problem.severity === "warning" ? "warning" : undefined,
              message: `The ${kind} pattern "${pattern}" ${problem.message}.${problem.severity === "error" ? " GitHub cannot read the filter, so the workflow does not run." : ""}`,
              data: { problem: "pattern", pattern, range: file.lines.rangeOf(scalar.range![0], scalar.range![1]), source, replacement: problem.replacement },
            });
          }
        }
        // An ignore list of negations is odd but harmless; an include list of only negations includes nothing.
        if (key.endsWith("-ignore") || patterns.length === 0 || !patterns.every((scalar) => (scalar.value as string).startsWith("!"))) continue;
        const ignoreKey = `${key}-ignore`;
        context.report({
          at: [pair.key!.range![0], pair.key!.range![1]],
          severity: "warning",
          message: `Every pattern of ${key} starts with !, but ! only takes away what an earlier pattern matched, so the filter matches nothing and ${event.name} never runs this workflow. List what to skip under ${ignoreKey} without the !, or put a pattern such as '**' first.`,
          data: {
            problem: "all-negated",
            key,
            keyRange: file.lines.rangeOf(pair.key!.range![0], pair.key!.range![1]),
            items: patterns.map((scalar) => ({ range: file.lines.rangeOf(scalar.range![0], scalar.range![1]), source: file.text.slice(scalar.range![0], scalar.range![1]), pattern: scalar.value as string })),
            canRename: !getPair(event.config, ignoreKey),
          },
        });
      }
    }
  },
  fix(data, { text, lines }) {
    const unchanged = (range: Range, source: string) => text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)) === source;
    if (data.problem === "pattern") {
      if (data.replacement === undefined || !unchanged(data.range, data.source)) return [];
      return [{ title: `Change the pattern to ${data.replacement}`, safe: false, edits: [{ range: data.range, newText: yamlString(data.replacement, data.source) }] }];
    }
    if (!data.canRename || !data.items.every((item) => unchanged(item.range, item.source))) return [];
    const edits: TextEdit[] = [{ range: data.keyRange, newText: `${data.key}-ignore` }];
    for (const item of data.items) edits.push({ range: item.range, newText: yamlString(item.pattern.slice(1), item.source) });
    return [{ title: `Move the patterns to ${data.key}-ignore without the !`, safe: false, edits }];
  },
});

/** The string scalars of a filter: a list of them, or one written alone. */
function patternScalars(value: unknown): Scalar[] {
  const items = isScalar(value) ? [value] : asSeq(value)?.items ?? [];
  return items.filter((item): item is Scalar => isScalar(item) && typeof item.value === "string" && !!item.range && !item.value.includes("${{"));
}

/**
 * Where offsets of a scalar's value lie in the source: exact when the source spells the value
 * character for character (plain, or quoted without escapes), else the whole scalar.
 */
function sourceSpan(scalar: Scalar, source: string, start: number, end: number): [number, number] {
  const [from, to] = [scalar.range![0], scalar.range![1]];
  const value = scalar.value as string;
  const inner = scalar.type === "QUOTE_SINGLE" || scalar.type === "QUOTE_DOUBLE" ? source.slice(1, -1) : source;
  if (inner !== value) return [from, to];
  const offset = from + (inner === source ? 0 : 1);
  // An empty span (an empty pattern) marks the whole scalar, so the finding is visible.
  return end > start ? [offset + start, offset + end] : [from, to];
}

/** A pattern as YAML, in the original quoting, or single-quoted when plain would not read back the same. */
function yamlString(value: string, original: string): string {
  if (original.startsWith('"')) return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  if (!original.startsWith("'") && /^[A-Za-z0-9_./-][A-Za-z0-9_./*+?-]*$/.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

