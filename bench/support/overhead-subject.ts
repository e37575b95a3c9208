/**
 * What the analysis-overhead figure measures, bundled by esbuild.mjs into
 * `dist/bench-overhead.js` exactly as the CLI and the server are bundled: the same `yaml`
 * build (the ES module one), and no tsx wrappers around every function. Both sides of the
 * ratio (Shipshape's analysis and the bare parse) come from this one bundle, so they run the
 * same `yaml` code.
 */
export { parseAllDocuments } from "yaml";
export { ALL_RULES, IncrementalDocuments, analyzeFile, kubernetesEnvironment } from "../../server/src/analysis/index.ts";
export { parseFile } from "../../server/src/analysis/documents/parse.ts";
export { EMPTY_LAYOUT } from "../../server/src/analysis/documents/kind.ts";
export { loadBundledSchemas } from "../../server/src/io/schema-data.ts";
export { generateDeployments } from "./deployment-generator.ts";
