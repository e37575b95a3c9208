import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { renameKey } from "../../../edits/map-entries.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { actionInterface, METADATA_SOURCE, parseActionRef, TABLE_DATE } from "../../../workflows/popular-actions.ts";

interface Data {
  action: string;
  input: string;
  problem: "unknown" | "missing";
  suggestion?: string;
  plan?: PlannedEdits;
}

export default defineRule<Data>({
  id: "workflows/action-inputs",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A step passes an input that a popular action does not have, or leaves out one it requires.",
    why: `An unknown input is ignored with only a warning in the log, so a misspelt option silently does nothing; a missing required input fails the step. Inputs come from each action's action.yml, as bundled in ${METADATA_SOURCE}, and a table dated ${TABLE_DATE} for releases it lacks.`,
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-dept: 0\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n" },
  },
  check(context) {
    const { file } = context;
    for (const job of workflowOf(context).jobs) {
      for (const step of job.steps) {
        if (!step.uses || typeof step.uses.value !== "string" || !step.uses.range) continue;
        const parsed = parseActionRef(step.uses.value);
        const action = parsed && actionInterface(parsed);
        if (!parsed || !action) continue;
        const names = [...action.inputs.keys()];
        const given = new Set<string>();
        for (const pair of step.with?.items ?? []) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const name = String(pair.key.value);
          given.add(name.toLowerCase());
          if (action.acceptsAnyInput || names.some((known) => known.toLowerCase() === name.toLowerCase())) continue;
          const suggestion = closestMatches(name, names, 1)[0];
          const data: Data = { action: parsed.name, input: name, problem: "unknown" };
          if (suggestion) {
            data.suggestion = suggestion;
            const plan = planEdits(renameKey(pair, suggestion, file.lines), pair.key, file.text);
            if (plan) data.plan = plan;
          }
          context.report({
            at: [pair.key.range[0], pair.key.range[1]],
            // GitHub only warns about an unexpected input and runs the step, so this is a warning too.
            severity: "warning",
            message: `${parsed.name}@v${parsed.major} has no input "${name}", so the action ignores it.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
            data,
          });
        }
        for (const required of names.filter((name) => action.inputs.get(name)!.required)) {
          if (given.has(required.toLowerCase())) continue;
          const data: Data = { action: parsed.name, input: required, problem: "missing" };
          const plan = planEdits(insertIntoBlockMap(step.node, { with: { [required]: '""' } }, file.lines), step.node, file.text);
          if (plan) data.plan = plan;
          context.report({ at: [step.uses.range[0], step.uses.range[1]], message: `${parsed.name} requires the input "${required}", so this step fails without it. Add it under with:.`, data });
        }
      }
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    if (!edits) return [];
    const title = data.problem === "unknown" ? `Change to ${data.suggestion}` : `Add input ${data.input}`;
    return [{ title, safe: false, edits }];
  },
});
