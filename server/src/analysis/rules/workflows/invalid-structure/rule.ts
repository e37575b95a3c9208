import { isMap, isScalar, isSeq, Scalar, type Node, type Pair } from "yaml";
import { defineRule, type CheckContext } from "../../define-rule.ts";
import { asMap, getNode, getPair, type AnyNode } from "../../../documents/ast.ts";
import { workflowOf, type WorkflowModel } from "../../../workflows/index.ts";

type Problem = "empty" | "missing-key" | "exclusive" | "merge-key" | "not-positive" | "too-many-inputs" | "input-type" | "wrong-shape";

/** Keys whose value must not be an empty list or an empty string. */
const NON_EMPTY = new Set(["schedule", "options", "types", "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "workflows", "names", "versions", "runs-on", "needs", "labels", "include", "exclude", "image", "ports", "volumes", "group"]);
/** Filters that GitHub refuses together on one event. */
const EXCLUSIVE = [["branches", "branches-ignore"], ["tags", "tags-ignore"], ["paths", "paths-ignore"]] as const;

export default defineRule<{ problem: Problem }>({
  id: "workflows/invalid-structure",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workflow's structure is one GitHub refuses beyond its schema: empty required values, missing runs-on or steps, conflicting filters, a merge key.",
    why: "GitHub rejects such a workflow when it loads it (\"Invalid workflow file\"), so no job runs, or it runs a job other than the one written: an empty runs-on, a container without an image, branches beside branches-ignore.",
    invalid: { path: ".github/workflows/ci.yml", text: "on:\n  push:\n    branches: [main]\n    branches-ignore: [wip]\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on:\n  push:\n    branches: [main, '!wip']\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    for (const issue of structureIssuesOf(context)) context.report({ at: issue.at, message: issue.message, data: { problem: issue.problem } });
  },
});

export interface StructureIssue {
  at: [number, number];
  problem: Problem;
  message: string;
  /** Other nodes this mistake is about, whose lines the schema rule then leaves alone. */
  also: [number, number][];
}

/**
 * The structure issues of a workflow, computed once per document: workflows/schema leaves the
 * parser's finding on a line that has one of these to this rule, so one mistake is one finding.
 */
export function structureIssuesOf(context: CheckContext<any>): StructureIssue[] {
  return context.remember("workflows/structure", () => {
    const issues: StructureIssue[] = [];
    const report: Reporter = (node, problem, message, also = []) => {
      if (node?.range) issues.push({ at: [node.range[0], node.range[1]], problem, message, also: also.flatMap((other) => (other?.range ? [[other.range[0], other.range[1]] as [number, number]] : [])) });
    };
    collect(workflowOf(context), report);
    return issues;
  });
}

function collect(model: WorkflowModel, report: Reporter): void {
  {
    walkForStructure(model.root, undefined, report);
    checkEvents(model, report);
    for (const job of model.jobs) {
      const node = job.node;
      if (!node) continue;
      if (!job.uses) {
        if (!getPair(node, "runs-on")) report(job.key, "missing-key", `Job "${job.id}" has no runs-on, so GitHub cannot pick a runner and rejects the workflow. Add runs-on: ubuntu-latest or the label of your runner.`);
        if (!getPair(node, "steps")) report(job.key, "missing-key", `Job "${job.id}" has no steps, so GitHub rejects the workflow. Add the steps it runs, or call a reusable workflow with uses:.`);
      }
      const timeout = getNode(node, "timeout-minutes");
      if (isScalar(timeout) && typeof timeout.value === "number" && timeout.value <= 0) report(timeout, "not-positive", `timeout-minutes is ${timeout.value}, but it must be greater than zero, so GitHub rejects the workflow.`);
      if (job.uses && typeof job.uses.value === "string" && !job.uses.value.includes("${{") && !/^(\.\/.+\.ya?ml|[^/@\s]+\/[^/@\s]+\/[^@\s]+\.ya?ml@[^@\s]+)$/.test(job.uses.value)) {
        report(job.uses, "wrong-shape", `A job's uses: calls a reusable workflow, written owner/repo/path/to/workflow.yml@ref or ./.github/workflows/file.yml, so GitHub rejects "${job.uses.value}". To run an action, use it in a step.`);
      }
      const container = getPair(node, "container");
      if (container) checkContainer(container, "container", report);
      for (const service of asMap(getNode(node, "services"))?.items ?? []) checkContainer(service, `service "${String((service.key as Scalar)?.value)}"`, report);
      const concurrency = getNode(node, "concurrency");
      if (isMap(concurrency) && !getPair(concurrency, "group")) report(getPair(node, "concurrency")!.key as Scalar, "missing-key", "This concurrency has no group, so GitHub rejects the workflow. Add group: with a name such as ${{ github.workflow }}-${{ github.ref }}.");
      for (const step of job.steps) {
        const stepTimeout = getNode(step.node, "timeout-minutes");
        if (isScalar(stepTimeout) && typeof stepTimeout.value === "number" && stepTimeout.value <= 0) report(stepTimeout, "not-positive", `timeout-minutes is ${stepTimeout.value}, but it must be greater than zero, so GitHub rejects the workflow.`);
        const keys = step.node.items.filter((pair) => isScalar(pair.key)).map((pair) => pair as Pair<Scalar, AnyNode>);
        const run = keys.find((pair) => pair.key.value === "run");
        const uses = keys.find((pair) => pair.key.value === "uses");
        if (run && uses) {
          const first = step.node.items.indexOf(run) < step.node.items.indexOf(uses) ? run : uses;
          report(first.key, "wrong-shape", "A step either runs a script (run:) or an action (uses:), not both, so GitHub rejects the workflow. Split it into two steps.", [run.key, uses.key]);
        } else if (uses) {
          for (const pair of keys) if (pair.key.value === "shell" || pair.key.value === "working-directory") report(pair.key, "wrong-shape", `${String(pair.key.value)} applies only to run: steps; this step runs an action, so GitHub rejects the workflow. Remove it, or pass it as an input under with:.`);
        } else if (run) {
          for (const pair of keys) if (pair.key.value === "with") report(pair.key, "wrong-shape", "with: passes inputs to an action, but this step runs a script, so GitHub rejects the workflow. Use env: to pass values to a script.");
        }
      }
    }
    const concurrency = getPair(model.root, "concurrency");
    if (concurrency && isMap(concurrency.value) && !getPair(concurrency.value, "group")) report(concurrency.key as Scalar, "missing-key", "This concurrency has no group, so GitHub rejects the workflow. Add group: with a name such as ${{ github.workflow }}-${{ github.ref }}.");
  }
}

type Reporter = (node: Node | null | undefined, problem: Problem, message: string, also?: Array<Node | null | undefined>) => void;

/** Empty lists and strings where a value is required, and merge keys, anywhere in the workflow. */
function walkForStructure(node: AnyNode, parentKey: string | undefined, report: Reporter): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === "<<" && isScalar(pair.key) && pair.key.type === Scalar.PLAIN) report(pair.key, "merge-key", "GitHub does not support YAML merge keys (<<), so it rejects the workflow. Write the keys out, or use an anchor for the whole value.");
      const value = pair.value as AnyNode;
      const matrixValue = parentKey === "matrix" && key !== "include" && key !== "exclude";
      if (key !== undefined && (NON_EMPTY.has(key) || matrixValue) && isEmpty(value)) {
        report(value as Node, "empty", `${key} is empty here, which GitHub refuses. Give it a value, or remove ${key}.`);
      } else if (key !== undefined && (key === "options" || key === "versions" || key === "names" || key === "ports" || key === "volumes") && isSeq(value)) {
        for (const item of value.items) if (isScalar(item) && item.value === "") report(item, "empty", `An item of ${key} is an empty string, which GitHub refuses. Remove it.`);
      }
      walkForStructure(value, key, report);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walkForStructure(item as AnyNode, parentKey, report);
  }
}

