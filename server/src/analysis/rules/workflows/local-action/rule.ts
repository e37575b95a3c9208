import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { ACTION_KIND, repositoryRootOf, resolveLocal } from "../../../workflows/facts.ts";

interface Data {
  problem: "missing-action" | "missing-input" | "unknown-input" | "workflow-as-action";
  action: string;
  inputs?: string[];
  plan?: PlannedEdits;
}

export default defineRule<Data>({
  id: "workflows/local-action",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A step uses a local action (./path) that has no action.yml, or a workflow file, or leaves out inputs the action requires, or passes inputs it does not have.",
    why: "The runner fails the step when ./path holds no action.yml or a required input is missing, and an input the action does not declare is ignored, so a misspelt one silently does nothing.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/workflows/build.yml\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make\n" },
  },
  check(context) {
    const { workspace, file } = context;
    const root = repositoryRootOf(file.path);
    if (root === undefined) return;
    for (const job of workflowOf(context).jobs) {
      for (const step of job.steps) {
        const uses = step.uses;
        if (!uses || typeof uses.value !== "string" || !uses.value.startsWith("./") || uses.value.includes("${{") || !uses.range) continue;
        if (/\.ya?ml$/.test(uses.value)) {
          context.report({ at: [uses.range[0], uses.range[1]], message: `${uses.value} is a workflow file, not an action: a step's uses: names an action's folder, so the step fails. Call a reusable workflow from a job's uses: instead.`, data: { problem: "workflow-as-action", action: uses.value } });
          continue;
        }
        // Analysed alone, a file cannot tell a missing action from one it cannot see.
        if (!workspace.complete) continue;
        const dir = resolveLocal(root, uses.value);
        const action = workspace.find(ACTION_KIND, "", dir)[0];
        if (!action) {
          context.report({ at: [uses.range[0], uses.range[1]], message: `There is no action.yml or action.yaml in ${uses.value}, so the step fails. Check the path, which is relative to the repository root.`, data: { problem: "missing-action", action: uses.value } });
          continue;
        }
        const declared = action.workflowInputs ?? [];
        const given = new Set<string>();
        for (const pair of step.with?.items ?? []) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const name = String(pair.key.value);
          given.add(name.toLowerCase());
          if (declared.some((input) => input.name.toLowerCase() === name.toLowerCase())) continue;
          const suggestion = closestMatches(name, declared.map((input) => input.name), 1)[0];
          context.report({ at: [pair.key.range[0], pair.key.range[1]], severity: "warning", message: `The action in ${uses.value} declares no input "${name}", so it is ignored.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`, data: { problem: "unknown-input", action: uses.value } });
        }
        const missing = declared.filter((input) => input.required && !given.has(input.name.toLowerCase())).map((input) => input.name);
        if (missing.length === 0) continue;
        const data: Data = { problem: "missing-input", action: uses.value, inputs: missing };
        const plan = planEdits(insertIntoBlockMap(step.node, { with: Object.fromEntries(missing.map((name) => [name, '""'])) }, file.lines), step.node, file.text);
        if (plan) data.plan = plan;
        context.report({ at: [uses.range[0], uses.range[1]], message: `The action in ${uses.value} requires ${missing.map((name) => `"${name}"`).join(", ")}, which this step does not give, so the step fails. Add ${missing.length === 1 ? "it" : "them"} under with:.`, data });
      }
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    return edits && data.inputs ? [{ title: `Add input${data.inputs.length === 1 ? "" : "s"} ${data.inputs.join(", ")}`, safe: false, edits }] : [];
  },
});
