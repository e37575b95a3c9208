import { isScalar, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { apiObjectsIn } from "../../../kubernetes/values/objects.ts";
import { labelValueProblem, qualifiedNameProblem, repairLabelValue, repairQualifiedName } from "../../../kubernetes/values/names.ts";
import { editsOf, isYaml11Boolean, nonStringSource, plainString, quoteScalar, replaceScalar, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { schemaReportedValues } from "../../../kubernetes/values/schema-overlap.ts";
import { entriesOf, type Entry } from "../../../kubernetes/values/walk.ts";
import { labelMapsOf, type MapRole } from "./sites.ts";

interface Data {
  problem: "key" | "value" | "not-a-string";
  /** The key or value as written. */
  text: string;
  correction?: { text: string; safe: boolean; replacement: Replacement };
}

export default defineRule<Data>({
  id: "kubernetes/invalid-label",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A label or annotation key, or a label value, that Kubernetes rejects, or a label or annotation value that is not a string.",
    why:
      "Label keys are an optional DNS-subdomain prefix and a name of at most 63 letters, digits, '-', '_' and '.'; label values follow the same rule for the name and may be empty. Labels, selectors, node selectors and annotations map strings to strings, and kubectl reads YAML 1.1, where an unquoted `yes`, `on` or `1_000` is a boolean or a number: the API server refuses the whole object. (Where the schemas are loaded, kubernetes/invalid-type reports values such as `true` or `1.0` that every YAML reader takes for non-strings.)",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web server\n    enabled: yes\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web-server\n    enabled: \"yes\"\n    tier: \"\"\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
  },
  check(context) {
    const { file, report } = context;
    const reported = schemaReportedValues(context);
    for (const object of apiObjectsIn(context)) {
      for (const site of labelMapsOf(object)) {
        for (const entry of entriesOf(site.map)) {
          const keyProblem = qualifiedNameProblem(entry.key, site.role === "annotations");
          if (keyProblem) {
            const repaired = repairQualifiedName(entry.key, site.role === "annotations");
            const replacement = repaired === undefined ? undefined : replaceScalar(entry.keyNode, repaired, file.text);
            const data: Data = { problem: "key", text: entry.key };
            if (repaired !== undefined && replacement) data.correction = { text: repaired, safe: false, replacement };
            report({ at: [entry.keyNode.range![0], entry.keyNode.range![1]], message: `"${entry.key}" is not a valid ${keyNoun(site.role)}: ${keyProblem}.`, data });
          }
          if (!reported.has(entry.value)) checkValue(entry, site.role, file.text, report);
        }
      }
    }
  },
  fix(data, context) {
    if (!data.correction) return [];
    const edits = editsOf([data.correction.replacement], context);
    if (!edits) return [];
    const title = data.problem === "not-a-string" ? `Quote ${data.text}` : data.problem === "key" ? `Rename to ${data.correction.text}` : `Change to ${data.correction.text}`;
    return [{ title, safe: data.correction.safe, edits }];
  },
});

function checkValue(entry: Entry, role: MapRole, text: string, report: (entry: { at: [number, number]; message: string; data: Data }) => void): void {
  const node = entry.value;
  if (!isScalar(node) || !node.range) return;
  const at: [number, number] = [node.range[0], node.range[1]];
  const source = nonStringSource(node, text);
  if (source !== undefined) {
    const replacement = quoteScalar(node, text);
    const data: Data = { problem: "not-a-string", text: source };
    // Quoting keeps what the author wrote; for labels it helps only when the text is a valid label value.
    if (replacement && (role === "annotations" || labelValueProblem(source) === undefined)) data.correction = { text: source, safe: true, replacement };
    report({ at, message: notAStringMessage(source, node, entry.key, role), data });
    return;
  }
  if (role === "annotations") return;
  const value = plainString(node);
  if (!value) return;
  const problem = labelValueProblem(value.value);
  if (!problem) return;
  const repaired = repairLabelValue(value.value);
  const replacement = repaired === undefined ? undefined : replaceScalar(value, repaired, text);
  const data: Data = { problem: "value", text: value.value };
  if (repaired !== undefined && replacement) data.correction = { text: repaired, safe: false, replacement };
  report({ at, message: `"${value.value}" is not a valid ${valueNoun(role)} for "${entry.key}": ${problem}.`, data });
}

function notAStringMessage(source: string, node: Scalar, key: string, role: MapRole): string {
  const what = typeof node.value === "number" ? "a number" : typeof node.value === "boolean" ? "a boolean" : isYaml11Boolean(source) ? "a boolean to kubectl's YAML 1.1 reader" : "a number to kubectl's YAML 1.1 reader";
  const values = role === "annotations" ? "annotation values" : `${valueNoun(role)}s`;
  return `The value of "${key}" is ${what}, not a string, and Kubernetes accepts only strings as ${values}; quote it: "${source}".`;
}

function keyNoun(role: MapRole): string {
  switch (role) {
    case "labels":
      return "label key";
    case "annotations":
      return "annotation key";
    case "selector":
      return "label key in this selector";
    case "node-selector":
      return "node label key in this node selector";
  }
}

function valueNoun(role: MapRole): string {
  switch (role) {
    case "node-selector":
      return "node label value";
    default:
      return "label value";
  }
}
