import { isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, getNode, getPair } from "../../../documents/ast.ts";
import type { Range } from "../../../types.ts";
import { yamlScalar } from "../../../documents/scalar-text.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";

interface Data {
  problem: "not-an-option" | "no-options" | "not-a-boolean" | "not-a-number" | "options-without-choice";
  input: string;
  /** The scalar the fix replaces, and its text then, so a changed file gets no stale edit. */
  range?: Range;
  source?: string;
  replacement?: string;
}

export default defineRule<Data>({
  id: "workflows/invalid-input",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workflow_dispatch input's default does not fit its type, or a choice input has no options or a default that is not one of them.",
    why: "GitHub rejects such an input when the workflow is run or called, so the Run workflow button fails before any job starts; options on an input that is not a choice are ignored, so the form shows a free text box.",
    invalid: { path: ".github/workflows/deploy.yml", text: "on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: choice\n        options: [debug, info]\n        default: trace\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
    valid: { path: ".github/workflows/deploy.yml", text: "on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: choice\n        options: [debug, info]\n        default: info\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
  },
  check(context) {
    const { file } = context;
    for (const event of workflowOf(context).events) {
      // workflow_call inputs' types and defaults are workflows/invalid-structure's.
      if (event.name !== "workflow_dispatch") continue;
      for (const pair of asMap(getNode(event.config, "inputs"))?.items ?? []) {
        const input = isScalar(pair.key) ? String(pair.key.value) : "";
        const spec = asMap(pair.value);
        if (!spec) continue;
        const typeNode = getNode(spec, "type");
        const type = isScalar(typeNode) && typeof typeNode.value === "string" ? typeNode.value : undefined;
        const defaultNode = getNode(spec, "default");
        const given = isScalar(defaultNode) && defaultNode.range && !String(defaultNode.value).includes("${{") ? defaultNode : undefined;
        const replaceable = (scalar: Scalar, replacement: string | undefined): Pick<Data, "range" | "source" | "replacement"> =>
          replacement === undefined ? {} : { range: file.lines.rangeOf(scalar.range![0], scalar.range![1]), source: file.text.slice(scalar.range![0], scalar.range![1]), replacement };
        const optionsPair = getPair(spec, "options");
        if (type === "choice") {
          const options = isSeq(optionsPair?.value) ? optionsPair!.value.items.flatMap((item) => (isScalar(item) && item.value !== null ? [String(item.value)] : [])) : [];
          if (options.length === 0) {
            const at = (optionsPair?.key as Scalar | undefined)?.range ?? typeNode!.range!;
            context.report({ at: [at[0], at[1]], message: `The choice input "${input}" has no options, so the Run workflow form has nothing to pick and GitHub rejects it. List them under options:.`, data: { problem: "no-options", input } });
          } else if (given && !options.includes(String(given.value))) {
            const closest = closestMatches(String(given.value), options, 1)[0] ?? options[0]!;
            context.report({ at: [given.range![0], given.range![1]], message: `The default "${String(given.value)}" of the choice input "${input}" is not one of its options (${options.join(", ")}), so GitHub rejects the input.`, data: { problem: "not-an-option", input, ...replaceable(given, yamlScalar(closest)) } });
          }
          continue;
        }
        if (optionsPair && isScalar(optionsPair.key) && optionsPair.key.range) {
          const typeFix = isScalar(typeNode) && typeNode.range && type === "string" ? replaceable(typeNode, "choice") : {};
          context.report({ at: [optionsPair.key.range[0], optionsPair.key.range[1]], severity: "warning", message: `The input "${input}" is ${type ? `of type ${type}` : "untyped"}, so GitHub ignores its options and the form shows a free text box. Make it type: choice.`, data: { problem: "options-without-choice", input, ...typeFix } });
        }
        if (!given) continue;
        const value = given.value;
        if (type === "boolean" && typeof value !== "boolean" && !/^(true|false)$/.test(String(value))) {
          const meant = /^(yes|on|y|1|True|TRUE)$/.test(String(value)) ? "true" : /^(no|off|n|0|False|FALSE)$/.test(String(value)) ? "false" : undefined;
          context.report({ at: [given.range![0], given.range![1]], message: `The default "${String(value)}" of the boolean input "${input}" is neither true nor false, so GitHub rejects the input.`, data: { problem: "not-a-boolean", input, ...replaceable(given, meant) } });
        }
        if (type === "number" && typeof value !== "number" && !(typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))) {
          context.report({ at: [given.range![0], given.range![1]], message: `The default "${String(value)}" of the number input "${input}" is not a number, so GitHub rejects the input.`, data: { problem: "not-a-number", input } });
        }
      }
    }
  },
  fix(data, { text, lines }) {
    if (!data.range || data.replacement === undefined || text.slice(lines.offsetAt(data.range.start), lines.offsetAt(data.range.end)) !== data.source) return [];
    const title = data.problem === "options-without-choice" ? "Make the input type: choice" : `Change the default to ${data.replacement}`;
    return [{ title, safe: data.problem === "options-without-choice", edits: [{ range: data.range, newText: data.replacement }] }];
  },
});

