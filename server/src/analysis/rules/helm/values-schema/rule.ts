import { isMap, isScalar, type Node, type Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { nodeAtPath, schemaProblems, type SchemaProblem } from "../../../helm/values-schema.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { nodeSpan } from "../../../documents/ast.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { ParsedFile } from "../../../documents/parse.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  keyword: string;
  path: Array<string | number>;
  fix: { title: string; plan: PlannedEdits } | undefined;
}

export default defineRule<Data>({
  id: "helm/values-schema",
  appliesTo: ["chart-values"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A values file does not match the chart's `values.schema.json`.",
    why:
      "Helm validates the values against the chart's schema before it renders anything: `helm install`, `upgrade`, `template` and `lint` all fail on a wrong type, a value outside an enum or a missing required key. Draft-07 and 2020-12 schemas are read; `format` is not checked. Overrides such as `values-prod.yaml` are checked merged over `values.yaml`, and only for the keys they set.",
    invalid: {
      path: "chart/values.yaml",
      text: 'replicaCount: "2"\nservice:\n  type: ClusterIp\n',
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/values.schema.json", text: '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"replicaCount": {"type": "integer"}, "service": {"type": "object", "properties": {"type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]}}}}}' },
      ],
    },
    valid: {
      path: "chart/values.yaml",
      text: "replicaCount: 2\nservice:\n  type: ClusterIP\n",
      files: [
        { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\n" },
        { path: "chart/values.schema.json", text: '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"replicaCount": {"type": "integer"}, "service": {"type": "object", "properties": {"type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]}}}}}' },
      ],
    },
  },
  check({ file, document, chart, report }) {
    if (!chart?.schemaText || document!.index > 0 || document!.yaml.errors.length > 0) return;
    const own = document!.value;
    // A document that could not be converted has nothing to validate; a missing key would be reported for nothing.
    if (own === undefined) return;
    const base = chart.valuesFiles.find((values) => values.path.endsWith("/values.yaml") && values.path === `${chart.root}/values.yaml`);
    const isBase = file.path === `${chart.root}/values.yaml`;
    let value: unknown = own;
    if (!isBase && base?.document) {
      value = merge(safeValue(base.document), own);
    }
    for (const problem of schemaProblems(chart.schemaText, value)) {
      // An override is judged on what it sets: whatever it leaves out comes from values.yaml.
      if (!isBase && problem.keyword === "required") continue;
      const at = nodeAtPath(document!.yaml, problem.path);
      if (!at) continue;
      if (isScalar(at.node) && (at.node.value === null || (typeof at.node.value === "string" && at.node.value.includes("{{")))) continue;
      if (at.node === null && problem.keyword !== "required") continue;
      const shown = problem.path.length > 0 ? problem.path.join(".") : "The values";
      let span: [number, number];
      let message: string;
      if (problem.keyword === "required") {
        span = at.keyNode ? nodeSpan(at.keyNode) : firstKeySpan(at.node) ?? [0, 0];
        message = `${problem.path.length > 0 ? shown : "The values"} must have ${problem.property}, as the chart's values.schema.json requires; Helm refuses to render without it.`;
      } else if (problem.keyword === "additionalProperties") {
        const extra = nodeAtPath(document!.yaml, [...problem.path, problem.property!]);
        span = extra?.keyNode ? nodeSpan(extra.keyNode) : at.node ? nodeSpan(at.node) : [0, 0];
        message = `${problem.path.length > 0 ? shown : "The values"} may not have ${problem.property}: the chart's values.schema.json does not allow it, so Helm refuses to render.`;
      } else {
        span = at.node ? nodeSpan(at.node) : at.keyNode ? nodeSpan(at.keyNode) : [0, 0];
        message = `${shown} ${problem.message}, as the chart's values.schema.json says; Helm refuses to render with this value.`;
      }
      report({ at: span, message, data: { keyword: problem.keyword, path: problem.path, fix: fixFor(problem, at.node, file) } });
    }
  },
  fix(data, context) {
    if (!data.fix) return [];
    const edits = plannedEditsIn(data.fix.plan, context);
    return edits ? [{ title: data.fix.title, safe: false, edits }] : [];
  },
});

function fixFor(problem: SchemaProblem, node: Node | null, file: ParsedFile): Data["fix"] {
  const schema = (problem.schema ?? {}) as Record<string, unknown>;
  if (problem.keyword === "type" && isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && typeof node.value === "string") {
    const types = ([] as unknown[]).concat(schema.type ?? []);
    const text = node.value.trim();
    const numeric = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text);
    const fits = (types.includes("integer") && /^-?\d+$/.test(text)) || (types.includes("number") && numeric) || (types.includes("boolean") && (text === "true" || text === "false"));
    if (!fits) return undefined;
    const plan = planEdits(replace(node, text, file), node, file.text);
    return plan ? { title: `Write ${text} without quotes`, plan } : undefined;
  }
  if (problem.keyword === "enum" && isScalar(node) && Array.isArray(schema.enum)) {
    const options = schema.enum.filter((option): option is string => typeof option === "string");
    const suggestion = closestMatches(String(node.value), options)[0];
    if (suggestion === undefined) return undefined;
    const plan = planEdits(replace(node, suggestion, file), node, file.text);
    return plan ? { title: `Use ${suggestion}`, plan } : undefined;
  }
  if (problem.keyword === "required" && problem.property && isMap(node) && !node.flow && node.items.length > 0) {
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const edits = insertIntoBlockMap(node, { [problem.property]: placeholderFor(properties[problem.property]) }, file.lines);
    const plan = edits ? planEdits(edits, node, file.text) : undefined;
    return plan ? { title: `Add ${problem.property}`, plan } : undefined;
  }
  return undefined;
}

function replace(node: Scalar, text: string, file: ParsedFile): TextEdit {
  const [start, end] = nodeSpan(node);
  return { range: file.lines.rangeOf(start, end), newText: text };
}

/** The schema's default for a missing key, else an empty value of its type. */
function placeholderFor(schema: Record<string, unknown> | undefined): string {
  const fallback = '""';
  if (!schema) return fallback;
  if (schema.default !== undefined && (typeof schema.default !== "object" || schema.default === null)) return JSON.stringify(schema.default);
  const type = ([] as unknown[]).concat(schema.type ?? [])[0];
  switch (type) {
    case "object":
      return "{}";
    case "array":
      return "[]";
    case "boolean":
      return "false";
    case "integer":
    case "number":
      return "0";
    default:
      return fallback;
  }
}

function firstKeySpan(node: Node | null): [number, number] | undefined {
  if (!isMap(node) || node.items.length === 0) return undefined;
  return nodeSpan(node.items[0]!.key as Node);
}

function safeValue(document: { toJS(options: { maxAliasCount: number }): unknown }): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch {
    return {};
  }
}

/** Helm's coalescing, roughly: mappings merge key by key and the override wins everywhere else. */
function merge(base: unknown, override: unknown): unknown {
  if (!isRecord(base) || !isRecord(override)) return override === undefined ? base : override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = key in base ? merge(base[key], value) : value;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
