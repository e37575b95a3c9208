import { isMap, isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, getNode, getPair } from "../../../documents/ast.ts";
import { workflowOf, type Job, type PlacedExpression, type Reference, type WorkflowModel } from "../../../workflows/index.ts";
import { closestMatches } from "../../../text/similar.ts";
import { actionInterface, parseActionRef } from "../../../workflows/popular-actions.ts";

type Problem = "unknown-output" | "unknown-step" | "later-step" | "not-needed" | "no-matrix" | "unknown-matrix-key" | "unknown-input" | "unknown-secret" | "unknown-job-output";

export default defineRule<{ problem: Problem; name: string }>({
  id: "workflows/context-misuse",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "An expression reads steps, needs, matrix, inputs, secrets or job outputs that do not exist where it is used.",
    why: "Such a reference evaluates to an empty string without any error, so the step silently runs with a wrong value: a step that is not before this one, a job not listed in needs, a matrix the job does not have, an input the workflow does not declare.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.version.outputs.tag }}\n      - id: version\n        run: echo \"tag=v1\" >> \"$GITHUB_OUTPUT\"\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: version\n        run: echo \"tag=v1\" >> \"$GITHUB_OUTPUT\"\n      - run: echo ${{ steps.version.outputs.tag }}\n" },
  },
  check(context) {
    const model = workflowOf(context);
    const inputs = declaredInputs(model);
    const secrets = declaredSecrets(model);
    for (const expression of model.expressions) {
      for (const reference of expression.references) {
        const problem = problemOf(model, expression, reference, inputs, secrets);
        if (!problem) continue;
        const [name, message] = problem;
        const at: [number, number] = [reference.start, reference.end];
        context.report({ at, message, data: { problem: name, name: reference.parts.slice(0, 2).join(".") } });
      }
    }
  },
});

function problemOf(model: WorkflowModel, expression: PlacedExpression, reference: Reference, inputs: Set<string> | undefined, secrets: Set<string> | undefined): [Problem, string] | undefined {
  const [context, name, property] = reference.parts;
  if (name === undefined) return undefined;
  const job = expression.job;
  const lower = name.toLowerCase();
  switch (context) {
    case "steps": {
      if (!job || job.uses) return undefined;
      const index = job.steps.findIndex((step) => typeof step.id?.value === "string" && step.id.value.toLowerCase() === lower);
      if (index < 0) {
        const known = job.steps.flatMap((step) => (typeof step.id?.value === "string" ? [step.id.value] : []));
        if (known.some((id) => id.includes("${{"))) return undefined;
        const suggestion = closestMatches(name, known, 1, "name")[0];
        return ["unknown-step", `No step of job "${job.id}" has id "${name}", so steps.${name} is always empty.${suggestion ? ` Did you mean "${suggestion}"?` : " Give the step an id."}`];
      }
      const at = expression.stepIndex;
      if (at !== undefined && job.steps[index]!.index >= at) {
        return ["later-step", `Step "${name}" runs ${job.steps[index]!.index === at ? "as this very step" : "after this step"}, so steps.${name} is still empty here. Read it in a later step.`];
      }
      const output = reference.parts[3];
      const uses = job.steps[index]!.uses?.value;
      if (property === "outputs" && output !== undefined && typeof uses === "string") {
        const action = parseActionRef(uses);
        const outputs = action && actionInterface(action)?.outputs;
        if (outputs && !outputs.some((known) => known.toLowerCase() === output.toLowerCase())) {
          const suggestion = closestMatches(output, outputs, 1)[0];
          const listed = outputs.length > 0 ? `Its outputs: ${outputs.join(", ")}.` : "It has no outputs.";
          return ["unknown-output", `${action!.name}@${action!.ref} has no output "${output}", so steps.${name}.outputs.${output} is always empty. ${listed}${suggestion ? ` Did you mean "${suggestion}"?` : ""}`];
        }
      }
      return undefined;
    }
    case "needs": {
      if (!job) return undefined;
      if (job.needs.some((need) => need.name.toLowerCase() === lower)) return undefined;
      if (job.needs.some((need) => need.name.includes("${{"))) return undefined;
      return ["not-needed", `Job "${job.id}" does not list "${name}" in needs, so needs.${name} is always empty. Add "${name}" to its needs.`];
    }
    case "matrix": {
      if (!job || expression.path.startsWith("on")) return undefined;
      if (!job.matrix) return ["no-matrix", `Job "${job.id}" has no strategy.matrix, so matrix.${name} is always empty.`];
      const keys = matrixKeys(job);
      if (keys && !keys.has(lower)) {
        const suggestion = closestMatches(name, keys, 1)[0];
        return ["unknown-matrix-key", `The matrix of job "${job.id}" has no "${name}", so matrix.${name} is always empty.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`];
      }
      return undefined;
    }
    case "inputs": {
      if (!inputs || inputs.has(lower)) return undefined;
      const suggestion = closestMatches(name, inputs, 1)[0];
      return ["unknown-input", `The workflow declares no input "${name}" under workflow_dispatch or workflow_call, so inputs.${name} is always empty.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`];
    }
    case "secrets": {
      if (!secrets || secrets.has(lower) || lower === "github_token") return undefined;
      return ["unknown-secret", `This reusable workflow declares no secret "${name}" under workflow_call.secrets, so a caller cannot pass it and secrets.${name} is empty. Declare it there.`];
    }
    case "jobs": {
      if (!expression.path.startsWith("on.workflow_call.outputs") || property !== "outputs") return undefined;
      const target = model.jobs.find((candidate) => candidate.id.toLowerCase() === lower);
      const output = reference.parts[3];
      if (!target) return ["unknown-job-output", `There is no job "${name}", so this workflow output is always empty.`];
      const outputs = asMap(getNode(target.node, "outputs"));
      if (output !== undefined && outputs && !getPair(outputs, output) && !outputs.items.some((pair) => String((pair.key as { value?: unknown })?.value).toLowerCase() === output.toLowerCase())) {
        return ["unknown-job-output", `Job "${name}" declares no output "${output}", so this workflow output is always empty.`];
      }
      if (output !== undefined && !outputs && !target.uses) return ["unknown-job-output", `Job "${name}" declares no outputs, so this workflow output is always empty.`];
      return undefined;
    }
  }
  return undefined;
}

