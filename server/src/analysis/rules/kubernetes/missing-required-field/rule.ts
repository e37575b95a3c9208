import { isMap, isScalar, type Node, type YAMLMap } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { refResolverFor, schemaReportOf } from "../../../kubernetes/schema/document-issues.ts";
import { derefSchema, type MissingRequired } from "../../../kubernetes/schema/validate.ts";
import { getIn, getNode, scalarString } from "../../../documents/ast.ts";
import { insertIntoBlockMap, type InsertTree } from "../../../edits/block-map.ts";
import type { SchemaNode } from "../../../kubernetes/schema/types.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  field: string;
  /** Inserts the field with a placeholder; absent when the mapping's shape cannot be edited safely. */
  insertion?: TextEdit[];
  placeholder?: string;
}

export default defineRule<Data>({
  id: "kubernetes/missing-required-field",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A mapping lacks a field that the schema requires.",
    why: "The API server rejects an object without its required fields, so the apply fails in the pipeline rather than in review.",
    invalid: {
      path: "deployment.yaml",
      text:
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - image: nginx:1.27\n",
    },
    valid: {
      path: "deployment.yaml",
      text:
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
  },
  check(context) {
    const { report, file, kubernetes } = context;
    const resolveRef = refResolverFor(kubernetes);
    for (const issue of schemaReportOf(context).issues) {
      if (issue.kind !== "missing-required") continue;
      const anchor = anchorOf(issue);
      const placeholder = placeholderFor(issue, derefSchema(issue.schema, resolveRef) ?? {});
      const data: Data = { field: issue.field };
      const insertion = insertIntoBlockMap(issue.map, { [issue.field]: placeholder }, file.lines);
      if (insertion) {
        data.insertion = insertion;
        data.placeholder = typeof placeholder === "string" ? placeholder : "a value";
      }
      const where = issue.path === "" ? "The resource" : `\`${issue.path}\``;
      report({ at: anchor, message: `${where} is missing the required field \`${issue.field}\`.`, data });
    }
  },
  fix(data) {
    if (!data.insertion) return [];
    return [{ title: `Add ${data.field}`, safe: false, edits: data.insertion }];
  },
});

/** The key that holds the mapping, else the mapping's first key, so the squiggle sits on one line. */
function anchorOf(issue: MissingRequired): [number, number] {
  const target = (issue.parentKey ?? issue.map.items[0]?.key ?? issue.map) as Node;
  const range = target.range ?? [0, 0];
  return [range[0], range[1]];
}

/**
 * What the fix writes: a value worked out from the object when the intent is clear (a
 * container named after its image, a selector matching the pod template's labels), else
 * an empty value of the right type for the author to fill in.
 */
function placeholderFor(issue: MissingRequired, schema: SchemaNode): string | InsertTree {
  if (issue.field === "name" && /containers\[\d+\]$/.test(issue.path)) {
    const image = scalarString(getNode(issue.map, "image"));
    const name = image?.split("@")[0]!.split(":")[0]!.split("/").pop()?.toLowerCase().replace(/[^a-z0-9-]/g, "-");
    if (name && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) return name;
  }
  if (issue.field === "apiGroup" && issue.path.endsWith("roleRef")) return "rbac.authorization.k8s.io";
  if (issue.field === "selector" && isMap(getNode(issue.map, "template"))) {
    const labels = getIn(issue.map, ["template", "metadata", "labels"]);
    if (isMap(labels) && labels.items.length > 0 && labels.items.every((pair) => isScalar(pair.key) && isScalar(pair.value))) {
      const matchLabels: InsertTree = {};
      for (const pair of (labels as YAMLMap).items) matchLabels[String((pair.key as { value: unknown }).value)] = quoteIfNeeded(String((pair.value as { value: unknown }).value));
      return { matchLabels };
    }
  }
  const type = schema.type ?? (schema.properties || schema.additionalProperties ? "object" : schema.items ? "array" : undefined);
  switch (type) {
    case "object":
      return "{}";
    case "array":
      return "[]";
    case "integer":
    case "number":
      return "0";
    case "boolean":
      return "false";
    default:
      return '""';
  }
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9][-A-Za-z0-9_.]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[-+]?\d[\d._eE+-]*)$/i.test(value) ? value : JSON.stringify(value);
}
