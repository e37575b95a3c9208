import { Composer, isCollection, isNode, isPair, isScalar, Parser, type Document, type YAMLError } from "yaml";
import { FRESH_PARSE, PARSE_OPTIONS, describeYaml, type DocumentSource, type YamlDocument } from "./yaml-documents.ts";

/**
 * The documents of one file across its edits, reparsing only the parts whose text changed.
 * An editor keeps one per open file: typing in one document of a multi-document manifest
 * then costs the parse of that document, not of the file.
 *
 * The text is cut into segments at document-start lines (`---` at column 0, then a space,
 * a tab or the line's end). The YAML lexer ends every scalar and flow collection at such a
 * line and starts the next document with fresh state, so parsing each segment on its own,
 * with its offsets counted from its place in the file, yields exactly the documents of a
 * parse of the whole text. Where that would not hold, segments are not cut:
 *
 * - the text before the first `---` stays with the document that follows it, since its
 *   comments belong to that document;
 * - after a document-end line (`...`), the next `---` does not cut either, since comments
 *   and errors between the two belong to the document that follows;
 * - a text with a directive line (`%YAML`, `%TAG`) is parsed whole every time, since a
 *   directive's effect may reach past the next document;
 * - so is a text where a segment other than the last ends inside an unclosed quoted
 *   scalar: the lexer looks for the closing quote past the `---`, and what it finds there
 *   decides where the scalar ends (or whether it swallows the rest of the file);
 * - and one where a segment other than the last leaves comments or errors outside any
 *   document at its end (after a document broke off), which belong to the next document,
 *   or where a segment other than the first starts with an error that the parser reports
 *   before the segment's first document, which belongs to the document before.
 *
 * A segment whose text is unchanged reuses its documents, its AST offsets moved in place
 * when text before it grew or shrank. The result is the same as `FRESH_PARSE`, which the
 * incremental tests check edit by edit.
 */
export class IncrementalDocuments implements DocumentSource {
  /** The last text's segments by their text; a text that occurs twice has two entries. */
  private segments = new Map<string, Segment[]>();
  /** What the last call did, for tests and measurements. */
  lastRun = { parsedSegments: 0, reusedSegments: 0 };

  documents(text: string): readonly YamlDocument[] {
    const starts = segmentStarts(text);
    if (starts === undefined) return this.parseWhole(text);
    const previous = this.segments;
    const next = new Map<string, Segment[]>();
    const documents: YamlDocument[] = [];
    const run = { parsedSegments: 0, reusedSegments: 0 };
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const segmentText = text.slice(start, starts[i + 1] ?? text.length);
      let segment = previous.get(segmentText)?.pop();
      if (segment === undefined) {
        const part = parseSegment(segmentText, start, i === 0, i + 1 === starts.length);
        if (part.dependsOnNeighbours) return this.parseWhole(text);
        segment = { start, documents: part.documents.map(describeYaml) };
        run.parsedSegments++;
      } else {
        if (segment.start !== start) moveSegment(segment, start);
        run.reusedSegments++;
      }
      const same = next.get(segmentText);
      if (same === undefined) next.set(segmentText, [segment]);
      else same.push(segment);
      for (const document of segment.documents) documents.push(document);
    }
    this.segments = next;
    this.lastRun = run;
    return documents;
  }

  private parseWhole(text: string): readonly YamlDocument[] {
    this.segments = new Map();
    this.lastRun = { parsedSegments: 1, reusedSegments: 0 };
    return FRESH_PARSE.documents(text);
  }
}

interface Segment {
  /** Where the segment starts in the text it was last used with; its AST's offsets count from there. */
  start: number;
  documents: YamlDocument[];
}

/**
 * Where the segments start: 0, then every document-start line that may cut, as the class
 * comment describes. `undefined` when the text has a directive and must be parsed whole.
 */
