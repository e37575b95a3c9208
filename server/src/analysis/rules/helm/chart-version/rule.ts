import { defineRule } from "../../define-rule.ts";
import { HELM_SEMVER, chartMap, field, isUnquotedNonString, keySpan, quoteEdit, valueSpan } from "../../../helm/metadata-fields.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { isScalar } from "yaml";

interface Data {
  version: string | undefined;
  /** Quotes a version YAML reads as a number. */
  quote: PlannedEdits | undefined;
}

export default defineRule<Data>({
  id: "helm/chart-version",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A Chart.yaml has no `version`, or one that is not SemVer.",
    why:
      "Helm requires a SemVer 2 chart version (`1.2.3`, `0.4.0-rc.1`): it orders releases and resolves dependency ranges by it, and refuses the chart otherwise. A version written as a bare number (`version: 1.0`) is a YAML number, not a string, which Helm also refuses.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: latest\n" },
    valid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
  },
  check({ document, file, report }) {
    const map = chartMap(document!);
    if (!map) return;
    const pair = field(map, "version");
    if (!pair) {
      const first = map.items[0];
      report({ at: first ? keySpan(first) : [0, 0], message: "This Chart.yaml has no version, which Helm requires. Add a SemVer version such as 0.1.0.", data: { version: undefined, quote: undefined } });
      return;
    }
    const node = pair.value;
    if (isUnquotedNonString(node)) {
      const written = file.text.slice(node.range![0], node.range![1]);
      const quote = HELM_SEMVER.test(written) ? planEdits(quoteEdit(node, file.lines), node, file.text) : undefined;
      report({ at: valueSpan(pair), message: `The version ${written} is read as a YAML number, not a string, so Helm refuses it. Quote it.`, data: { version: written, quote } });
      return;
    }
    const version = isScalar(node) && typeof node.value === "string" ? node.value : undefined;
    if (version !== undefined && HELM_SEMVER.test(version)) return;
    report({ at: valueSpan(pair), message: `The chart version ${version ?? "(empty)"} is not SemVer, so Helm refuses the chart. Use a version such as 1.0.0.`, data: { version, quote: undefined } });
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.quote, context);
    return edits ? [{ title: `Quote version ${data.version}`, safe: true, edits }] : [];
  },
});
