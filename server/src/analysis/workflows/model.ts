import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { asMap, asSeq, getNode, getPair, scalarString, type AnyNode } from "../documents/ast.ts";
import { expressionsIn, referencesIn, type Expression } from "./expressions.ts";

/**
 * A workflow as the rules read it: jobs, steps and every `${{ }}` with the place it sits,
 * all holding their YAML nodes, so every range is exact. Built from our own YAML AST once
 * per document (see `workflowOf`), never from converted data.
 */
export interface WorkflowModel {
  root: YAMLMap<Scalar, AnyNode> | undefined;
  /** The `on:` node, and the events it names with their key (or item) nodes. */
  on: AnyNode;
  events: WorkflowEvent[];
  jobs: Job[];
  jobsNode: YAMLMap<Scalar, AnyNode> | undefined;
  /** Every expression of the file, in source order. */
  expressions: PlacedExpression[];
}

export interface WorkflowEvent {
  name: string;
  node: Node;
  /** Its configuration when `on:` is a mapping. */
  config: AnyNode;
}

export interface Job {
  id: string;
  key: Scalar;
  pair: Pair<Scalar, AnyNode>;
  node: YAMLMap<Scalar, AnyNode> | undefined;
  needs: { name: string; node: Scalar }[];
  steps: Step[];
  /** `strategy.matrix`, when the job has one. */
  matrix: AnyNode;
  /** A reusable-workflow call's `uses`. */
  uses: Scalar | undefined;
}

export interface Step {
  node: YAMLMap<Scalar, AnyNode>;
  index: number;
  id: Scalar | undefined;
  uses: Scalar | undefined;
  run: Scalar | undefined;
  with: YAMLMap<Scalar, AnyNode> | undefined;
}

/** Where an expression sits: its job and step (by index) and the keys that lead to it. */
export interface PlacedExpression extends Expression {
  scalar: Scalar;
  job: Job | undefined;
  stepIndex: number | undefined;
  /** Keys from the root, as `jobs.build.steps.run`; sequence indexes are left out. */
  path: string;
}

export function buildWorkflowModel(document: Document.Parsed, text: string): WorkflowModel {
  const root = asMap(document.contents);
  const on = getNode(root, "on");
  const events: WorkflowEvent[] = [];
  if (isScalar(on) && typeof on.value === "string") events.push({ name: on.value, node: on, config: undefined });
  for (const item of asSeq(on)?.items ?? []) if (isScalar(item) && typeof item.value === "string") events.push({ name: item.value, node: item, config: undefined });
  for (const pair of asMap(on)?.items ?? []) {
    if (isScalar(pair.key) && typeof pair.key.value === "string") events.push({ name: pair.key.value, node: pair.key, config: pair.value });
  }
  const jobsNode = asMap(getNode(root, "jobs"));
  const jobs: Job[] = [];
  for (const pair of jobsNode?.items ?? []) {
    if (!isScalar(pair.key) || pair.key.value === null || pair.key.value === undefined) continue;
    const node = asMap(pair.value);
    const needsNode = getNode(node, "needs");
    const needs: Job["needs"] = [];
    if (isScalar(needsNode) && typeof needsNode.value === "string") needs.push({ name: needsNode.value, node: needsNode });
    for (const item of asSeq(needsNode)?.items ?? []) if (isScalar(item) && typeof item.value === "string") needs.push({ name: item.value, node: item });
    const steps: Step[] = [];
    asSeq(getNode(node, "steps"))?.items.forEach((item, index) => {
      const step = asMap(item);
      if (!step) return;
      steps.push({ node: step, index, id: scalarNode(getNode(step, "id")), uses: scalarNode(getNode(step, "uses")), run: scalarNode(getNode(step, "run")), with: asMap(getNode(step, "with")) });
    });
    jobs.push({ id: String(pair.key.value), key: pair.key, pair, node, needs, steps, matrix: getNode(getNode(node, "strategy"), "matrix"), uses: scalarNode(getNode(node, "uses")) });
  }
  // A composite action's steps read as one job, so the step rules that apply to action metadata see them.
  const runsPair = getPair(root, "runs");
  const runsNode = asMap(runsPair?.value);
  if (!jobsNode && runsPair && isScalar(runsPair.key) && runsNode && isSeq(getNode(runsNode, "steps"))) {
    const steps: Step[] = [];
    asSeq(getNode(runsNode, "steps"))?.items.forEach((item, index) => {
      const step = asMap(item);
      if (step) steps.push({ node: step, index, id: scalarNode(getNode(step, "id")), uses: scalarNode(getNode(step, "uses")), run: scalarNode(getNode(step, "run")), with: asMap(getNode(step, "with")) });
    });
    jobs.push({ id: "runs", key: runsPair.key, pair: runsPair as Pair<Scalar, AnyNode>, node: runsNode, needs: [], steps, matrix: undefined, uses: undefined });
  }
  const expressions: PlacedExpression[] = [];
  const jobByNode = new Map<unknown, Job>(jobs.map((job) => [job.node, job]));
  const path: string[] = [];
  walk(root, undefined, undefined);
  return { root, on, events, jobs, jobsNode, expressions };

  // One shared path, pushed and popped: walking allocates nothing for the many scalars without ${{ }}.
  function walk(node: AnyNode, job: Job | undefined, stepIndex: number | undefined): void {
    if (!node) return;
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value !== "string" || !node.range) return;
      if (path[path.length - 1] === "if" && path[0] === "jobs" && !value.includes("${{")) {
        // An if: condition is an expression even without ${{ }}.
        const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
        const start = node.range[0] + (quoted ? 1 : 0);
        const end = node.range[1] - (quoted ? 1 : 0);
        const body = text.slice(start, end);
        expressions.push({ start, end, body, bodyStart: start, references: referencesIn(body, start), scalar: node, job, stepIndex, path: path.join(".") });
        return;
      }
      if (!value.includes("${{")) return;
      const found = expressionsIn(text, node.range[0], node.range[1]);
      if (found.length === 0) return;
      // The properties are copied one by one, never spread: a spread of an object literal goes
      // through V8's generic clone, which was most of the walk's time. The path is joined once per scalar.
      const joined = path.join(".");
      for (const expression of found) {
        expressions.push({ start: expression.start, end: expression.end, body: expression.body, bodyStart: expression.bodyStart, references: expression.references, scalar: node, job, stepIndex, path: joined });
      }
      return;
    }
    if (isMap(node)) {
      const inJob = jobByNode.get(node) ?? job;
      // Job ids are left out of the path, so a path reads `jobs.steps.run` for every job.
      const keepPath = node === jobsNode;
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && typeof key.value === "string" && key.value.includes("${{")) {
          path.push("<key>");
          walk(key, inJob, stepIndex);
          path.pop();
        }
        if (keepPath) walk(pair.value as AnyNode, inJob, stepIndex);
        else {
          const name = isScalar(key) ? key.value : "";
          path.push(typeof name === "string" ? name : String(name));
          walk(pair.value as AnyNode, inJob, stepIndex);
          path.pop();
        }
      }
      return;
    }
    if (isSeq(node)) {
      const isSteps = path[path.length - 1] === "steps" && job !== undefined;
      const items = node.items;
      for (let index = 0; index < items.length; index++) walk(items[index] as AnyNode, job, isSteps ? index : stepIndex);
    }
  }
}

function scalarNode(node: AnyNode): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** The job's `runs-on`, `container` and so on. */
export function jobKey(job: Job, key: string): Pair<Scalar, AnyNode> | undefined {
  return getPair(job.node, key);
}

export { scalarString };
