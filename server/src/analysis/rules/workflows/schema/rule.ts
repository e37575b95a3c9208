import { defineRule } from "../../define-rule.ts";
import { isMap, isScalar, isSeq } from "yaml";
import { getNode } from "../../../documents/ast.ts";
import { parserIssuesOf, workflowOf } from "../../../workflows/index.ts";
import { WORKFLOW_EVENTS } from "../../../workflows/events.ts";
import { structureIssuesOf } from "../invalid-structure/rule.ts";

export default defineRule<Record<string, never>>({
  id: "workflows/schema",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workflow key or value that GitHub's workflow schema does not accept.",
    why: "GitHub refuses a workflow that does not match its schema: the run fails at once with \"Invalid workflow file\" and no job starts.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    step:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const accepted = acceptedLines(context);
    for (const issue of structureIssuesOf(context)) for (const [start] of [issue.at, ...issue.also]) accepted.add(context.file.lines.positionAt(start).line);
    for (const issue of parserIssuesOf(context)) {
      if (issue.category !== "schema" || accepted.has(context.file.lines.positionAt(issue.start).line)) continue;
      context.report({ at: [issue.start, issue.end], message: `${issue.message.replace(/\.?$/, ".")} GitHub rejects the workflow; see the workflow syntax reference.`, data: {} });
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
