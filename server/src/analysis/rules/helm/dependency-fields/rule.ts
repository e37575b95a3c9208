import { defineRule } from "../../define-rule.ts";
import { chartMap, keySpan } from "../../../helm/metadata-fields.ts";
import { dependencyEntries, isVendored } from "../../../helm/dependencies.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { isSeq, type Node, type Pair } from "yaml";
import type { TextEdit } from "../../../types.ts";
import type { LineIndex } from "../../../documents/line-index.ts";

interface Data {
  name: string | undefined;
  problem: "name" | "version" | "repository" | "duplicate";
  /** Removes a repeated dependency. */
  removal: PlannedEdits | undefined;
}

export default defineRule<Data>({
  id: "helm/dependency-fields",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A chart dependency lacks its `name`, `version` or `repository`, or is listed twice.",
    why:
      "`helm dependency build` needs each dependency's name, version (or range) and repository to fetch it; only a chart already vendored in `charts/` can leave out the repository and version. A dependency listed twice under one name (or alias) makes Helm refuse the chart; give the second an `alias` or remove it.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n" },
    valid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n" },
  },
  check({ document, file, chart, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const seen = new Set<string>();
    for (const entry of dependencyEntries(map)) {
      const at = keySpan(entry.anchor);
      if (entry.name === undefined) {
        report({ at, message: "This dependency has no name, so Helm cannot resolve it. Add the chart's name.", data: { name: undefined, problem: "name", removal: undefined } });
        continue;
      }
      const vendored = isVendored(chart, entry.name);
      if (entry.version === undefined && !vendored) {
        report({ at, message: `The dependency ${entry.name} has no version, so helm dependency build cannot pick one. Add a version or range.`, data: { name: entry.name, problem: "version", removal: undefined } });
      }
      if (entry.repository === undefined && !vendored) {
        report({ at, message: `The dependency ${entry.name} has no repository and is not in charts/, so Helm cannot find it. Add its repository.`, data: { name: entry.name, problem: "repository", removal: undefined } });
      }
      const effective = entry.alias ?? entry.name;
      if (seen.has(effective)) {
        const removal = planEdits(removeItem(entry.node, map.items, file.lines), entry.node, file.text);
        report({ at, message: `The dependency ${effective} is listed twice, which Helm refuses. Remove one or give it an alias.`, data: { name: effective, problem: "duplicate", removal } });
      }
      seen.add(effective);
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.removal, context);
    return edits ? [{ title: `Remove the repeated dependency ${data.name}`, safe: false, edits }] : [];
  },
});

/** Removes a whole `- name: ...` item of a block sequence, lines included. */
function removeItem(item: Node, pairs: readonly Pair[], lines: LineIndex): TextEdit | undefined {
  const sequence = pairs.map((pair) => pair.value).find((value) => isSeq(value) && value.items.includes(item));
  if (!isSeq(sequence) || sequence.flow || !item.range) return undefined;
  const startLine = lines.positionAt(item.range[0]).line;
  const start = lines.lineStarts[startLine]!;
  if (!/^\s*-\s*$/.test(lines.text.slice(start, item.range[0]))) return undefined;
  const index = sequence.items.indexOf(item);
  const next = sequence.items[index + 1] as Node | undefined;
  const end = next?.range ? lines.lineStarts[lines.positionAt(next.range[0]).line]! : (() => {
    const endLine = lines.positionAt(Math.max(item.range![0], item.range![1] - 1)).line;
    return endLine + 1 < lines.lineCount ? lines.lineStarts[endLine + 1]! : lines.text.length;
  })();
  return { range: lines.rangeOf(start, end), newText: "" };
}
