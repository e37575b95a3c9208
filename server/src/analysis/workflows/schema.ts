import { workflowSchema, type SchemaDefinition } from "./vendor/workflow-parser.cjs";

/**
 * Walks GitHub's workflow schema (bundled with its parser) by a path of keys, `[]` standing for
 * a sequence item: the keys a mapping may have, their descriptions, and the allowed values of a
 * scalar. Hover, completion and the schema rule's suggestions all read it here.
 */
const DEFINITIONS = workflowSchema.definitions;
const ROOT = "workflow-root-strict";

export interface Property {
  type: string;
  required: boolean;
  description?: string;
}

/** The definitions a name stands for, with every `one-of` expanded. */
export function expand(name: string, seen = new Set<string>()): SchemaDefinition[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const definition = DEFINITIONS[name];
  if (!definition) return [];
  if (definition["one-of"]) return [definition, ...definition["one-of"].flatMap((other) => expand(other, seen))];
  return [definition];
}

function propertyOf(definition: SchemaDefinition, key: string): Property | undefined {
  const raw = definition.mapping?.properties?.[key];
  if (raw === undefined) return undefined;
  if (typeof raw === "string") return { type: raw, required: false, description: DEFINITIONS[raw]?.description };
  return { type: raw.type, required: raw.required === true, description: raw.description ?? DEFINITIONS[raw.type]?.description };
}

/** The definitions at a path of keys (`[]` for a sequence item), from the workflow's root. */
export function definitionsAt(path: readonly string[]): string[] {
  let current = [ROOT];
  for (const segment of path) {
    const next: string[] = [];
    for (const name of current) {
      for (const definition of expand(name)) {
        if (segment === "[]") {
          if (definition.sequence) next.push(definition.sequence["item-type"]);
          continue;
        }
        const property = propertyOf(definition, segment);
        if (property) next.push(property.type);
        else if (definition.mapping?.["loose-value-type"]) next.push(definition.mapping["loose-value-type"]);
      }
    }
    current = [...new Set(next)];
    if (current.length === 0) return [];
  }
  return current;
}

export function propertyAt(path: readonly string[], key: string): Property | undefined {
  for (const name of definitionsAt(path)) for (const definition of expand(name)) {
    const property = propertyOf(definition, key);
    if (property) return property;
  }
  return undefined;
}

export function propertiesAt(path: readonly string[]): Map<string, Property> {
  const found = new Map<string, Property>();
  for (const name of definitionsAt(path)) for (const definition of expand(name)) {
    for (const key of Object.keys(definition.mapping?.properties ?? {})) if (!found.has(key)) found.set(key, propertyOf(definition, key)!);
  }
  return found;
}


/** The values a scalar at `path` may take, when the schema lists them. */
export function allowedValuesAt(path: readonly string[]): string[] {
  const values = new Set<string>();
  for (const name of definitionsAt(path)) for (const definition of expand(name)) {
    for (const value of definition["allowed-values"] ?? []) values.add(value);
    if (definition.string?.constant) values.add(definition.string.constant);
  }
  return [...values];
}
