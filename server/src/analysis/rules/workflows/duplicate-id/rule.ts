import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import type { AnyNode } from "../../../documents/ast.ts";
import { workflowOf } from "../../../workflows/index.ts";

/** Mappings whose keys GitHub compares without case. */
const CASE_INSENSITIVE = new Set(["env", "with", "inputs", "secrets", "outputs", "matrix", "services"]);

export default defineRule<{ id: string; kind: "job" | "step" | "key" }>({
  id: "workflows/duplicate-id",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "Two steps of a job share an id, or two jobs, env vars, inputs, secrets, outputs or matrix keys differ only in case.",
    why: "Ids are case-insensitive and must be unique: GitHub rejects the workflow, and steps.<id> could not tell the steps apart.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: tag\n        run: echo a\n      - id: tag\n        run: echo b\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: tag\n        run: echo a\n      - id: sha\n        run: echo b\n" },
  },
  check(context) {
    const { jobs, root } = workflowOf(context);
    const visit = (node: AnyNode, key: string | undefined): void => {
      if (isMap(node)) {
        if (key !== undefined && CASE_INSENSITIVE.has(key)) {
          const seen = new Map<string, string>();
          for (const pair of node.items) {
            if (!isScalar(pair.key) || typeof pair.key.value !== "string" || !pair.key.range) continue;
            const name = pair.key.value;
            const earlier = seen.get(name.toLowerCase());
            // Exact duplicates are yaml/duplicate-key's.
            if (earlier !== undefined && earlier !== name) {
              context.report({ at: [pair.key.range[0], pair.key.range[1]], message: `"${name}" equals "${earlier}" when case is ignored, as GitHub compares ${key} keys, so one overrides the other or the workflow is rejected. Rename or remove one of them.`, data: { id: name, kind: "key" } });
            } else if (earlier === undefined) seen.set(name.toLowerCase(), name);
          }
        }
        for (const pair of node.items) visit(pair.value as AnyNode, isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined);
      } else if (isSeq(node)) node.items.forEach((item) => visit(item as AnyNode, undefined));
    };
    visit(root, undefined);
    const seenJobs = new Map<string, string>();
    for (const job of jobs) {
      const folded = job.id.toLowerCase();
      const earlier = seenJobs.get(folded);
      // Exact duplicates are yaml/duplicate-key's; here only those that differ in case.
      if (earlier !== undefined && earlier !== job.id && job.key.range) {
        context.report({ at: [job.key.range[0], job.key.range[1]], message: `Job id "${job.id}" equals "${earlier}" when case is ignored, as GitHub compares job ids, so the workflow is rejected. Rename one of them.`, data: { id: job.id, kind: "job" } });
      }
      if (earlier === undefined) seenJobs.set(folded, job.id);
      const seenSteps = new Map<string, string>();
      for (const step of job.steps) {
        if (!step.id || typeof step.id.value !== "string" || !step.id.range || step.id.value.includes("${{")) continue;
        const id = step.id.value;
        const before = seenSteps.get(id.toLowerCase());
        if (before !== undefined) {
          context.report({ at: [step.id.range[0], step.id.range[1]], message: `Step id "${id}" is already used by an earlier step of job "${job.id}" (ids ignore case), so GitHub rejects the workflow. Give this step another id.`, data: { id, kind: "step" } });
        } else seenSteps.set(id.toLowerCase(), id);
      }
    }
  },
});
