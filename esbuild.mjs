// The project's only build: one esbuild run bundles the client, the server and the CLI.
// Everything is bundled, so the .vsix and the CLI need no node_modules at run time.
import * as esbuild from "esbuild";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/** @type {esbuild.BuildOptions} */
const options = {
  entryPoints: {
    extension: "client/src/extension.ts",
    server: "server/src/main.ts",
    cli: "server/src/cli.ts",
    // The extension's own tests, loaded by the editor as extensionTestsPath; never in the .vsix.
    "test-suite": "client/src/test/suite.ts",
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
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
