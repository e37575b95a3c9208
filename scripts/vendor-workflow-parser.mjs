// Bundles GitHub's workflow parser (@actions/workflow-parser, an ES-module-only npm package whose
// modules import JSON without import attributes) into one CommonJS file the analysis core can
// require under tsx (tests) and esbuild (the bundles) alike. `yaml` stays external, so the parser
// shares the project's copy. Run by `npm run vendor:workflow-parser`; the output is committed.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";

const version = JSON.parse(readFileSync("node_modules/@actions/workflow-parser/package.json", "utf8")).version;

/**
 * Changes to the parser's own modules, each replacing work it repeats for every node of every
 * file with a lookup of what it computed before. None changes what it reports. Each is applied
 * by replacing exact source text a given number of times, and the build fails if that text is
 * not found as often, so an update of the package cannot silently drop one.
 *
 * - A DefinitionInfo depends only on its parent and its definition, and nothing changes one after
 *   it is built, so the same pair gives the same instance: the reader built one per node, copying
 *   and upper-casing its allowed contexts each time, a fifth of the parser's time.
 * - The allowed contexts split into named contexts and functions (with a regular expression per
 *   item, for every expression) once per list; the lists are the DefinitionInfos' own, so they are
 *   few and shared.
 * - A mapping's keys seen so far go in a Set instead of an object used as a dictionary, and the
 *   required properties of a mapping definition (upper-cased) and whether it has properties at
 *   all are worked out once per definition instead of with Object.keys for every mapping.
 */
const PATCHES = [
  {
    file: /templates[\\/]schema[\\/]definition-info\.js$/,
    prepend: "const DEFINITION_INFOS = new WeakMap();\n",
    edits: [
      {
        find: `    constructor(schemaOrParent, nameOrDefinition) {
        this.isDefinitionInfo = true;`,
        replace: `    constructor(schemaOrParent, nameOrDefinition) {
        let known = DEFINITION_INFOS.get(schemaOrParent);
        if (known === undefined) DEFINITION_INFOS.set(schemaOrParent, (known = new Map()));
        const cached = known.get(nameOrDefinition);
        if (cached !== undefined) return cached;
        known.set(nameOrDefinition, this);
        this.isDefinitionInfo = true;`,
      },
    ],
  },
  {
    file: /templates[\\/]allowed-context\.js$/,
    prepend: "const SPLIT_CONTEXTS = new WeakMap();\n",
    edits: [
      {
        find: `export function splitAllowedContext(allowedContext) {`,
        replace: `export function splitAllowedContext(allowedContext) {
    let split = SPLIT_CONTEXTS.get(allowedContext);
    if (split === undefined) SPLIT_CONTEXTS.set(allowedContext, (split = splitAllowedContextOnce(allowedContext)));
    return split;
}
function splitAllowedContextOnce(allowedContext) {`,
      },
    ],
  },
  {
    file: /templates[\\/]template-reader\.js$/,
    prepend: `const MAPPING_FACTS = new WeakMap();
function mappingFacts(mappingDefinition) {
    let facts = MAPPING_FACTS.get(mappingDefinition);
    if (facts === undefined) {
        const names = Object.keys(mappingDefinition.properties);
        const required = names.filter(name => mappingDefinition.properties[name].required).map(name => [name, name.toUpperCase()]);
        MAPPING_FACTS.set(mappingDefinition, (facts = { hasProperties: names.length > 0, required }));
    }
    return facts;
}
`,
    edits: [
      { find: "Object.keys(mappingDefinitions[0].properties).length > 0 ||", replace: "mappingFacts(mappingDefinitions[0]).hasProperties ||", count: 1 },
      { find: "const upperKeys = {};", replace: "const upperKeys = new Set();", count: 2 },
      { find: "if (upperKeys[upperKey]) {", replace: "if (upperKeys.has(upperKey)) {", count: 2 },
      { find: "upperKeys[upperKey] = true;", replace: "upperKeys.add(upperKey);", count: 2 },
      {
        find: `            for (const propertyName of Object.keys(mappingDefinitions[0].properties)) {
                const propertyDef = mappingDefinitions[0].properties[propertyName];
                if (propertyDef.required && !upperKeys[propertyName.toUpperCase()]) {`,
        replace: `            for (const [propertyName, upperName] of mappingFacts(mappingDefinitions[0]).required) {
                if (!upperKeys.has(upperName)) {`,
        count: 1,
      },
    ],
    // Every use of the dictionary was replaced, or the Set would be read as one.
    absent: "upperKeys[",
  },
];

