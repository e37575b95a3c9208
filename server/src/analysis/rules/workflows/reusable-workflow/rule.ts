import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, getNode } from "../../../documents/ast.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { REUSABLE_WORKFLOW_KIND, repositoryRootOf, resolveLocal } from "../../../workflows/facts.ts";

interface Data {
  problem: "missing-workflow" | "outside-workflows" | "missing-input" | "unknown-input" | "missing-secret" | "unknown-secret";
  workflow: string;
  names?: string[];
  plan?: PlannedEdits;
}

export default defineRule<Data>({
  id: "workflows/reusable-workflow",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A job calls a local reusable workflow that is not in .github/workflows, does not exist, is not callable, or whose workflow_call inputs and secrets the call does not match.",
    why: "GitHub rejects the caller when the called workflow is missing or has no workflow_call trigger, when a required input or secret is not passed, or when it passes an input or secret the called workflow does not declare.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  deploy:\n    uses: ./ci/deploy.yml\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
  },
  check(context) {
    const { workspace, file } = context;
    const root = repositoryRootOf(file.path);
    if (root === undefined) return;
    for (const job of workflowOf(context).jobs) {
      const uses = job.uses;
      if (!uses || typeof uses.value !== "string" || !uses.value.startsWith("./") || uses.value.includes("${{") || !uses.range || !job.node) continue;
      const callee = uses.value;
      const path = resolveLocal(root, callee);
      const at: [number, number] = [uses.range[0], uses.range[1]];
      if (!path.startsWith(`${root}/.github/workflows/`) || path.slice(root.length + 19).includes("/")) {
        context.report({ at, message: `GitHub calls reusable workflows only from the .github/workflows folder, so it rejects ${callee}. Move the file there.`, data: { problem: "outside-workflows", workflow: callee } });
        continue;
      }
      // Analysed alone, a file cannot tell a missing workflow from one it cannot see.
      if (!workspace.complete) continue;
      const called = workspace.find(REUSABLE_WORKFLOW_KIND, "", path)[0];
      if (!called) {
        context.report({ at, message: `No callable workflow is at ${uses.value}: the file does not exist or has no on: workflow_call, so GitHub rejects this workflow.`, data: { problem: "missing-workflow", workflow: uses.value } });
        continue;
      }
      const report = (problem: Data["problem"], kind: "input" | "secret", pairs: Array<{ key: unknown }>, declared: { name: string; required?: true }[], where: string) => {
        const given = new Set<string>();
        for (const pair of pairs) {
          const key = pair.key;
          if (!isScalar(key) || !key.range) continue;
          const name = String(key.value);
          given.add(name.toLowerCase());
          if (declared.some((entry) => entry.name.toLowerCase() === name.toLowerCase())) continue;
          const suggestion = closestMatches(name, declared.map((entry) => entry.name), 1)[0];
          context.report({ at: [key.range[0], key.range[1]], message: `${callee} declares no ${kind} "${name}" under workflow_call, so GitHub rejects this call.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`, data: { problem: kind === "input" ? "unknown-input" : "unknown-secret", workflow: callee } });
        }
        const missing = declared.filter((entry) => entry.required && !given.has(entry.name.toLowerCase())).map((entry) => entry.name);
        if (missing.length === 0) return;
        const data: Data = { problem, workflow: callee, names: missing };
        const plan = planEdits(insertIntoBlockMap(job.node!, { [where]: Object.fromEntries(missing.map((name) => [name, kind === "secret" ? `\${{ secrets.${name} }}` : '""'])) }, file.lines), job.node!, file.text);
        if (plan) data.plan = plan;
        context.report({ at, message: `${callee} requires the ${kind}${missing.length === 1 ? "" : "s"} ${missing.map((name) => `"${name}"`).join(", ")}, which this call does not pass, so GitHub rejects it. Add ${missing.length === 1 ? "it" : "them"} under ${where}:.`, data });
      };
      report("missing-input", "input", asMap(getNode(job.node, "with"))?.items ?? [], called.workflowInputs ?? [], "with");
      const secrets = getNode(job.node, "secrets");
      if (!(isScalar(secrets) && secrets.value === "inherit")) report("missing-secret", "secret", asMap(secrets)?.items ?? [], called.workflowSecrets ?? [], "secrets");
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    if (!edits || !data.names) return [];
    const what = data.problem === "missing-secret" ? "secret" : "input";
    return [{ title: `Add ${what}${data.names.length === 1 ? "" : "s"} ${data.names.join(", ")}`, safe: false, edits }];
  },
});
