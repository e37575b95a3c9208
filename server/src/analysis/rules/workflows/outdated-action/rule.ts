import { defineRule } from "../../define-rule.ts";
import type { Range } from "../../../types.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { currentMajor, parseActionRef, POPULAR_ACTIONS, TABLE_DATE } from "../../../workflows/popular-actions.ts";

interface Data {
  action: string;
  ref: string;
  current: number;
  /** The ref's range and text, so the fix replaces only an unchanged ref. */
  range: Range;
}

export default defineRule<Data>({
  id: "workflows/outdated-action",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A step uses a major version of a popular action that no longer runs: a node12 or node16 runtime, or a retired service.",
    why: `GitHub's runners no longer ship Node 12 or 16 and the artifact service of upload-artifact@v3 and older is shut down, so these steps fail or run on a forced runtime. Versions are from a table bundled with Shipshape, dated ${TABLE_DATE}.`,
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v2\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n" },
  },
  check(context) {
    const { file } = context;
    for (const job of workflowOf(context).jobs) {
      for (const step of job.steps) {
        const uses = step.uses;
        if (!uses || typeof uses.value !== "string" || !uses.range) continue;
        const parsed = parseActionRef(uses.value);
        if (!parsed || parsed.major === undefined) continue;
        const repo = parsed.name.split("/").slice(0, 2).join("/");
        const entry = POPULAR_ACTIONS[repo];
        const why = entry?.outdated[parsed.major];
        if (!entry || !why) continue;
        const current = currentMajor(repo)!;
        // The ref's place in the source: the scalar's text ends with the ref (before a closing quote).
        const source = file.text.slice(uses.range[0], uses.range[1]);
        const refEnd = uses.range[0] + source.lastIndexOf(parsed.ref) + parsed.ref.length;
        const refStart = refEnd - parsed.ref.length;
        if (source.lastIndexOf(parsed.ref) < 0) continue;
        const reason = why === "retired" ? "relies on a service GitHub has retired, so the step fails" : `runs on ${why === "node12" ? "Node 12" : "Node 16"}, which GitHub's runners no longer provide`;
        context.report({
          at: [uses.range[0], uses.range[1]],
          message: `${parsed.name}@${parsed.ref} ${reason}. Use ${parsed.name}@v${current}, and read its release notes for changed inputs.`,
          severity: why === "retired" ? "error" : undefined,
          data: { action: parsed.name, ref: parsed.ref, current, range: file.lines.rangeOf(refStart, refEnd) },
        });
      }
    }
  },
  fix(data, { text, lines }) {
    if (text.slice(lines.offsetAt(data.range.start), lines.offsetAt(data.range.end)) !== data.ref) return [];
    return [{ title: `Bump ${data.action} to v${data.current}`, safe: false, edits: [{ range: data.range, newText: `v${data.current}` }] }];
  },
});
