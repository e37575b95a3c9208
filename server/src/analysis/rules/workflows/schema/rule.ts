import { defineRule } from "../../define-rule.ts";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { Range } from "../../../types.ts";
import { closestMatches } from "../../../text/similar.ts";
import { allowedValuesAt, propertiesAt } from "../../../workflows/schema.ts";
import type { AnyNode } from "../../../documents/ast.ts";
import { getNode } from "../../../documents/ast.ts";
import { parserIssuesOf, workflowOf } from "../../../workflows/index.ts";
import { WORKFLOW_EVENTS } from "../../../workflows/events.ts";
import { structureIssuesOf } from "../invalid-structure/rule.ts";

interface Data {
  /** The unexpected key or value, its range, and the closest name the schema allows there. */
  written?: string;
  suggestion?: string;
  range?: Range;
}

export default defineRule<Data>({
  id: "workflows/schema",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workflow (or action.yml) key or value that GitHub's schema does not accept.",
    why: "GitHub refuses a workflow that does not match its schema: the run fails at once with \"Invalid workflow file\" and no job starts.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    step:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  fix(data, { text, lines }) {
    if (!data.suggestion || !data.range || data.written === undefined) return [];
    if (text.slice(lines.offsetAt(data.range.start), lines.offsetAt(data.range.end)) !== data.written) return [];
    return [{ title: `Change to ${data.suggestion}`, safe: false, edits: [{ range: data.range, newText: data.suggestion }] }];
  },
  check(context) {
    const accepted = acceptedLines(context);
    for (const issue of structureIssuesOf(context)) for (const [start] of [issue.at, ...issue.also]) accepted.add(context.file.lines.positionAt(start).line);
    for (const issue of parserIssuesOf(context)) {
      if (issue.category !== "schema" || accepted.has(context.file.lines.positionAt(issue.start).line)) continue;
      const data: Data = {};
      const unexpected = /^Unexpected value '(.+)'$/.exec(issue.message)?.[1];
      // Suggestions come from the workflow schema, so an action's metadata gets none.
      const suggestion = unexpected !== undefined && context.document!.kind === "workflow" ? suggestionAt(workflowOf(context).root, issue.start, unexpected) : undefined;
      if (suggestion) {
        data.written = unexpected;
        data.suggestion = suggestion.name;
        data.range = context.file.lines.rangeOf(suggestion.at[0], suggestion.at[1]);
      }
      context.report({ at: [issue.start, issue.end], message: `${issue.message.replace(/\.?$/, ".")} GitHub rejects the ${context.document!.kind === "workflow" ? "workflow" : "action"}${suggestion ? `; did you mean "${suggestion.name}"?` : "; see the workflow syntax reference."}`, data });
    }
  },
});

/**
 * Lines where the parser is stricter than GitHub: an event GitHub accepts in a list of events
 * (`- repository_dispatch`), and a workflow_dispatch input with no settings (`name:`).
 */
function acceptedLines(context: Parameters<typeof workflowOf>[0]): Set<number> {
  const { on, events } = workflowOf(context);
  const lines = new Set<number>();
  const lineOf = (offset: number) => context.file.lines.positionAt(offset).line;
  if (isSeq(on)) for (const event of events) if (event.name in WORKFLOW_EVENTS && event.node.range) lines.add(lineOf(event.node.range[0]));
  const inputs = getNode(getNode(on, "workflow_dispatch"), "inputs");
  if (isMap(inputs)) for (const pair of inputs.items) if (isScalar(pair.key) && pair.key.range && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) lines.add(lineOf(pair.key.range[0]));
  return lines;
}

/**
 * The closest key (or allowed value) the schema accepts where the parser found `written`: the
 * node at `offset` is found in our AST, and its path leads to the schema definitions there.
 */
function suggestionAt(root: AnyNode, offset: number, written: string): { name: string; at: [number, number] } | undefined {
  const path: string[] = [];
  const find = (node: AnyNode): { kind: "key" | "value"; node: Node } | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range?.[0] === offset) return { kind: "key", node: key };
        const value = pair.value as AnyNode;
        if (!value?.range || value.range[0] > offset || value.range[2] < offset) continue;
        path.push(isScalar(key) ? String(key.value) : "");
        const found = isScalar(value) ? (value.range[0] === offset ? { kind: "value" as const, node: value } : undefined) : find(value);
        if (found) return found;
        path.pop();
      }
    } else if (isSeq(node)) {
      for (const item of node.items as AnyNode[]) {
        if (!item?.range || item.range[0] > offset || item.range[2] < offset) continue;
        path.push("[]");
        const found = isScalar(item) ? (item.range[0] === offset ? { kind: "value" as const, node: item } : undefined) : find(item);
        if (found) return found;
        path.pop();
      }
    }
    return undefined;
  };
  const found = find(root);
  if (!found?.node.range || !isScalar(found.node) || String(found.node.value) !== written) return undefined;
  const source = found.node.range;
  const candidates = found.kind === "key" ? [...propertiesAt(path).keys()] : allowedValuesAt(path);
  const name = closestMatches(written, candidates, 1)[0];
  return name === undefined ? undefined : { name, at: [source[0], source[1]] };
}
