// The project's only build: one esbuild run bundles the client, the server and the CLI.
// Everything is bundled, so the .vsix and the CLI need no node_modules at run time.
import * as esbuild from "esbuild";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/**
 * The `yaml` package's ES module build, instead of the CommonJS one Node resolves to. It is
 * the same code, but the CommonJS build's parser reads `process.env.LOG_TOKENS` for every
 * token (a fifth of the parse), and a bundled CommonJS module reaches each of its exports
 * (`isMap`, `isScalar`...) through a getter on every call (a tenth of the rules' time).
 * The ES module build does neither. Tests run the sources under tsx with the CommonJS
 * build, and the LSP and CLI tests run the bundles with this one.
 */
const yamlModuleBuild = {
  name: "yaml-module-build",
  setup(build) {
    const yamlRoot = dirname(createRequire(import.meta.url).resolve("yaml/package.json"));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(yamlRoot, "browser", "index.js") }));
  },
};

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: {
    extension: "client/src/extension.ts",
    // client/src/cluster with @kubernetes/client-node, loaded by the extension on first use (session.ts).
    cluster: "client/src/cluster/index.ts",
    server: "server/src/main.ts",
    cli: "server/src/cli.ts",
    // The worker threads of the CLI and the workspace scan (server/src/io/parallel-analysis.ts).
    "analysis-worker": "server/src/io/analysis-worker.ts",
    // The extension's own tests, loaded by the editor as extensionTestsPath; never in the .vsix.
    "test-suite": "client/src/test/suite.ts",
    // What `npm run bench` measures of the core, built like the CLI; never in the .vsix.
    "bench-overhead": "bench/support/overhead-subject.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // "vscode" is provided by the editor at run time and must never be bundled.
  external: ["vscode"],
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  legalComments: "none",
  plugins: [yamlModuleBuild],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
