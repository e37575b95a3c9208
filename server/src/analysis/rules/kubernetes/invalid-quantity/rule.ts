import { isScalar, Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { apiObjectsIn } from "../../../kubernetes/values/objects.ts";
import {
  isIntegerResourceName,
  numberProblem,
  quantityProblem,
  suggestQuantities,
  type QuantityProblem,
} from "../../../kubernetes/values/quantity.ts";
import { editsOf, isTemplated, replaceScalar, yaml11Number, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { quantitySitesOf, type QuantitySite } from "./sites.ts";

interface Data {
  /** The value as written. */
  value: string;
  resource: string;
  problem: QuantityProblem;
  /** Corrections, best first, each with the replacement that writes it. */
  corrections: Array<{ value: string; safe: boolean; replacement: Replacement }>;
}

export default defineRule<Data>({
  id: "kubernetes/invalid-quantity",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A resource quantity that Kubernetes cannot parse, or that it rejects as negative or fractional.",
    why:
      "Quantities such as `memory: 512MB` or `cpu: 0.5cpu` look right but are not Kubernetes quantities: suffixes are case-sensitive (`Mi`, `M`, `m` are three different things) and words are not units. The API server refuses the whole object, so the workload is never created or updated.",
    invalid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 0.5cpu\n          memory: 512MB\n",
    },
    valid: {
      path: "pod.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 500m\n          memory: 512Mi\n",
    },
  },
  check(context) {
    const { file, report } = context;
    for (const object of apiObjectsIn(context)) {
      for (const site of quantitySitesOf(object)) {
        const found = problemAt(site, file.text);
        if (!found) continue;
        const { node, value, problem } = found;
        // A sizeLimit has no resource name, but it is a size in bytes like storage.
        const corrections =
          problem === "syntax"
            ? suggestQuantities(value, site.named ? site.resource : "storage").flatMap((suggestion) => {
                const replacement = replaceScalar(node, suggestion.value, file.text, true);
                return replacement ? [{ ...suggestion, replacement }] : [];
              })
            : [];
        report({
          at: [node.range![0], node.range![1]],
          message: messageFor(value, site.resource, problem, corrections[0]?.value),
          data: { value, resource: site.resource, problem, corrections },
        });
      }
    }
  },
  fix(data, context) {
    return data.corrections.flatMap((correction) => {
      const edits = editsOf([correction.replacement], context);
      return edits ? [{ title: `Change to ${correction.value}`, safe: correction.safe, edits }] : [];
    });
  },
});

/** The problem with a site's value, if any; templated values and non-scalars are left alone. */
function problemAt(site: QuantitySite, text: string): { node: Scalar; value: string; problem: QuantityProblem } | undefined {
  const node = site.value;
  if (!isScalar(node) || !node.range) return undefined;
  const integer = site.named && isIntegerResourceName(site.resource);
  const source = text.slice(node.range[0], node.range[1]);
  let problem: QuantityProblem | undefined;
  if (typeof node.value === "number") {
    problem = numberProblem(node.value, integer);
  } else if (typeof node.value === "string") {
    if (isTemplated(node.value)) return undefined;
    // kubectl reads YAML 1.1, where a plain `1_000` is the number 1000.
    const legacyNumber = node.type === Scalar.PLAIN ? yaml11Number(source) : undefined;
    problem = legacyNumber !== undefined ? numberProblem(legacyNumber, integer) : quantityProblem(node.value, integer);
  }
  if (!problem) return undefined;
  return { node, value: typeof node.value === "string" ? node.value : source, problem };
}

function messageFor(value: string, resource: string, problem: QuantityProblem, suggestion: string | undefined): string {
  switch (problem) {
    case "syntax":
      return (
        `"${value}" is not a quantity Kubernetes accepts for ${resource}: write a number and a case-sensitive suffix, ` +
        `one of m, k, M, G, T (powers of 10) or Ki, Mi, Gi, Ti (powers of 2), with no spaces.` +
        (suggestion === undefined ? "" : ` Did you mean ${suggestion}?`)
      );
    case "negative":
      return `"${value}" is negative, and Kubernetes rejects negative quantities for ${resource}.`;
    case "fraction":
      return `"${value}" is not a whole number, and Kubernetes accepts only whole numbers for ${resource}.`;
  }
}
