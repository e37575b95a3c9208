import { defineRule } from "../../define-rule.ts";
import { parserIssuesOf, workflowOf } from "../../../workflows/index.ts";

/** What a job's if: can read: GitHub evaluates it before the job has a runner, env or steps. */
const JOB_IF_CONTEXTS = new Set(["github", "needs", "vars", "inputs"]);

export default defineRule<Record<string, never>>({
  id: "workflows/invalid-expression",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A ${{ }} expression does not parse, or names a context or function that does not exist where it is used.",
    why: "GitHub evaluates expressions when the run starts; one that does not parse, or reads a context not available at that key (env in a job's if:, for one), fails the workflow.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n" },
  },
  check(context) {
    for (const issue of parserIssuesOf(context)) {
      if (issue.category !== "expression") continue;
      context.report({ at: [issue.start, issue.end], message: `${issue.message.replace(/\.?$/, ".")} GitHub fails the run when it evaluates this expression.`, data: {} });
    }
    const issues = parserIssuesOf(context);
    const parserLines = new Set(issues.map((issue) => context.file.lines.positionAt(issue.start).line));
    for (const expression of workflowOf(context).expressions) {
      if (parserLines.size > 0 && parserLines.has(context.file.lines.positionAt(expression.start).line)) continue;
      // A job's if: is not checked by the parser when it has no ${{ }}; these contexts do not exist yet there.
      if (expression.path === "jobs.if") {
        for (const reference of expression.references) {
          const name = reference.parts[0]!;
          if (JOB_IF_CONTEXTS.has(name)) continue;
          context.report({ at: [reference.start, reference.start + name.length], message: `A job's if: can read only ${[...JOB_IF_CONTEXTS].join(", ")}: GitHub evaluates it before the job starts, so "${name}" does not exist there. Move the condition to a step, or use vars.`, data: {} });
        }
      }
      // fromJSON of a string literal: the JSON is known now, and broken JSON fails the run.
      // Only where the source is the value (plain and block scalars): a quoted scalar's escapes would read as JSON.
      const literal = expression.scalar.type === "PLAIN" || expression.scalar.type === "BLOCK_LITERAL" || expression.scalar.type === "BLOCK_FOLDED";
      if (literal && /fromjson/i.test(expression.body)) for (const match of expression.body.matchAll(/\bfromJSON\(\s*'((?:[^']|'')*)'\s*\)/gi)) {
        try {
          JSON.parse(match[1]!.replace(/''/g, "'"));
        } catch {
          const at = expression.bodyStart + match.index!;
          context.report({ at: [at, at + match[0].length], message: "fromJSON is given a string that is not valid JSON, so GitHub fails the run when it evaluates this expression. Fix the JSON.", data: {} });
        }
      }
    }
  },
});