function isEmpty(node: AnyNode): boolean {
  if (isSeq(node)) return node.items.length === 0;
  if (isScalar(node)) return node.value === "" && node.type !== Scalar.PLAIN;
  return false;
}

function checkContainer(pair: Pair, what: string, report: Reporter): void {
  const value = pair.value as AnyNode;
  const key = pair.key as Scalar;
  if (isScalar(value)) {
    // `container: null` written out is no container; an empty value is a mistake.
    const implicitNull = value.value === null && !!value.range && value.range[0] === value.range[1];
    if (implicitNull || value.value === "") report(value.value === null ? key : value, "empty", `The ${what} is empty, so GitHub rejects the workflow. Give it an image, or remove it.`);
    return;
  }
  if (!isMap(value)) return;
  if (value.items.length === 0) report(value, "empty", `The ${what} is empty, so GitHub rejects the workflow. Give it an image, or remove it.`);
  else if (!getPair(value, "image")) report(key, "missing-key", `The ${what} has no image, so GitHub rejects the workflow. Add image: with the container image to run.`);
  const credentials = getPair(value, "credentials");
  if (credentials && isMap(credentials.value)) {
    const hasUser = !!getPair(credentials.value, "username");
    const hasPassword = !!getPair(credentials.value, "password");
    if (hasUser !== hasPassword) report(credentials.key as Scalar, "missing-key", `The credentials of the ${what} need both username and password; with only one, GitHub rejects the workflow.`);
  }
}