export function segmentStarts(text: string): number[] | undefined {
  const starts = [0];
  let seenDocumentStart = false;
  let afterDocumentEnd = false;
  for (let line = 0; line < text.length; ) {
    const first = text.charCodeAt(line);
    if (first === 37 /* % */) return undefined;
    if ((first === 45 /* - */ || first === 46 /* . */) && isMarker(text, line, first)) {
      if (first === 46) {
        afterDocumentEnd = true;
      } else {
        if (seenDocumentStart && !afterDocumentEnd) starts.push(line);
        seenDocumentStart = true;
        afterDocumentEnd = false;
      }
    }
    const newline = text.indexOf("\n", line);
    if (newline < 0) break;
    line = newline + 1;
  }
  return starts;
}

interface ParsedSegment {
  documents: Document.Parsed[];
  /** Whether the text around the segment could change how it parses, in one of the ways the class comment lists. */
  dependsOnNeighbours: boolean;
}

/** Parser tokens that mean the same before a document whether or not another document precedes it. */
const NEUTRAL_TOKENS = new Set(["comment", "newline", "space", "byte-order-mark"]);

/**
 * Parses a segment as `parseAllDocuments` parses a whole text, with every offset (node and
 * document ranges, error positions) counted from `start`, its place in the file.
 *
 * A segment other than the last is parsed with the `---` that follows it, so that the
 * parser closes its last document exactly as it does in the whole text; the empty document
 * that `---` opens shows whether anything was left for the next document, or whether an
 * unclosed quote ran past the end. A segment other than the first must not start with an
 * error the parser reports before its first document: in the whole text, the composer
 * gives such an error to the document before.
 */
function parseSegment(text: string, start: number, first: boolean, last: boolean): ParsedSegment {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer(PARSE_OPTIONS);
  const documents: Document.Parsed[] = [];
  let sawDocument = false;
  let earlyToken = false;
  for (const token of parser.parse(last ? text : `${text}---`)) {
    if (token.type === "document") sawDocument = true;
    else if (!sawDocument && !first && !NEUTRAL_TOKENS.has(token.type)) earlyToken = true;
    for (const document of composer.next(token)) documents.push(document as Document.Parsed);
  }
  for (const document of composer.end()) documents.push(document as Document.Parsed);
  if (earlyToken) return { documents, dependsOnNeighbours: true };
  if (last) return { documents, dependsOnNeighbours: false };
  const next = documents.pop();
  const clean =
    next !== undefined &&
    next.range[0] === start + text.length &&
    isScalar(next.contents) &&
    next.contents.value === null &&
    next.errors.length === 0 &&
    next.warnings.length === 0 &&
    !next.commentBefore;
  return { documents, dependsOnNeighbours: !clean };
}

/** `---` or `...` at `at`, followed by what the lexer takes for the marker's end: white space, a line end or the end of the text. */
function isMarker(text: string, at: number, char: number): boolean {
  if (text.charCodeAt(at + 1) !== char || text.charCodeAt(at + 2) !== char) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13;
}

/** Moves every offset of a segment's documents so that they count from `start`. */
function moveSegment(segment: Segment, start: number): void {
  const delta = start - segment.start;
  segment.start = start;
  // Each range array is moved once, even should the parser have shared one between two nodes or errors.
  const moved = new Set<number[]>();
  const move = (range: number[] | undefined | null) => {
    if (!range || moved.has(range)) return;
    moved.add(range);
    for (let i = 0; i < range.length; i++) range[i]! += delta;
  };
  for (const { yaml } of segment.documents) {
    move(yaml.range);
    for (const error of yaml.errors) move(positionOf(error));
    for (const warning of yaml.warnings) move(positionOf(warning));
    moveNodes(yaml, move);
  }
}

function positionOf(error: YAMLError): number[] {
  return error.pos as unknown as number[];
}

/** Every node of the document, keys included, without recursion: nesting is bounded by the input limits, not by the stack. */
function moveNodes(yaml: Document.Parsed, move: (range: number[] | undefined | null) => void): void {
  const stack: unknown[] = [yaml.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      // A pair has no range of its own; its key and value do.
      stack.push(node.key, node.value);
    } else if (isNode(node)) {
      move(node.range as number[] | undefined);
      if (isCollection(node)) for (const item of node.items) stack.push(item);
    }
  }
}
