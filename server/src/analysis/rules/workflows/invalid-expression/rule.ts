import { defineRule } from "../../define-rule.ts";
import { parserIssuesOf } from "../../../workflows/index.ts";

export default defineRule<Record<string, never>>({
  id: "workflows/invalid-expression",
  appliesTo: ["workflow"],
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
  },
});
