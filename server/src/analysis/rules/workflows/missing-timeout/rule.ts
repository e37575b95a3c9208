import { defineRule } from "../../define-rule.ts";
import { getPair } from "../../../documents/ast.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ job: string; plan?: PlannedEdits }>({
  id: "workflows/missing-timeout",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A job sets no timeout-minutes, so a hung step runs for the default 6 hours.",
    why: "A stuck test or a prompt waiting for input holds a runner, and on paid runners bills, for 360 minutes before GitHub cancels it. A timeout near the job's usual time frees it early.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    steps:\n      - run: make\n" },
  },
  check(context) {
    for (const job of workflowOf(context).jobs) {
      if (!job.node || job.uses || getPair(job.node, "timeout-minutes") || !job.key.range) continue;
      const plan = planEdits(insertIntoBlockMap(job.node, { "timeout-minutes": 30 }, context.file.lines), job.node, context.file.text);
      context.report({ at: [job.key.range[0], job.key.range[1]], message: `Job "${job.id}" sets no timeout-minutes, so a hung step holds its runner for 6 hours. Set a timeout near the job's usual time.`, data: plan ? { job: job.id, plan } : { job: job.id } });
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    return edits ? [{ title: "Add timeout-minutes: 30", safe: false, edits }] : [];
  },
});
