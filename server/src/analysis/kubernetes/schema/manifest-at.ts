import { isMap } from "yaml";
import { parseFile, type ParsedDocument } from "../../documents/parse.ts";
import { kindFromPath, normalizePath, type WorkspaceLayout } from "../../documents/kind.ts";
import { LineIndex } from "../../documents/line-index.ts";
import { LIMITS } from "../../documents/limits.ts";
import { getPair } from "../../documents/ast.ts";
import type { Position, SourceFile } from "../../types.ts";
import { customResourcesIn } from "../crds.ts";
import type { KubernetesEnvironment } from "../environment.ts";

/**
 * The manifest document under a cursor, parsed as the analysis parses it, with the
 * environment it is checked in. Hover and completion both start here.
 *
 * Only the cursor's document is parsed: hover and completion run on every keystroke, and
 * parsing all of a long multi-document file would cost far more than walking to the
 * cursor. A line starting with `---` or `...` always ends a document in YAML, so the
 * document can be cut out of the text without a parse.
 */
export interface ManifestAtCursor {
  document: ParsedDocument;
  /** The text of the cursor's document, which the document's offsets refer to. */
  text: string;
  /** The cursor, as an offset into `text`. */
  offset: number;
  /** Where `text` starts in the file. */
  base: number;
  /** Lines of the whole file, for converting offsets back to positions. */
  lines: LineIndex;
  /** The workspace's environment with this file's own CRDs as they are now. */
  environment: KubernetesEnvironment;
}

export interface SchemaAssistOptions {
  layout: WorkspaceLayout;
  kubernetes: KubernetesEnvironment;
}

/**
 * The manifest document at `position`, or `undefined` when the cursor is not in one.
 * Besides the documents the analysis calls manifests, a plain YAML document whose root
 * mapping has an `apiVersion` or a `kind` key counts: it is a manifest being written,
 * and `kind:` with nothing after it yet is exactly where completion is wanted.
 */
export function manifestAtCursor(source: SourceFile, position: Position, options: SchemaAssistOptions): ManifestAtCursor | undefined {
  // Workflows, charts and other files whose path decides their kind are never manifests.
  if (kindFromPath(source.path, options.layout) !== undefined) return undefined;
  const whole = source.text;
  // The analysis refuses these files outright, so they get no help either.
  if (whole.slice(0, LIMITS.binarySniffBytes).includes("\0") || Buffer.byteLength(whole, "utf8") > LIMITS.maxFileBytes) return undefined;

  const lines = new LineIndex(whole);
  const offsetInFile = lines.offsetAt(position);
  const [start, end] = documentSpanAt(whole, offsetInFile);
  const text = whole.slice(start, end);
  const parsed = parseFile({ path: source.path, text }, options.layout);
  const offset = offsetInFile - start;
  const document = documentAt(parsed.documents, offset);
  if (!document || !isManifestLike(document)) return undefined;
  return { document, text, offset, base: start, lines, environment: withOwnDefinitions(options.kubernetes, source) };
}

/**
 * The start and end offsets of the document that holds `offset`: from its `---` line (or
 * the file's start, or the line after a `...`) to the next marker line.
 */
function documentSpanAt(text: string, offset: number): [number, number] {
  let start = 0;
  let end = text.length;
  MARKER_LINE.lastIndex = 0;
  for (let match = MARKER_LINE.exec(text); match; match = MARKER_LINE.exec(text)) {
    const lineStart = match.index;
    const isEnd = match[1] === "...";
    if (lineStart > offset || (isEnd && lineStart === offset)) {
      end = lineStart;
      break;
    }
    // A `---` line opens the next document; a `...` line closes this one, so the next starts after it.
    start = isEnd ? text.indexOf("\n", lineStart) + 1 || text.length : lineStart;
  }
  return [start, end];
}

const MARKER_LINE = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** The last document that starts at or before the offset: trailing blank lines belong to the document above them. */
function documentAt(documents: readonly ParsedDocument[], offset: number): ParsedDocument | undefined {
  let found: ParsedDocument | undefined;
  for (const document of documents) {
    if (document.yaml.range[0] > offset) break;
    found = document;
  }
  return found;
}

function isManifestLike(document: ParsedDocument): boolean {
  if (document.kind === "manifest") return true;
  if (document.kind !== "other") return false;
  const root = document.yaml.contents;
  return isMap(root) && (getPair(root, "apiVersion") !== undefined || getPair(root, "kind") !== undefined);
}

/**
 * The file's own CRDs replace what the workspace index knew of them, as in `analyzeFile`.
 * Files that define no CRD are not parsed for this: `customResourcesIn` looks first.
 */
function withOwnDefinitions(environment: KubernetesEnvironment, source: SourceFile): KubernetesEnvironment {
  const path = normalizePath(source.path);
  const own = customResourcesIn(path, source.text);
  const stale = environment.customResources.some((type) => type.definedIn === path);
  if (own.length === 0 && !stale) return environment;
  const others = environment.customResources.filter((type) => type.definedIn !== path);
  return { ...environment, customResources: [...own, ...others] };
}
