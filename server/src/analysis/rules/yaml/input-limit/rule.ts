import { defineRule } from "../../define-rule.ts";
import { LIMITS } from "../../../documents/limits.ts";
import type { InputProblem } from "../../../documents/parse.ts";

export default defineRule<{ problem: InputProblem["kind"] }>({
  id: "yaml/input-limit",
  appliesTo: "all",
  scope: "file",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "The file is binary, too large, too deeply nested or expands too many aliases to analyse safely.",
    why: "Such input would stall the editor; Shipshape skips it and says so instead of silently showing nothing.",
    invalid: { path: "bomb.yaml", text: bombExample() },
    valid: { path: "small.yaml", text: "base: &base [1, 2]\nuse: *base\n" },
  },
  check({ file, report }) {
    for (const problem of file.problems) {
      const at: [number, number] = "offset" in problem ? [problem.offset, problem.offset + 1] : [0, 0];
      report({ at, message: messageFor(problem), data: { problem: problem.kind } });
    }
  },
});

function messageFor(problem: InputProblem): string {
  switch (problem.kind) {
    case "binary":
      return "This file looks binary (it contains NUL characters), so Shipshape does not analyse it.";
    case "too-large":
      return `This file is ${(problem.bytes / 1024 / 1024).toFixed(1)} MB, over the ${LIMITS.maxFileBytes / 1024 / 1024} MB that Shipshape analyses, so it is skipped. Split it or add it to "ignore" in .shipshape.yaml.`;
    case "too-deep":
      return `Nesting here goes deeper than ${LIMITS.maxNestingDepth} levels, so Shipshape does not analyse this file.`;
    case "alias-limit":
      return `Aliases in this document expand to more than ${LIMITS.maxAliasCount} nodes, the pattern of an alias bomb, so its content is not checked.`;
  }
  return "This file cannot be analysed.";
}

function bombExample(): string {
  const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level < 6; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}
