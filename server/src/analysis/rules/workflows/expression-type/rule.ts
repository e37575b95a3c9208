import { defineRule } from "../../define-rule.ts";
import type { Range } from "../../../types.ts";
import { CONTEXTS } from "../../../workflows/contexts.ts";
import { workflowOf, type PlacedExpression, type Reference } from "../../../workflows/index.ts";
import { ANY, describeType, isContainerOrNull, matrixKeyType, propertyType, type ValueType } from "../../../workflows/expression-types.ts";

interface Data {
  problem: "printed" | "argument";
  reference: string;
  /** The reference's range, where the fix wraps it in toJSON(). */
  range: Range;
  printable: boolean;
}

/** Every context is an object as a whole. */
const OBJECT_CONTEXTS = new Set(Object.keys(CONTEXTS));

export default defineRule<Data>({
  id: "workflows/expression-type",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "An expression's value has a type that does not fit where it is used: an object, array or null put into text, or an object given to contains().",
    why: "GitHub turns an object into the text Object, an array into Array and null into nothing when it puts them into a string, so the step gets a useless value without any error; and contains() of an object is always false.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    strategy:\n      matrix:\n        target: [{os: linux, arch: x64}]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.target }}\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    strategy:\n      matrix:\n        target: [{os: linux, arch: x64}]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.target.os }} ${{ toJSON(matrix.target) }}\n" },
  },
  check(context) {
    const { file } = context;
    for (const expression of workflowOf(context).expressions) {
      if (expression.path.endsWith("if")) continue;
      const data = (reference: Reference, problem: Data["problem"], type: ValueType): Data => ({
        problem,
        reference: file.text.slice(reference.start, reference.end),
        range: file.lines.rangeOf(reference.start, reference.end),
        printable: type.kind !== "null",
      });
      const whole = wholeReference(expression);
      if (whole && isTemplate(expression, file.text)) {
        const type = referenceType(expression, whole);
        if (isContainerOrNull(type)) {
          const text = file.text.slice(whole.start, whole.end);
          const reads = type.kind === "null" ? "it is always null here, so it reads as an empty string" : `put into text it reads "${type.kind === "array" ? "Array" : "Object"}", not its contents. Use toJSON(${text}) to print it as JSON, or read one of its properties`;
          context.report({ at: [whole.start, whole.end], message: `${text} is ${type.kind === "null" ? "null" : `an ${describeType(type)}`}: ${reads}.`, data: data(whole, "printed", type) });
        }
      }
      for (const match of expression.body.matchAll(/\bcontains\(\s*/gi)) {
        const argumentStart = expression.bodyStart + match.index! + match[0].length;
        const reference = expression.references.find((candidate) => candidate.start === argumentStart);
        if (!reference || !/^\s*,/.test(file.text.slice(reference.end, expression.end))) continue;
        const type = referenceType(expression, reference);
        if (type.kind !== "object") continue;
        const text = file.text.slice(reference.start, reference.end);
        context.report({ at: [reference.start, reference.end], message: `contains() looks in a string or an array, but ${text} is an ${describeType(type)}, so the result is always false. Pass an array, or compare one of its properties.`, data: data(reference, "argument", type) });
      }
    }
  },
  fix(data, { text, lines }) {
    if (data.problem !== "printed" || !data.printable) return [];
    if (text.slice(lines.offsetAt(data.range.start), lines.offsetAt(data.range.end)) !== data.reference) return [];
    return [{ title: `Print ${data.reference} as JSON`, safe: false, edits: [{ range: data.range, newText: `toJSON(${data.reference})` }] }];
  },
});

/** The reference that is the expression's whole body, as in `${{ matrix.target }}`. */
function wholeReference(expression: PlacedExpression): Reference | undefined {
  if (expression.references.length !== 1) return undefined;
  const reference = expression.references[0]!;
  const leading = expression.body.length - expression.body.trimStart().length;
  const trailing = expression.body.trimEnd().length;
  return reference.start === expression.bodyStart + leading && reference.end === expression.bodyStart + trailing ? reference : undefined;
}

/** Whether the expression's value becomes text: it sits among other text, or it is a whole run: script. */
function isTemplate(expression: PlacedExpression, text: string): boolean {
  if (/(^|\.)run$/.test(expression.path)) return true;
  const [from, to] = expression.scalar.range!;
  return text.slice(from, to).replace(/^["']|["']$/g, "").trim() !== text.slice(expression.start, expression.end);
}

function referenceType(expression: PlacedExpression, reference: Reference): ValueType {
  const [context, name, property] = reference.parts;
  if (name === undefined) return context !== undefined && OBJECT_CONTEXTS.has(context) ? { kind: "object", properties: undefined } : ANY;
  if (context === "matrix") return expression.job ? propertyType(matrixKeyType(expression.job, name), reference.parts.slice(2)) : ANY;
  if (context === "github" && name === "event" && property === undefined) return { kind: "object", properties: undefined };
  if ((context === "steps" || context === "needs") && (property === undefined || (property === "outputs" && reference.parts.length === 3))) return { kind: "object", properties: undefined };
  return ANY;
}
