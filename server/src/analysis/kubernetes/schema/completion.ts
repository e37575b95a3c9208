import { isScalar, type Node, type YAMLMap } from "yaml";
import type { Position, Range, SourceFile } from "../../types.ts";
import type { KubernetesEnvironment } from "../environment.ts";
import { mappingAt, tokenAt, type LineStarts } from "./cursor.ts";
import { fieldInfo, type FieldInfo } from "./field-info.ts";
import { yamlScalar } from "../../documents/scalar-text.ts";
import { lineContextAt, lineStartOf, type KeyContext, type ValueContext } from "./line-context.ts";
import { manifestAtCursor, type SchemaAssistOptions } from "./manifest-at.ts";
import { resourceOnSteps, schemaAtPath } from "./schema-path.ts";
import { apiVersionItems, kindItems } from "./type-completion.ts";
import type { SchemaNode } from "./types.ts";
import { derefSchema } from "./validate.ts";

/**
 * Completion for Kubernetes manifests, from the schema of the target version or of the
 * CRD that defines the resource. In a mapping: the keys the schema allows there that are
 * not written yet, required ones first. After `key: `: the field's allowed values, the
 * kinds the target version serves for `kind`, and the served apiVersions for
 * `apiVersion`. It works on half-typed lines, deciding the mapping by indentation.
 */
export interface SchemaCompletionList {
  /** The text every item replaces: the word or value being typed. */
  range: Range;
  items: SchemaCompletionItem[];
}

export interface SchemaCompletionItem {
  label: string;
  kind: "field" | "value" | "kind" | "apiVersion";
  /** Plain text, with absolute indentation on any line after the first. */
  newText: string;
  /** The field's type, or the apiVersions a kind is served as. */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  required: boolean;
  deprecated: boolean;
  sortText: string;
}

/** The completions at a position of a file, or `undefined` when there are none. Never throws. */
export function kubernetesCompletion(source: SourceFile, position: Position, options: SchemaAssistOptions): SchemaCompletionList | undefined {
  try {
    const at = manifestAtCursor(source, position, options);
    if (!at) return undefined;
    const found = completionAt(at.document.yaml.contents, at.text, at.offset, at.environment);
    return found && { range: at.lines.rangeOf(at.base + found.at[0], at.base + found.at[1]), items: found.items };
  } catch {
    return undefined;
  }
}

/** The completions at an offset of a parsed document, with the offsets of the text they replace. */
export function completionAt(
  root: Node | null | undefined,
  text: string,
  offset: number,
  environment: KubernetesEnvironment,
): { at: [number, number]; items: SchemaCompletionItem[] } | undefined {
  const context = lineContextAt(text, offset);
  if (!context) return undefined;
  // Inside a block scalar or a multi-line plain value, the line is text, not YAML structure.
  const token = tokenAt(root, offset);
  const lineStart = lineStartOf(text, offset);
  if (token?.part === "value" && (token.scalar.range?.[0] ?? offset) < lineStart) return undefined;

  const lines = lineStartsOf(text);
  const items = context.mode === "key" ? keyItems(root, text, context, lines, environment) : valueItems(root, context, lines, environment);
  if (!items || items.length === 0) return undefined;
  return { at: context.mode === "key" ? context.word : context.value, items };
}

