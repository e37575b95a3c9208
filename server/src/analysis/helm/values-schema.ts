import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { isMap, isScalar, isSeq, type Document, type Node } from "yaml";

/**
 * Validation of a values file against its chart's `values.schema.json`, draft-07 or
 * 2020-12 as the schema's `$schema` says, with ajv. Each problem comes back with the
 * path of the value in the file and what a fix needs. Formats are not checked (Helm's
 * validator differs from ajv there), and a schema that does not compile checks nothing.
 */
export interface SchemaProblem {
  keyword: string;
  /** Keys and indexes from the document's root to the value the problem is about. */
  path: Array<string | number>;
  /** For `required`: the missing key; for `additionalProperties`: the extra one. */
  property?: string;
  message: string;
  /** The subschema the value failed, for fixes (type, enum, default). */
  schema: unknown;
}

const compiled = new Map<string, ValidateFunction | null>();
const MAX_COMPILED = 32;

function validatorFor(schemaText: string): ValidateFunction | null {
  const cached = compiled.get(schemaText);
  if (cached !== undefined) return cached;
  let validate: ValidateFunction | null = null;
  try {
    const schema = JSON.parse(schemaText) as Record<string, unknown>;
    const is2020 = typeof schema.$schema === "string" && schema.$schema.includes("2020-12");
    const options = { allErrors: true, strict: false, validateFormats: false, verbose: true, validateSchema: false } as const;
    const ajv = is2020 ? new Ajv2020(options) : new Ajv(options);
    validate = ajv.compile(schema);
  } catch {
    validate = null;
  }
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(schemaText, validate);
  return validate;
}

/** The problems of `value` against the schema; none when the schema is not usable. */
export function schemaProblems(schemaText: string, value: unknown): SchemaProblem[] {
  const validate = validatorFor(schemaText);
  if (!validate) return [];
  try {
    if (validate(value ?? {})) return [];
  } catch {
    return [];
  }
  return (validate.errors ?? []).filter(isReported).map(toProblem);
}

/** `if`/`then`, `anyOf` and the like repeat what their branches said, or say nothing one can act on. */
function isReported(error: ErrorObject): boolean {
  return !["if", "anyOf", "oneOf", "not", "allOf", "format", "$ref", "dependentRequired", "dependencies"].includes(error.keyword);
}

function toProblem(error: ErrorObject): SchemaProblem {
  const path = error.instancePath === "" ? [] : error.instancePath.slice(1).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  const problem: SchemaProblem = { keyword: error.keyword, path, message: error.message ?? "is not valid", schema: error.parentSchema };
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") problem.property = params.missingProperty;
  if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") problem.property = params.additionalProperty;
  return problem;
}

/** The YAML node at a path of keys and indexes, following block and flow collections. */
export function nodeAtPath(document: Document.Parsed, path: ReadonlyArray<string | number>): { node: Node | null; keyNode: Node | undefined } | undefined {
  let node = document.contents as Node | null;
  let keyNode: Node | undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const index = Number(part);
      if (!Number.isInteger(index) || index < 0 || index >= node.items.length) return undefined;
      node = node.items[index] as Node | null;
      keyNode = undefined;
    } else {
      return undefined;
    }
  }
  return { node, keyNode };
}
