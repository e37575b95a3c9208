import type { Document } from "yaml";
import type { DocumentKind, SourceFile } from "../types.ts";
import { LineIndex } from "./line-index.ts";
import { LIMITS } from "./limits.ts";
import { kindFromPath, normalizePath, type WorkspaceLayout } from "./kind.ts";
import { FRESH_PARSE, type DocumentSource, type YamlDocument } from "./yaml-documents.ts";

/** One YAML document of a file, with the kind detected for it. */
export interface ParsedDocument {
  kind: DocumentKind;
  /** The `yaml` AST, with source ranges as string offsets into the file text. */
  yaml: Document.Parsed;
  /** Position of this document in its file, from 0. */
  index: number;
  /**
   * The document as plain data, or `undefined` when it could not be converted safely.
   * Converted on first read: most documents never need it, and converting them all cost
   * more than every rule together.
   */
  readonly value: unknown;
  /** The top-level `kind` field when it is a string, as `Deployment`, read without converting the document. */
  resourceKind: string | undefined;
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
 * `problems` or as the `yaml` package's own errors on each document. The documents come
 * from `source`: a fresh parse by default, or a cache that reparses only what changed.
 */
export function parseFile(file: SourceFile, layout: WorkspaceLayout, source: DocumentSource = FRESH_PARSE): ParsedFile {
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

  source.documents(text).forEach((document, index) => {
    if (document.aliasLimit) parsed.problems.push({ kind: "alias-limit", documentIndex: index, offset: document.yaml.range[0] });
    parsed.documents.push(parsedDocument(document, index, fileKind));
  });
  return parsed;
}

function parsedDocument(document: YamlDocument, index: number, fileKind: DocumentKind | undefined): ParsedDocument {
  return {
    // A document past the alias budget is reported by yaml/input-limit and read by no other
    // rule: a workflow or values rule that followed its aliases would expand the bomb.
    kind: document.aliasLimit ? "other" : fileKind ?? document.topLevel.kind,
    yaml: document.yaml,
    index,
    resourceKind: document.topLevel.resourceKind,
    get value() {
      return document.value();
    },
  };
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
