import { defineRule } from "../../define-rule.ts";
import { workflowOf, type Job } from "../../../workflows/index.ts";

export default defineRule<{ cycle: string[] }>({
  id: "workflows/needs-cycle",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "Jobs need each other in a cycle.",
    why: "A job starts only when every job it needs has finished, so jobs in a cycle can never start and GitHub rejects the workflow.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const { jobs } = workflowOf(context);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const state = new Map<Job, "visiting" | "done">();
    const reported = new Set<Job>();
    const stack: Job[] = [];
    const visit = (job: Job): void => {
      state.set(job, "visiting");
      stack.push(job);
      for (const need of job.needs) {
        const next = byId.get(need.name);
        if (!next) continue;
        if (state.get(next) === "visiting") {
          const cycle = stack.slice(stack.indexOf(next));
          const first = cycle.reduce((a, b) => (a.key.range![0] < b.key.range![0] ? a : b));
          if (!reported.has(first)) {
            cycle.forEach((member) => reported.add(member));
            const names = [...cycle.map((member) => member.id), next.id];
            context.report({ at: [first.key.range![0], first.key.range![1]], message: `The needs of jobs ${names.map((name) => `"${name}"`).join(" -> ")} form a cycle, so none of them can start and GitHub rejects the workflow. Remove one of these needs.`, data: { cycle: names } });
          }
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(job, "done");
    };
    for (const job of jobs) if (!state.has(job) && job.key.range) visit(job);
  },
});
