import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import type { AnyNode } from "../../../documents/ast.ts";
import { expressionsIn, referencesIn, workflowOf } from "../../../workflows/index.ts";

type Problem = "constant" | "text-outside";

const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled|hashFiles)\s*\(/i;

export default defineRule<{ problem: Problem }>({
  id: "workflows/constant-condition",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "An if: condition is always true or always false: a constant, or text outside ${{ }}.",
    why: "`if: ${{ a }} && ${{ b }}` is a string, not a condition, and any non-empty string is true, so the job or step always runs; a constant condition is dead code or a forgotten debug switch.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  deploy:\n    if: ${{ github.ref == 'refs/heads/main' }} && ${{ github.event_name == 'push' }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  deploy:\n    if: github.ref == 'refs/heads/main' && github.event_name == 'push'\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
  },
  check(context) {
    const { file } = context;
    const visit = (node: AnyNode): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key) && pair.key.value === "if" && isScalar(pair.value)) checkCondition(pair.value);
          else visit(pair.value as AnyNode);
        }
      } else if (isSeq(node)) node.items.forEach((item) => visit(item as AnyNode));
    };
    const checkCondition = (value: Scalar): void => {
      if (!value.range) return;
      const at: [number, number] = [value.range[0], value.range[1]];
      if (typeof value.value === "boolean" || typeof value.value === "number") {
        context.report({ at, message: `This condition is the constant ${String(value.value)}, so it never decides anything. Remove the if:, or write the condition it was meant to be.`, data: { problem: "constant" } });
        return;
      }
      if (typeof value.value !== "string") return;
      const text = value.value.trim();
      const expressions = expressionsIn(file.text, value.range[0], value.range[1]);
      if (expressions.length > 0) {
        const source = file.text.slice(value.range[0], value.range[1]).replace(/^['"]|['"]$/g, "");
        const outside = source.replace(/\$\{\{[\s\S]*?\}\}/g, "");
        if (outside.trim() !== "" || expressions.length > 1 || source !== source.trim()) {
          context.report({ at, message: "Text outside ${{ }} makes this condition a string, and a non-empty string is always true, so this always runs. Write the whole condition inside one ${{ }}, or without ${{ }} at all.", data: { problem: "text-outside" } });
          return;
        }
        if (isConstant(expressions[0]!.body)) context.report({ at, message: `This condition reads no context, so it is the same on every run. Remove the if:, or write the condition it was meant to be.`, data: { problem: "constant" } });
        return;
      }
      if (isConstant(text)) context.report({ at, message: `This condition reads no context, so it is the same on every run. Remove the if:, or write the condition it was meant to be.`, data: { problem: "constant" } });
    };
    for (const job of workflowOf(context).jobs) visit(job.pair.value as AnyNode);
  },
});

/** An expression with no context read and no status function: literals and pure functions of them. */
function isConstant(body: string): boolean {
  if (body.trim() === "" || STATUS_FUNCTIONS.test(body)) return false;
  return referencesIn(body, 0).length === 0;
}
