import { isScalar, isSeq } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { parseCron } from "../../../workflows/cron.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ cron: string; problem: "syntax" | "too-often" }>({
  id: "workflows/invalid-cron",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A schedule's cron expression does not parse, or asks to run more often than every 5 minutes.",
    why: "GitHub ignores a schedule it cannot parse, so the workflow never runs on time; and it runs scheduled workflows at most every 5 minutes, so a tighter schedule does not do what it says.",
    invalid: { path: ".github/workflows/nightly.yml", text: "on:\n  schedule:\n    - cron: '0 3 * *'\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/nightly.yml", text: "on:\n  schedule:\n    - cron: '0 3 * * *'\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const schedule = workflowOf(context).events.find((event) => event.name === "schedule")?.config;
    if (!isSeq(schedule)) return;
    for (const item of schedule.items) {
      const cron = getNode(item, "cron");
      if (!isScalar(cron) || typeof cron.value !== "string" || !cron.range || cron.value.includes("${{")) continue;
      const result = parseCron(cron.value);
      const at: [number, number] = [cron.range[0], cron.range[1]];
      if ("error" in result) {
        context.report({ at, message: `The cron expression "${cron.value}" ${result.error}, so GitHub never runs this schedule.`, data: { cron: cron.value, problem: "syntax" } });
      } else if (result.minutesBetween < 5) {
        context.report({ at, severity: "warning", message: `"${cron.value}" asks for a run every ${result.minutesBetween} minute${result.minutesBetween === 1 ? "" : "s"}, but GitHub runs schedules at most every 5 minutes (and later under load). Use a step of at least 5 minutes.`, data: { cron: cron.value, problem: "too-often" } });
      }
    }
  },
});
