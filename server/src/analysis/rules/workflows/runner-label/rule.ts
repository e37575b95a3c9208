import { isMap, isScalar, isSeq, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { HOSTED_LABELS, RETIRED_LABELS, SELF_HOSTED_LABELS } from "../../../workflows/runners.ts";

type Problem = "unknown" | "retired" | "conflict";

interface Data {
  problem: Problem;
  label: string;
  replacement?: string;
  range?: import("../../../types.ts").Range;
}

export default defineRule<Data>({
  id: "workflows/runner-label",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "runs-on names a runner label that GitHub does not host (or has retired), or two GitHub-hosted images at once.",
    why: "A job whose labels no runner has waits in the queue until it times out after a day. Labels of your own runners go in the rule's `labels` option.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-20.04\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const custom = new Set((Array.isArray(context.options.labels) ? context.options.labels : []).map((label) => String(label).toLowerCase()));
    const { file } = context;
    for (const job of workflowOf(context).jobs) {
      let runsOn: AnyNode = getNode(job.node, "runs-on");
      if (isMap(runsOn)) runsOn = getNode(runsOn, "labels");
      const labels: Scalar[] = isScalar(runsOn) ? [runsOn] : isSeq(runsOn) ? runsOn.items.filter((item): item is Scalar => isScalar(item)) : [];
      const values = labels.filter((label) => typeof label.value === "string" && label.range && !label.value.includes("${{"));
      const selfHosted = values.some((label) => String(label.value).toLowerCase() === "self-hosted");
      const hosted: Scalar[] = [];
      for (const label of values) {
        const name = String(label.value);
        const lower = name.toLowerCase();
        const at: [number, number] = [label.range![0], label.range![1]];
        if (HOSTED_LABELS.has(lower)) {
          hosted.push(label);
          continue;
        }
        if (lower in RETIRED_LABELS) {
          const replacement = RETIRED_LABELS[lower]!;
          context.report({ at, message: `GitHub has retired the ${name} runner image, so this job never starts. Use ${replacement} or a current version.`, data: { problem: "retired", label: name, replacement, range: file.lines.rangeOf(...at) } });
          continue;
        }
        if (name === "" || selfHosted || SELF_HOSTED_LABELS.has(lower) || custom.has(lower)) continue;
        const suggestion = closestMatches(name, HOSTED_LABELS, 1)[0];
        const data: Data = { problem: "unknown", label: name, range: file.lines.rangeOf(...at) };
        if (suggestion) data.replacement = suggestion;
        context.report({
          at,
          message: `No GitHub-hosted runner has the label "${name}", so unless a self-hosted runner does, the job waits in the queue and never starts.${suggestion ? ` Did you mean "${suggestion}"?` : ""} List your own labels in the rule's labels option.`,
          data,
        });
      }
      for (const label of hosted.slice(1).filter((other) => familyOf(String(other.value)) !== familyOf(String(hosted[0]!.value)))) {
        context.report({ at: [label.range![0], label.range![1]], message: `runs-on asks for both ${String(hosted[0]!.value)} and ${String(label.value)}; no runner has both images, so the job never starts. To run on each, use a matrix.`, data: { problem: "conflict", label: String(label.value) } });
      }
      // A matrix that feeds runs-on with a hosted label beside another hosted label conflicts the same way.
      if (hosted.length === 1 && labels.some((label) => typeof label.value === "string" && /matrix\./.test(label.value))) {
        for (const row of isMap(job.matrix) ? job.matrix.items : []) {
          for (const item of isSeq(row.value) ? row.value.items : []) {
            if (isScalar(item) && typeof item.value === "string" && item.range && (HOSTED_LABELS.has(item.value.toLowerCase()) || SELF_HOSTED_LABELS.has(item.value.toLowerCase())) && familyOf(item.value) !== undefined && familyOf(item.value) !== familyOf(String(hosted[0]!.value))) {
              context.report({ at: [item.range[0], item.range[1]], message: `This matrix value goes into runs-on beside ${String(hosted[0]!.value)}; no runner has both, so that job never starts.`, data: { problem: "conflict", label: item.value } });
            }
          }
        }
      }
    }
  },
  fix(data, { text, lines }) {
    if (!data.replacement || !data.range || data.problem === "conflict") return [];
    const current = text.slice(lines.offsetAt(data.range.start), lines.offsetAt(data.range.end));
    if (current.replace(/^['"]|['"]$/g, "") !== data.label) return [];
    const quote = /^['"]/.test(current) ? current[0] : "";
    return [{ title: `Change to ${data.replacement}`, safe: false, edits: [{ range: data.range, newText: `${quote}${data.replacement}${quote}` }] }];
  },
});

/** The operating system a label stands for; labels of one system go together (ubuntu-latest with linux). */
function familyOf(label: string): "linux" | "windows" | "macos" | undefined {
  const lower = label.toLowerCase();
  if (lower.startsWith("ubuntu") || lower === "linux") return "linux";
  if (lower.startsWith("windows")) return "windows";
  if (lower.startsWith("macos")) return "macos";
  return undefined;
}
