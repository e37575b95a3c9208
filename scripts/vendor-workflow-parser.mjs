// Bundles GitHub's workflow parser (@actions/workflow-parser, an ES-module-only npm package whose
// modules import JSON without import attributes) into one CommonJS file the analysis core can
// require under tsx (tests) and esbuild (the bundles) alike. `yaml` stays external, so the parser
// shares the project's copy. Run by `npm run vendor:workflow-parser`; the output is committed.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";

const version = JSON.parse(readFileSync("node_modules/@actions/workflow-parser/package.json", "utf8")).version;

/**
 * Two changes to the parser's own modules, each replacing work it repeats for every node of every
 * file with a lookup of what it computed before. Neither changes what it reports; each is applied
 * by replacing exact source text, and the build fails if that text is not found, so an update of
 * the package cannot silently drop one.
 *
 * - A DefinitionInfo depends only on its parent and its definition, and nothing changes one after
 *   it is built, so the same pair gives the same instance: the reader built one per node, copying
 *   and upper-casing its allowed contexts each time, a fifth of the parser's time.
 * - The allowed contexts split into named contexts and functions (with a regular expression per
 *   item, for every expression) once per list; the lists are the DefinitionInfos' own, so they are
 *   few and shared.
 */
const PATCHES = [
  {
    file: /templates[\\/]schema[\\/]definition-info\.js$/,
    find: `    constructor(schemaOrParent, nameOrDefinition) {
        this.isDefinitionInfo = true;`,
    replace: `    constructor(schemaOrParent, nameOrDefinition) {
        let known = DEFINITION_INFOS.get(schemaOrParent);
        if (known === undefined) DEFINITION_INFOS.set(schemaOrParent, (known = new Map()));
        const cached = known.get(nameOrDefinition);
        if (cached !== undefined) return cached;
        known.set(nameOrDefinition, this);
        this.isDefinitionInfo = true;`,
    prepend: "const DEFINITION_INFOS = new WeakMap();\n",
  },
  {
    file: /templates[\\/]allowed-context\.js$/,
    find: `export function splitAllowedContext(allowedContext) {`,
    replace: `export function splitAllowedContext(allowedContext) {
    let split = SPLIT_CONTEXTS.get(allowedContext);
    if (split === undefined) SPLIT_CONTEXTS.set(allowedContext, (split = splitAllowedContextOnce(allowedContext)));
    return split;
}
function splitAllowedContextOnce(allowedContext) {`,
    prepend: "const SPLIT_CONTEXTS = new WeakMap();\n",
  },
];

