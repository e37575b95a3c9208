import { defineRule } from "../../define-rule.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { Range } from "../../../types.ts";

interface Data {
  name: string;
  range: Range;
  suggestion?: string;
  /** The text the scalar is written as, so the fix replaces only an unchanged name. */
  source: string;
}

export default defineRule<Data>({
  id: "workflows/unknown-needs",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A job's needs names a job that the workflow does not define.",
    why: "GitHub rejects the workflow (\"Job depends on unknown job\") and no job runs.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  deploy:\n    needs: biuld\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n" },
  },
  check(context) {
    const { jobs } = workflowOf(context);
    const ids = new Map(jobs.map((job) => [job.id.toLowerCase(), job.id]));
    for (const job of jobs) {
      for (const need of job.needs) {
        if (ids.has(need.name.toLowerCase()) || need.name.includes("${{") || !need.node.range) continue;
        const [start, end] = need.node.range;
        const suggestion = closestMatches(need.name, jobs.filter((other) => other !== job).map((other) => other.id), 1, "name")[0];
        const data: Data = { name: need.name, range: context.file.lines.rangeOf(start, end), source: context.file.text.slice(start, end) };
        if (suggestion) data.suggestion = suggestion;
        context.report({
          at: [start, end],
          message: `Job "${job.id}" needs "${need.name}", which is not a job of this workflow, so GitHub rejects the workflow.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
          data,
        });
      }
    }
  },
  fix(data, { text, lines }) {
    if (!data.suggestion) return [];
    const start = lines.offsetAt(data.range.start);
    if (text.slice(start, lines.offsetAt(data.range.end)) !== data.source) return [];
    const quote = /^["']/.test(data.source) ? data.source[0] : "";
    return [{ title: `Change to ${data.suggestion}`, safe: false, edits: [{ range: data.range, newText: `${quote}${data.suggestion}${quote}` }] }];
  },
});