function keyItems(root: Node | null | undefined, text: string, context: KeyContext, lines: LineStarts, environment: KubernetesEnvironment): SchemaCompletionItem[] | undefined {
  const hit = mappingAt(root, lines, context.word[0], context.column);
  if (!hit) return undefined;
  const located = resourceOnSteps(root, hit.steps, environment);
  if (!located) return undefined;
  const { resolveRef } = located;
  const present = presentKeys(hit.map, context.word);

  let container = derefSchema(schemaAtPath(located.schema, located.path, resolveRef).schema, resolveRef);
  // A list field with nothing in it yet: the line starts its first item.
  let itemMarker = false;
  if (!hit.map && container?.type === "array" && container.items) {
    container = derefSchema(container.items, resolveRef);
    itemMarker = true;
  }
  const atRoot = hit.map !== undefined && hit.map === located.resource.map;
  const properties: Record<string, SchemaNode> = { ...(atRoot ? ROOT_FIELDS : {}), ...(container?.properties ?? {}) };

  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const items: SchemaCompletionItem[] = [];
  for (const [key, schema] of Object.entries(properties)) {
    // At a resource's root, `status` is left out: the API server writes it, a manifest does not.
    if (present.has(key) || (atRoot && key === "status")) continue;
    const info = fieldInfo(schema, container, key, resolveRef);
    if (atRoot && (key === "apiVersion" || key === "kind")) info.required = true;
    items.push({
      label: key,
      kind: "field",
      newText: insertion(key, info, context, itemMarker, eol),
      detail: info.type,
      documentation: fieldDocumentation(info),
      required: info.required,
      deprecated: info.deprecated,
      sortText: `${info.required ? 0 : info.deprecated ? 2 : 1}${key}`,
    });
  }
  return items;
}

function valueItems(root: Node | null | undefined, context: ValueContext, lines: LineStarts, environment: KubernetesEnvironment): SchemaCompletionItem[] | undefined {
  const hit = mappingAt(root, lines, context.value[0], context.column);
  if (!hit?.map) return undefined;
  const located = resourceOnSteps(root, hit.steps, environment);
  if (!located) return undefined;
  if (hit.map === located.resource.map && context.key === "kind") return kindItems(located.resource, environment);
  if (hit.map === located.resource.map && context.key === "apiVersion") return apiVersionItems(located.resource, environment);

  const { schema, parent } = schemaAtPath(located.schema, [...located.path, context.key], located.resolveRef);
  if (!schema) return undefined;
  const info = fieldInfo(schema, parent, context.key, located.resolveRef);
  const target = derefSchema(schema, located.resolveRef);
  const values = info.enum ?? (target?.type === "boolean" ? [true, false] : []);
  return values.map((value, index) => ({
    label: yamlScalar(value),
    kind: "value",
    newText: context.quoted ? String(value) : yamlScalar(value),
    detail: info.type,
    documentation: info.description,
    required: false,
    deprecated: false,
    sortText: String(index).padStart(4, "0"),
  }));
}

/** `apiVersion` and `kind` belong at every resource's root, even when its schema is unknown or leaves them out. */
const ROOT_FIELDS: Record<string, SchemaNode> = {
  apiVersion: { type: "string", description: "The versioned schema of this object, as `apps/v1`, or `v1` for the core group." },
  kind: { type: "string", description: "The type of this object, as `Deployment`." },
};

/**
 * The text for a key, ready for its value: a mapping or a list goes on the next line,
 * indented two more columns than the key, so the cursor lands where the value starts.
 */
function insertion(key: string, info: FieldInfo, context: KeyContext, itemMarker: boolean, eol: string): string {
  const prefix = itemMarker ? "- " : "";
  if (context.hasColon) return prefix + key;
  const indent = " ".repeat(context.column + (itemMarker ? 2 : 0) + 2);
  if (info.shape === "mapping") return `${prefix}${key}:${eol}${indent}`;
  if (info.shape === "list") return `${prefix}${key}:${eol}${indent}- `;
  return `${prefix}${key}: `;
}

function fieldDocumentation(info: FieldInfo): string | undefined {
  const parts: string[] = [];
  if (info.enum && info.enum.length > 0) parts.push(`Allowed values: ${info.enum.map((value) => `\`${yamlScalar(value)}\``).join(", ")}`);
  if (info.description) parts.push(info.description);
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** The keys a mapping has, leaving out the one being typed. */
function presentKeys(map: YAMLMap | undefined, word: [number, number]): Set<string> {
  const keys = new Set<string>();
  for (const pair of map?.items ?? []) {
    if (!isScalar(pair.key)) continue;
    const start = pair.key.range?.[0];
    if (start !== undefined && start >= word[0] && start <= word[1]) continue;
    keys.add(String(pair.key.value));
  }
  return keys;
}

function lineStartsOf(text: string): LineStarts {
  return { columnOf: (offset) => offset - lineStartOf(text, offset) };
}
