import { isCollection, isMap, isSeq, parseAllDocuments, type Document, type Node } from "yaml";
import { LIMITS } from "./limits.ts";
import { isPlainTree, topLevelOfPlainTree, topLevelOfValue, type TopLevel } from "./top-level.ts";

/**
 * One parsed YAML document with what the analysis reads of every document: its top-level
 * fields and, on demand, its data. Nothing here depends on the document's place in its
 * file beyond the AST's own offsets, so a cache may keep it while the text around it
 * changes (see `incremental.ts`).
 */
export interface YamlDocument {
  yaml: Document.Parsed;
  topLevel: TopLevel;
  /** Converting the document hit the alias budget: the pattern of an alias bomb. */
  aliasLimit: boolean;
  /** The document as plain data, converted on first call; `undefined` when it cannot be converted safely. */
  value(): unknown;
}

/** Where a file's documents come from: a fresh parse of the whole text, or a cache that reparses only what changed. */
export interface DocumentSource {
  documents(text: string): readonly YamlDocument[];
}

/** The options Shipshape parses with, the same for a whole file and for a part of one. */
export const PARSE_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  keepSourceTokens: false,
  // Warnings would go to the process's stderr; the rules report what matters instead.
  logLevel: "error",
} as const;

/** Parses every document of the whole text, afresh. */
export const FRESH_PARSE: DocumentSource = {
  documents(text) {
    const documents = parseAllDocuments(text, PARSE_OPTIONS);
    return Array.isArray(documents) ? documents.map(describeYaml) : [];
  },
};

/**
 * Reads a parsed document's top level. A plain tree (the common case) is read from its AST
 * and converted to data only when asked; any other document is converted at once, so that
 * an alias bomb is reported whether or not a rule reads the data.
 */
export function describeYaml(yaml: Document.Parsed): YamlDocument {
  if (isPlainTree(yaml.contents)) {
    let converted = false;
    let data: unknown;
    return {
      yaml,
      topLevel: topLevelOfPlainTree(yaml.contents),
      aliasLimit: false,
      value() {
        if (!converted) {
          converted = true;
          data = convert(yaml);
        }
        return data;
      },
    };
  }
  let data: unknown;
  let aliasLimit = false;
  try {
    // Keys that are collections never occur in the files Shipshape knows, and turning
    // nested ones into strings takes exponential time, so such documents stay as AST only.
    data = hasCollectionKey(yaml.contents) ? undefined : yaml.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    aliasLimit = true;
    data = undefined;
  }
  return { yaml, topLevel: topLevelOfValue(data), aliasLimit, value: () => data };
}

/** A plain tree converts without aliases, so nothing is expected to throw; should it, there is no data. */
function convert(yaml: Document.Parsed): unknown {
  try {
    return yaml.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch {
    return undefined;
  }
}

function hasCollectionKey(root: Node | null | undefined): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isCollection(pair.key)) return true;
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return false;
}
