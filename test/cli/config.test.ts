import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli, runJson, workspace } from "./support.ts";

const DUPLICATE = "a: 1\na: 2\n";
const POD_WITHOUT_RESOURCES = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n";

interface ConfigCase {
  name: string;
  files: Record<string, string>;
  /** The folder to run in, relative to the workspace. */
  cwd?: string;
  args?: string[];
  code: number;
  rules: string[];
  files_analysed?: number;
}

const CASES: ConfigCase[] = [
  { name: "no config: the recommended rules run", files: { "a.yaml": DUPLICATE }, code: 1, rules: ["yaml/duplicate-key"] },
  {
    name: ".shipshape.yaml in the cwd turns a rule off",
    files: { ".shipshape.yaml": "rules:\n  yaml/duplicate-key: off\n", "a.yaml": DUPLICATE },
    code: 0,
    rules: [],
  },
  {
    name: "the nearest .shipshape.yaml above the cwd applies",
    files: { ".shipshape.yaml": "rules:\n  yaml/duplicate-key: off\n", "sub/a.yaml": DUPLICATE },
    cwd: "sub",
    code: 0,
    rules: [],
  },
  {
    name: "a group setting turns every rule of the group off",
    files: { ".shipshape.yaml": "rules:\n  yaml/*: off\n", "a.yaml": DUPLICATE, "b.yaml": "k: [1\n" },
    code: 0,
    rules: [],
  },
  {
    name: "a severity override makes a warning fail the run",
    files: { ".shipshape.yaml": "rules:\n  kubernetes/container-resources: error\n", "pod.yaml": POD_WITHOUT_RESOURCES },
    code: 1,
    rules: ["kubernetes/container-resources"],
  },
  {
    name: "--config wins over the nearest .shipshape.yaml",
    files: { ".shipshape.yaml": "rules:\n  yaml/duplicate-key: off\n", "ci/strict.yml": "rules:\n  yaml/duplicate-key: error\n", "a.yaml": DUPLICATE },
    args: ["a.yaml", "--config", "ci/strict.yml"],
    code: 1,
    rules: ["yaml/duplicate-key"],
  },
  {
    name: "--config can turn a rule off",
    files: { "lenient.yaml": "rules:\n  yaml/duplicate-key: off\n", "src/a.yaml": DUPLICATE },
    args: ["src", "--config", "lenient.yaml"],
    code: 0,
    rules: [],
  },
  {
    name: "ignore globs, relative to the config's folder, drop files from the run",
    files: { ".shipshape.yaml": 'ignore: ["generated/**"]\n', "generated/a.yaml": DUPLICATE, "b.yaml": "x: 1\n" },
    code: 0,
    rules: [],
    files_analysed: 2,
  },
  {
    name: "an invalid config inside the analysed folder is an error finding",
    files: { ".shipshape.yaml": "rules:\n  yaml/duplicate-keys: off\n" },
    code: 1,
    rules: ["shipshape/invalid-config"],
  },
  {
    name: "--kubernetes-version is accepted alongside the config's own version",
    files: { ".shipshape.yaml": 'kubernetesVersion: "1.25"\n', "pod.yaml": POD_WITHOUT_RESOURCES },
    args: ["--kubernetes-version", "1.32"],
    code: 0,
    rules: ["kubernetes/container-resources"],
  },
];

for (const entry of CASES) {
  test(`config: ${entry.name}`, () => {
    const root = workspace(entry.files);
    const { code, report, stderr } = runJson(["check", ...(entry.args ?? [])], join(root, entry.cwd ?? "."));
    assert.equal(code, entry.code, stderr);
    assert.deepEqual([...new Set(report.findings.map((finding) => finding.rule))], entry.rules);
    if (entry.files_analysed !== undefined) assert.equal(report.summary.files, entry.files_analysed);
  });
}

for (const version of ["1.0", "1.32", "1.100"]) {
  test(`--kubernetes-version ${version} is accepted`, () => {
    assert.equal(runCli(["check", "--kubernetes-version", version], workspace({ "a.yaml": "x: 1\n" })).code, 0);
  });
}

for (const version of ["1", "v1.30", "1.x", "2.1", "1.30.1", ""]) {
  test(`--kubernetes-version "${version}" is refused`, () => {
    const run = runCli(["check", "--kubernetes-version", version], workspace({}));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--kubernetes-version must look like 1\.32/);
  });
}

test("a config outside the analysed paths reports its problems as warnings on stderr", () => {
  const root = workspace({ ".shipshape.yaml": "rules:\n  yaml/duplicate-key: sometimes\n", "src/a.yaml": "x: 1\n" });
  const run = runCli(["check", "src"], root);
  assert.equal(run.code, 0);
  assert.match(run.stderr, /^shipshape: warning: \.shipshape\.yaml:2:23: The setting for "yaml\/duplicate-key" must be off/m);
});
