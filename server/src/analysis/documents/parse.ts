import { isCollection, isMap, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";
import type { DocumentKind, SourceFile } from "../types.ts";
import { LineIndex } from "./line-index.ts";
import { LIMITS } from "./limits.ts";
import { kindFromContent, kindFromPath, normalizePath, type WorkspaceLayout } from "./kind.ts";

/** One YAML document of a file, with the kind detected for it. */
export interface ParsedDocument {
  kind: DocumentKind;
  /** The `yaml` AST, with source ranges as string offsets into the file text. */
  yaml: Document.Parsed;
  /** Position of this document in its file, from 0. */
  index: number;
  /** The document as plain data, or `undefined` when it could not be converted safely. */
  value: unknown;
}

/** Why a file was not parsed as YAML at all, or not converted to data. */
export type InputProblem =
  | { kind: "binary" }
  | { kind: "too-large"; bytes: number }
  | { kind: "alias-limit"; documentIndex: number; offset: number }
  | { kind: "too-deep"; offset: number };

/** A file ready for rules: its text, line index, documents and input problems. */
export interface ParsedFile {
  path: string;
  text: string;
  lines: LineIndex;
  /** The file's own kind when its path decides it (workflow, chart template, ...). */
  fileKind: DocumentKind | undefined;
  /** Empty for files that are not parsed as YAML (templates, binary, over-size). */
  documents: ParsedDocument[];
  problems: InputProblem[];
}

/**
 * Parses a file into YAML documents. Parsing never throws: bad input comes back as
 * `problems` or as the `yaml` package's own errors on each document.
 */
export function parseFile(file: SourceFile, layout: WorkspaceLayout): ParsedFile {
  const path = normalizePath(file.path);
  const text = file.text;
  const lines = new LineIndex(text);
  const fileKind = kindFromPath(path, layout);
  const parsed: ParsedFile = { path, text, lines, fileKind, documents: [], problems: [] };

  if (looksBinary(text)) {
    parsed.problems.push({ kind: "binary" });
    return parsed;
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > LIMITS.maxFileBytes) {
    parsed.problems.push({ kind: "too-large", bytes });
    return parsed;
  }
  // Chart templates are Go templates, not YAML: parsing them would only produce noise.
  if (fileKind === "chart-template") return parsed;

  const depthOffset = offsetPastNestingLimit(text);
  if (depthOffset !== undefined) {
    parsed.problems.push({ kind: "too-deep", offset: depthOffset });
    return parsed;
  }

  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    keepSourceTokens: false,
    // Warnings would go to the process's stderr; the rules report what matters instead.
    logLevel: "error",
  });
  const list = Array.isArray(documents) ? documents : [];
  list.forEach((yaml, index) => {
    let value: unknown;
    try {
      // Keys that are collections never occur in the files Shipshape knows, and turning
      // nested ones into strings takes exponential time, so such documents stay as AST only.
      value = hasCollectionKey(yaml.contents) ? undefined : yaml.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch {
      parsed.problems.push({ kind: "alias-limit", documentIndex: index, offset: yaml.range[0] });
      value = undefined;
    }
    const kind = fileKind ?? kindFromContent(value);
    parsed.documents.push({ kind, yaml, index, value });
  });
  return parsed;
}

function hasCollectionKey(root: unknown): boolean {
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

/** A NUL character in the first few kilobytes marks a file as binary, as git does. */
function looksBinary(text: string): boolean {
  return text.slice(0, LIMITS.binarySniffBytes).includes("\0");
}

/**
 * Finds where flow brackets or block indentation nest deeper than the limit, with one
 * linear pass, so that deep input is refused before any recursive code sees it.
 */
function offsetPastNestingLimit(text: string): number | undefined {
  let flowDepth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10 /* \n */) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (char === 32 /* space */) {
        indent++;
        // Two spaces per level is the tightest common indentation.
        if (indent > LIMITS.maxNestingDepth * 2) return i;
        continue;
      }
      // Compact block nesting ("- - - x", "? ? x") adds a level per indicator on one line.
      if ((char === 45 /* - */ || char === 63 /* ? */ || char === 58 /* : */) && text.charCodeAt(i + 1) === 32) {
        indent += 2;
        if (indent > LIMITS.maxNestingDepth * 2) return i;
        i++;
        continue;
      }
      lineStart = false;
    }
    if (char === 91 /* [ */ || char === 123 /* { */) {
      if (++flowDepth > LIMITS.maxNestingDepth) return i;
    } else if (char === 93 /* ] */ || char === 125 /* } */) {
      flowDepth = Math.max(0, flowDepth - 1);
    }
  }
  return undefined;
}
