import type { Node } from "yaml";
import type { Position, Range, SourceFile } from "../../types.ts";
import type { KubernetesEnvironment } from "../environment.ts";
import { servedTypes, type ResourceNode } from "../resources.ts";
import { tokenAt, type Segment } from "./cursor.ts";
import { fieldInfo, sourceOf, type FieldInfo } from "./field-info.ts";
import { yamlScalar } from "../../documents/scalar-text.ts";
import { manifestAtCursor, type SchemaAssistOptions } from "./manifest-at.ts";
import { resourceOnSteps, schemaAtPath } from "./schema-path.ts";

/**
 * Hover for Kubernetes manifests, from the schema of the target version or of the CRD
 * that defines the resource: on a key, the field's path, type, whether it is required,
 * its allowed values and its description; on a value, the same for its field; on the
 * values of `apiVersion` and `kind`, the resource type itself.
 */
export interface SchemaHover {
  markdown: string;
  /** The key or value the hover is about. */
  range: Range;
}

/** The hover at a position of a file, or `undefined` when there is nothing to say. Never throws. */
export function kubernetesHover(source: SourceFile, position: Position, options: SchemaAssistOptions): SchemaHover | undefined {
  try {
    const at = manifestAtCursor(source, position, options);
    if (!at) return undefined;
    const hover = hoverAt(at.document.yaml.contents, at.offset, at.environment);
    return hover && { markdown: hover.markdown, range: at.lines.rangeOf(at.base + hover.at[0], at.base + hover.at[1]) };
  } catch {
    return undefined;
  }
}

/** The hover at an offset of a parsed document, with the offsets of the token it is about. */
export function hoverAt(root: Node | null | undefined, offset: number, environment: KubernetesEnvironment): { markdown: string; at: [number, number] } | undefined {
  const hit = tokenAt(root, offset);
  const range = hit?.scalar.range;
  // An empty value (`key:` with nothing after it) is no token to describe.
  if (!hit || !range || range[0] === range[1]) return undefined;
  const located = resourceOnSteps(root, hit.steps, environment);
  if (!located || located.path.length === 0) return undefined;
  const at: [number, number] = [range[0], range[1]];
  const { path, resource, resolveRef } = located;

  if (hit.part === "value" && path.length === 1 && (path[0] === "apiVersion" || path[0] === "kind")) {
    const markdown = describeResourceType(resource, environment);
    return markdown === undefined ? undefined : { markdown, at };
  }
  const { schema, parent } = schemaAtPath(located.schema, path, resolveRef);
  if (!schema) return undefined;
  const last = path[path.length - 1]!;
  const info = fieldInfo(schema, parent, typeof last === "string" ? last : undefined, resolveRef);
  // A list item or a map value (a label, a resource limit) has no description of its own; its field has one.
  const isEntry = typeof last === "number" || parent?.properties?.[last] === undefined;
  if (info.description === undefined && isEntry) info.description = schemaAtPath(located.schema, path.slice(0, -1), resolveRef).schema?.description?.trim();
  return { markdown: fieldMarkdown(path, info, resource, environment), at };
}

/** A path as the Kubernetes docs write it: `spec.containers[0].image`, with odd keys quoted. */
function formatPath(path: readonly Segment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function fieldMarkdown(path: readonly Segment[], info: FieldInfo, resource: ResourceNode, environment: KubernetesEnvironment): string {
  const lines = [`**\`${formatPath(path)}\`**: \`${info.type}\`${info.required ? ", required" : ""}`];
  if (info.enum && info.enum.length > 0) lines.push(`Allowed values: ${info.enum.map((value) => `\`${yamlScalar(value)}\``).join(", ")}`);
  if (info.description) lines.push(info.description);
  const footer = footerOf(resource, environment);
  if (footer) lines.push(footer);
  return lines.join("\n\n");
}

function describeResourceType(resource: ResourceNode, environment: KubernetesEnvironment): string | undefined {
  const resolution = resource.resolution;
  const version = environment.requestedVersion ?? environment.version;
  switch (resolution.status) {
    case "builtin":
    case "custom": {
      const heading = `**${resource.kind!.value}** \`${resource.apiVersion!.value}\``;
      const description = resolution.schema.description?.trim();
      return [heading, ...(description ? [description] : []), `*${sourceOf(resource, environment)}*`].join("\n\n");
    }
    case "custom-without-schema":
      return `**${resolution.type.kind}** \`${resolution.type.apiVersion}\`\n\nThe CRD gives no schema, so any fields are accepted.\n\n*${sourceOf(resource, environment)}*`;
    case "not-served": {
      const homes = [...new Set(servedTypes(environment).filter((type) => type.kind === resolution.kind).map((type) => `\`${type.apiVersion}\``))];
      const where = homes.length > 0 ? ` It is served as ${homes.join(" and ")}.` : "";
      return `Kubernetes ${version} does not serve \`${resolution.kind}\` as \`${resolution.apiVersion}\`.${where}`;
    }
    case "unknown-custom":
      return `No CRD in the workspace defines \`${resolution.kind}\` in the group \`${resolution.group}\`.`;
    default:
      return undefined;
  }
}

// Asterisks rather than underscores, which file paths often contain.
function footerOf(resource: ResourceNode, environment: KubernetesEnvironment): string | undefined {
  const source = sourceOf(resource, environment);
  if (!source) return undefined;
  const type = resource.kind && resource.apiVersion ? `${resource.kind.value} \`${resource.apiVersion.value}\` · ` : "";
  return `*${type}${source}*`;
}