function checkEvents(model: WorkflowModel, report: Reporter): void {
  for (const event of model.events) {
    if (event.name === "schedule" && !isMap(model.on)) report(event.node, "wrong-shape", "schedule needs its cron entries, which only the mapping form of on: can give, so GitHub never runs it. Write on: schedule: - cron: '...'.");
    const config = asMap(event.config);
    if (!config) continue;
    for (const [a, b] of EXCLUSIVE) {
      const first = getPair(config, a);
      const second = getPair(config, b);
      if (!first || !second) continue;
      const later = config.items.indexOf(first) > config.items.indexOf(second) ? first : second;
      report(later.key as Scalar, "exclusive", `${event.name} sets both ${a} and ${b}, which GitHub refuses. Use ${a} alone, with '!' before the patterns to leave out.`);
    }
    if (event.name === "image_version") {
      for (const key of ["names", "versions"]) {
        const value = getNode(config, key);
        if (isScalar(value) && value.value !== null) report(value, "wrong-shape", `${key} must be a list of strings, so GitHub rejects this value. Write it as [${String(value.value)}].`);
      }
    }
    const inputs = getPair(config, "inputs");
    if (event.name === "workflow_dispatch" && inputs && isMap(inputs.value) && inputs.value.items.length > 25) {
      report(event.node, "too-many-inputs", `workflow_dispatch takes at most 25 inputs, and ${inputs.value.items.length} are given, so GitHub rejects the workflow.`);
    }
    if (event.name === "workflow_call" && inputs && isMap(inputs.value)) {
      for (const input of inputs.value.items) {
        const spec = asMap(input.value);
        if (!spec) continue;
        const name = String((input.key as Scalar)?.value);
        const type = getNode(spec, "type");
        if (!type) {
          report(input.key as Scalar, "input-type", `Input "${name}" of workflow_call has no type, which GitHub requires. Add type: string, number or boolean.`);
          continue;
        }
        const declared = isScalar(type) ? type.value : undefined;
        const fallback = getNode(spec, "default");
        if (!isScalar(fallback) || fallback.value === null || (typeof fallback.value === "string" && fallback.value.includes("${{"))) continue;
        const value = fallback.value;
        if (declared === "number" && (typeof value !== "number" && !(typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))))) {
          report(fallback, "input-type", `Input "${name}" is a number, but its default ${JSON.stringify(value)} is not one, so callers that omit it get an invalid value.`);
        } else if (declared === "boolean" && typeof value !== "boolean") {
          report(fallback, "input-type", `Input "${name}" is a boolean, but its default ${JSON.stringify(value)} is neither true nor false.`);
        }
      }
    }
  }
}