const patchParser = {
  name: "patch-workflow-parser",
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: patch.file }, ({ path }) => {
        let source = readFileSync(path, "utf8");
        for (const { find, replace, count = 1 } of patch.edits) {
          const found = source.split(find).length - 1;
          if (found !== count) throw new Error(`${path} contains the text patched by scripts/vendor-workflow-parser.mjs ${found} times, not ${count}: ${find.split("\n")[0]}`);
          source = source.split(find).join(replace);
        }
        if (patch.absent && source.includes(patch.absent)) throw new Error(`${path} still contains ${patch.absent} after the patches of scripts/vendor-workflow-parser.mjs`);
        return { contents: patch.prepend + source, loader: "js" };
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
import { EventType } from "@actions/workflow-parser/templates/parse-event";
import { MappingToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { isAlias, isDocument, isMap, isPair, isScalar, isSeq } from "yaml";
import { NoOperationTraceWriter } from "@actions/workflow-parser";
import { ACTION_ROOT } from "@actions/workflow-parser/actions/action-constants";
import { getActionSchema } from "@actions/workflow-parser/actions/action-schema";
export { parseWorkflow, NoOperationTraceWriter } from "@actions/workflow-parser";
// GitHub's workflow schema with its key descriptions, for hover and completion (the module the parser reads).
export { default as workflowSchema } from "./node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json";
export function parseWorkflowDocument(document, lineStarts) {
  return readDocument(document, lineStarts, getWorkflowSchema(), WORKFLOW_ROOT);
}
/** The same for an action's metadata (action.yml), against the action schema. */
export function parseActionDocument(document, lineStarts) {
  return readDocument(document, lineStarts, getActionSchema(), ACTION_ROOT);
}
function readDocument(document, lineStarts, schema, root) {
  const context = new TemplateContext(new TemplateValidationErrors(), schema, new NoOperationTraceWriter());
  const fileId = context.getFileId("workflow.yml");
  templateReader.readTemplate(context, root, new EventListReader(fileId, document, lineStarts), fileId);
  return context.errors.getErrors();
}
/**
 * The parser's YamlObjectReader, with its generator of parse events replaced by a list built in
 * one walk of the AST: the same events, in the same order, with the same tokens (it reuses the
 * reader's own literal conversion), at a fraction of a generator's cost per node. The list is two
 * arrays, of event types and of tokens, so no event object is made per node.
 */
class EventListReader {
  constructor(fileId, document, lineStarts) {
    this.fileId = fileId;
    this.doc = document;
    this.lineStarts = lineStarts;
    // The walk reads offsets in source order, so each line is looked for from the last one found.
    this.line = 0;
    this.types = [];
    this.tokens = [];
    this.at = 0;
    this.collect(document, new Set());
  }
  push(type, token) {
    this.types.push(type);
    this.tokens.push(token);
  }
  /** The 0-based line of an offset (0 <= offset <= the text's length): the last line found or the next, else a binary search. */
  lineOf(offset) {
    const starts = this.lineStarts;
    let line = this.line;
    if (starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset)) return line;
    line++;
    if (line < starts.length && starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset)) return (this.line = line);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.line = low);
  }
  range(node) {
    const range = node?.range;
    if (!range || range[0] === undefined || range[1] === undefined) return undefined;
    const startLine = this.lineOf(range[0]);
    const start = { line: startLine + 1, column: range[0] - this.lineStarts[startLine] + 1 };
    const endLine = this.lineOf(range[1]);
    return { start, end: { line: endLine + 1, column: range[1] - this.lineStarts[endLine] + 1 } };
  }
  collect(node, aliases) {
    if (isDocument(node)) {
      this.push(EventType.DocumentStart, undefined);
      this.collect(node.contents, new Set());
      this.push(EventType.DocumentEnd, undefined);
      return;
    }
    if (isSeq(node)) {
      this.push(EventType.SequenceStart, new SequenceToken(this.fileId, this.range(node), undefined));
      for (const item of node.items) this.collect(item, aliases);
      this.push(EventType.SequenceEnd, undefined);
    } else if (isMap(node)) {
      this.push(EventType.MappingStart, new MappingToken(this.fileId, this.range(node), undefined));
      for (const item of node.items) this.collect(item, aliases);
      this.push(EventType.MappingEnd, undefined);
    } else if (isScalar(node)) {
      this.push(EventType.Literal, YamlObjectReader.getLiteralToken(this.fileId, this.range(node), node));
    } else if (isAlias(node)) {
      const resolved = node.resolve(this.doc);
      if (resolved && !aliases.has(resolved)) this.collect(resolved, new Set(aliases).add(resolved));
    } else if (isPair(node)) {
      const key = node.key;
      this.push(EventType.Literal, new StringToken(this.fileId, this.range(key), key.value, undefined));
      this.collect(node.value, aliases);
    }
  }
  /** Whether the next event is of this type; if so it is consumed. */
  take(type) {
    if (this.at < this.types.length && this.types[this.at] === type) {
      this.at++;
      return true;
    }
    return false;
  }
  allowLiteral() { return this.take(EventType.Literal) ? this.tokens[this.at - 1] : undefined; }
  allowSequenceStart() { return this.take(EventType.SequenceStart) ? this.tokens[this.at - 1] : undefined; }
  allowSequenceEnd() { return this.take(EventType.SequenceEnd); }
  allowMappingStart() { return this.take(EventType.MappingStart) ? this.tokens[this.at - 1] : undefined; }
  allowMappingEnd() { return this.take(EventType.MappingEnd); }
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
