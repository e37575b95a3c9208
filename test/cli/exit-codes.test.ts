import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, workspace } from "./support.ts";

const CLEAN_POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n        limits: {memory: 128Mi}\n";
const POD_WITHOUT_RESOURCES = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";

interface ExitCase {
  name: string;
  files: Record<string, string>;
  args: string[];
  code: number;
  /** What stderr must say; for usage errors one clear line, and never a stack trace. */
  stderr?: RegExp;
}

const CASES: ExitCase[] = [
  { name: "a clean workspace exits 0", files: { "pod.yaml": CLEAN_POD }, args: ["check"], code: 0 },
  { name: "warnings alone exit 0", files: { "pod.yaml": POD_WITHOUT_RESOURCES }, args: ["check"], code: 0 },
  { name: "an error-severity finding exits 1", files: { "cm.yaml": "a: 1\na: 2\n" }, args: ["check"], code: 1 },
  { name: "a syntax error exits 1", files: { "cm.yaml": "key: [unclosed\n" }, args: ["check"], code: 1 },
  { name: "an explicit file path is analysed", files: { "ok.yaml": CLEAN_POD, "bad.yaml": "a: 1\na: 2\n" }, args: ["check", "ok.yaml"], code: 0 },
  { name: "an empty folder exits 0", files: {}, args: ["check"], code: 0 },
  { name: "an unknown flag exits 2", files: {}, args: ["check", "--frobnicate"], code: 2, stderr: /^shipshape: Unknown option '--frobnicate'/ },
  { name: "an unknown format exits 2", files: {}, args: ["check", "--format", "xml"], code: 2, stderr: /Unknown format "xml"/ },
  { name: "a missing path exits 2", files: {}, args: ["check", "nowhere"], code: 2, stderr: /^shipshape: No such file or folder: nowhere$/m },
  { name: "a missing --config file exits 2", files: {}, args: ["check", "--config", "missing.yaml"], code: 2, stderr: /Config file not found: missing\.yaml/ },
  { name: "a malformed --kubernetes-version exits 2", files: {}, args: ["check", "--kubernetes-version", "2.0"], code: 2, stderr: /--kubernetes-version must look like 1\.32/ },
  { name: "a well-formed --kubernetes-version is accepted", files: { "pod.yaml": CLEAN_POD }, args: ["check", "--kubernetes-version", "1.29"], code: 0 },
  { name: "an unknown command exits 2", files: {}, args: ["lint"], code: 2, stderr: /Unknown command "lint"/ },
  { name: "no command exits 2", files: {}, args: [], code: 2, stderr: /No command given/ },
  { name: "--fix with rules exits 2", files: {}, args: ["rules", "--fix"], code: 2, stderr: /--fix only applies to the check command/ },
  { name: "--help exits 0", files: {}, args: ["--help"], code: 0 },
  { name: "--version exits 0", files: {}, args: ["--version"], code: 0 },
];

for (const entry of CASES) {
  test(entry.name, () => {
    const run = runCli(entry.args, workspace(entry.files));
    assert.equal(run.code, entry.code, `exit code; stderr:\n${run.stderr}`);
    if (entry.stderr) assert.match(run.stderr, entry.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "stderr holds a stack trace");
  });
}

test("SHIPSHAPE_DEBUG=1 adds the stack trace to a failure message, and only then", () => {
  // A config path that is a folder passes the existence check but cannot be read: an I/O error.
  const root = workspace({ "conf.d/x": "" });
  const quiet = runCli(["check", "--config", "conf.d"], root);
  assert.equal(quiet.code, 2);
  assert.equal(quiet.stderr.trim().split("\n").length, 1, quiet.stderr);
  const verbose = runCli(["check", "--config", "conf.d"], root, { SHIPSHAPE_DEBUG: "1" });
  assert.equal(verbose.code, 2);
  assert.match(verbose.stderr, /\n\s+at /);
});