/** The names a matrix defines, lower-cased, or `undefined` when an expression builds it. */
function matrixKeys(job: Job): Set<string> | undefined {
  const matrix = job.matrix;
  if (!isMap(matrix)) return undefined;
  const keys = new Set<string>();
  for (const pair of matrix.items) {
    if (!isScalar(pair.key)) return undefined;
    const key = String(pair.key.value);
    if (key.includes("${{")) return undefined;
    if (key === "include") {
      const include = pair.value;
      if (isScalar(include)) return undefined;
      for (const item of (include as { items?: unknown[] })?.items ?? []) {
        if (!isMap(item)) return undefined;
        for (const entry of item.items) if (isScalar(entry.key)) keys.add(String(entry.key.value).toLowerCase());
      }
    } else if (key !== "exclude") {
      if (isScalar(pair.value) && String(pair.value.value).includes("${{")) keys.add(key.toLowerCase());
      else keys.add(key.toLowerCase());
    }
  }
  return keys;
}

function triggerConfig(model: WorkflowModel, event: string): { present: boolean; config: unknown } {
  const found = model.events.find((candidate) => candidate.name === event);
  return { present: found !== undefined, config: found?.config };
}

/** Inputs the workflow declares, lower-cased; `undefined` when they cannot be known. */
function declaredInputs(model: WorkflowModel): Set<string> | undefined {
  if (model.events.length === 0) return undefined;
  const names = new Set<string>();
  for (const event of ["workflow_dispatch", "workflow_call"]) {
    const { config } = triggerConfig(model, event);
    const inputs = getNode(config, "inputs");
    if (inputs !== undefined && inputs !== null && !isMap(inputs)) return undefined;
    for (const pair of asMap(inputs)?.items ?? []) if (isScalar(pair.key)) names.add(String(pair.key.value).toLowerCase());
  }
  return names;
}

/** Secrets a reusable workflow declares, when workflow_call is its only trigger and lists them. */
function declaredSecrets(model: WorkflowModel): Set<string> | undefined {
  if (model.events.length !== 1 || model.events[0]!.name !== "workflow_call") return undefined;
  const pair = getPair(model.events[0]!.config, "secrets");
  if (!pair) return undefined;
  if (pair.value !== null && !isMap(pair.value) && !(isScalar(pair.value) && pair.value.value === null)) return undefined;
  return new Set((asMap(pair.value)?.items ?? []).flatMap((item) => (isScalar(item.key) ? [String(item.key.value).toLowerCase()] : [])));
}