const patchParser = {
  name: "patch-workflow-parser",
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: patch.file }, ({ path }) => {
        const source = readFileSync(path, "utf8");
        if (!source.includes(patch.find)) throw new Error(`${path} no longer contains the text patched by scripts/vendor-workflow-parser.mjs`);
        return { contents: patch.prepend + source.replace(patch.find, patch.replace), loader: "js" };
      });
    }
  },
};
await esbuild.build({
  stdin: {
    // parseWorkflowDocument reads a document the caller already parsed with the same `yaml`
    // package, so a workflow is parsed once: the reader is the parser's own, given our AST and
    // a line/column lookup instead of parsing the text a second time.
    contents: `
import { TemplateContext, TemplateValidationErrors } from "@actions/workflow-parser/templates/template-context";
import * as templateReader from "@actions/workflow-parser/templates/template-reader";
import { WORKFLOW_ROOT } from "@actions/workflow-parser/workflows/workflow-constants";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import { YamlObjectReader } from "@actions/workflow-parser/workflows/yaml-object-reader";
import { EventType, ParseEvent } from "@actions/workflow-parser/templates/parse-event";
import { MappingToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { isAlias, isDocument, isMap, isPair, isScalar, isSeq } from "yaml";
import { NoOperationTraceWriter } from "@actions/workflow-parser";
import { ACTION_ROOT } from "@actions/workflow-parser/actions/action-constants";
import { getActionSchema } from "@actions/workflow-parser/actions/action-schema";
export { parseWorkflow, NoOperationTraceWriter } from "@actions/workflow-parser";
// GitHub's workflow schema with its key descriptions, for hover and completion (the module the parser reads).
export { default as workflowSchema } from "./node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json";
export function parseWorkflowDocument(document, linePos) {
  return readDocument(document, linePos, getWorkflowSchema(), WORKFLOW_ROOT);
}
/** The same for an action's metadata (action.yml), against the action schema. */
export function parseActionDocument(document, linePos) {
  return readDocument(document, linePos, getActionSchema(), ACTION_ROOT);
}
function readDocument(document, linePos, schema, root) {
  const context = new TemplateContext(new TemplateValidationErrors(), schema, new NoOperationTraceWriter());
  const fileId = context.getFileId("workflow.yml");
  templateReader.readTemplate(context, root, new EventListReader(fileId, document, linePos), fileId);
  return context.errors.getErrors();
}
/**
 * The parser's YamlObjectReader, with its generator of parse events replaced by a list built in
 * one walk of the AST: the same events, in the same order, with the same tokens (it reuses the
 * reader's own literal conversion), at a fraction of a generator's cost per node.
 */
class EventListReader {
  constructor(fileId, document, linePos) {
    this.fileId = fileId;
    this.doc = document;
    this.linePos = linePos;
    this.events = [];
    this.at = 0;
    this.collect(document, new Set());
  }
  range(node) {
    const range = node?.range;
    if (!range || range[0] === undefined || range[1] === undefined) return undefined;
    const start = this.linePos(range[0]);
    const end = this.linePos(range[1]);
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  }
  collect(node, aliases) {
    const events = this.events;
    if (isDocument(node)) {
      events.push(new ParseEvent(EventType.DocumentStart));
      this.collect(node.contents, new Set());
      events.push(new ParseEvent(EventType.DocumentEnd));
      return;
    }
    if (isSeq(node)) {
      events.push(new ParseEvent(EventType.SequenceStart, new SequenceToken(this.fileId, this.range(node), undefined)));
      for (const item of node.items) this.collect(item, aliases);
      events.push(new ParseEvent(EventType.SequenceEnd));
    } else if (isMap(node)) {
      events.push(new ParseEvent(EventType.MappingStart, new MappingToken(this.fileId, this.range(node), undefined)));
      for (const item of node.items) this.collect(item, aliases);
      events.push(new ParseEvent(EventType.MappingEnd));
    } else if (isScalar(node)) {
      events.push(new ParseEvent(EventType.Literal, YamlObjectReader.getLiteralToken(this.fileId, this.range(node), node)));
    } else if (isAlias(node)) {
      const resolved = node.resolve(this.doc);
      if (resolved && !aliases.has(resolved)) this.collect(resolved, new Set(aliases).add(resolved));
    } else if (isPair(node)) {
      const key = node.key;
      events.push(new ParseEvent(EventType.Literal, new StringToken(this.fileId, this.range(key), key.value, undefined)));
      this.collect(node.value, aliases);
    }
  }
  take(type) {
    const event = this.events[this.at];
    if (event !== undefined && event.type === type) {
      this.at++;
      return event;
    }
    return undefined;
  }
  allowLiteral() { return this.take(EventType.Literal)?.token; }
  allowSequenceStart() { return this.take(EventType.SequenceStart)?.token; }
  allowSequenceEnd() { return this.take(EventType.SequenceEnd) !== undefined; }
  allowMappingStart() { return this.take(EventType.MappingStart)?.token; }
  allowMappingEnd() { return this.take(EventType.MappingEnd) !== undefined; }
  validateStart() { if (!this.take(EventType.DocumentStart)) throw new Error("Expected start of reader"); }
  validateEnd() { if (!this.take(EventType.DocumentEnd)) throw new Error("Expected end of reader"); }
}
`,
    resolveDir: process.cwd(),
    loader: "js",
  },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  conditions: ["import"],
  external: ["yaml"],
  minify: true,
  legalComments: "eof",
  banner: { js: `// Generated by scripts/vendor-workflow-parser.mjs from @actions/workflow-parser ${version} (MIT). Do not edit.` },
  outfile: "server/src/analysis/workflows/vendor/workflow-parser.cjs",
  logLevel: "warning",
  plugins: [patchParser],
});
