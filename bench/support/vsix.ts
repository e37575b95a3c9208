import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./peers.ts";

/**
 * Builds the production `.vsix` the way `npm run package` does, but in a staging folder under
 * bench/.work. `npm run package` would rebuild the shared `dist/` in production mode and write
 * `shipshape.vsix` into the repository root while other people run tests against them; the
 * staging folder keeps the benchmark out of their way and still uses the project's own
 * esbuild.mjs and vsce, so the package is the one users get.
 */
const STAGE = join(REPO_ROOT, "bench", ".work", "vsix");
/** What .vscodeignore lets into the package, besides dist/, plus .vscodeignore itself so vsce applies it. */
const PACKAGE_FILES = ["package.json", "README.md", "LICENSE", "LICENSE.md", "LICENSE.txt", "CHANGELOG.md", ".vscodeignore", "language-configuration-helm.json", "syntaxes", "images"];
/** What esbuild needs to see from the staging folder; linked for the build and removed before packaging. */
const BUILD_INPUTS = ["client", "server", "node_modules"];

function run(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolveRun() : reject(new Error(`node ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

/** Returns the path of a freshly built shipshape.vsix. */
export async function buildVsix(): Promise<string> {
  rmSync(STAGE, { recursive: true, force: true });
  mkdirSync(STAGE, { recursive: true });
  for (const name of PACKAGE_FILES) {
    if (existsSync(join(REPO_ROOT, name))) cpSync(join(REPO_ROOT, name), join(STAGE, name), { recursive: true });
  }
  for (const name of BUILD_INPUTS) symlinkSync(join(REPO_ROOT, name), join(STAGE, name), "dir");
  try {
    await run([join(REPO_ROOT, "esbuild.mjs"), "--production"], STAGE);
  } finally {
    // vsce must not walk the sources or node_modules, even though .vscodeignore would drop them.
    for (const name of BUILD_INPUTS) rmSync(join(STAGE, name), { force: true });
  }
  const vsix = join(STAGE, "shipshape.vsix");
  await run([join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "--no-rewrite-relative-links", "--out", vsix], STAGE);
  return vsix;
}
