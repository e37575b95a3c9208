import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { fixture, runCli, runJson, workspace } from "./support.ts";

const WORKFLOW = ".github/workflows/ci.yml";
const workflowBefore = fixture("workflows/deprecated-command", WORKFLOW);
const workflowAfter = fixture("workflows/deprecated-command", ".github/workflows/ci.golden.yml");
const deployment = fixture("kubernetes/container-resources", "deployment.yaml");

/** The number of safe rewrites the fixture's markers name; the two others have no safe fix. */
const SAFE_FIXES_IN_WORKFLOW = 6;

const toCrlf = (text: string) => text.replace(/\r?\n/g, "\r\n");
const BOM = "\uFEFF";

interface EncodingCase {
  name: string;
  encode(text: string): string;
}

const ENCODINGS: EncodingCase[] = [
  { name: "LF", encode: (text) => text },
  { name: "CRLF", encode: toCrlf },
  { name: "BOM", encode: (text) => BOM + text },
  { name: "CRLF with BOM", encode: (text) => BOM + toCrlf(text) },
];

for (const encoding of ENCODINGS) {
  test(`--fix rewrites deprecated workflow commands as the golden file says, keeping ${encoding.name}`, () => {
    const root = workspace({ [WORKFLOW]: encoding.encode(workflowBefore) });
    const { code, report, stderr } = runJson(["check", "--fix"], root);
    assert.equal(readFileSync(join(root, WORKFLOW), "utf8"), encoding.encode(workflowAfter));
    assert.equal(code, 0);
    assert.equal(report.summary.fixed, SAFE_FIXES_IN_WORKFLOW);
    // What is left is the unsafe rewrite (an encoded newline) and the one with no rewrite.
    assert.deepEqual(report.findings.map((finding) => finding.line), [16, 18]);
    assert.match(stderr, new RegExp(`fixed ${SAFE_FIXES_IN_WORKFLOW} findings in 1 file:\\n  \\.github/workflows/ci\\.yml \\(${SAFE_FIXES_IN_WORKFLOW}\\)`));
  });
}

test("a second --fix run finds nothing fixable and writes nothing", () => {
  const root = workspace({ [WORKFLOW]: workflowBefore });
  runCli(["check", "--fix"], root);
  const path = join(root, WORKFLOW);
  const past = new Date("2020-01-01T00:00:00Z");
  utimesSync(path, past, past);
  const second = runJson(["check", "--fix"], root);
  assert.equal(second.report.summary.fixed, 0);
  assert.equal(second.stderr, "");
  assert.equal(statSync(path).mtimeMs, past.getTime(), "the file was written again");
  const text = runCli(["check"], root);
  assert.doesNotMatch(text.stdout, /fixable with --fix/);
});

test("--fix leaves unsafe fixes alone: container resources are never guessed", () => {
  const root = workspace({ "deployment.yaml": deployment });
  const path = join(root, "deployment.yaml");
  const past = new Date("2020-01-01T00:00:00Z");
  utimesSync(path, past, past);
  const { report } = runJson(["check", "--fix"], root);
  assert.equal(readFileSync(path, "utf8"), deployment);
  assert.equal(statSync(path).mtimeMs, past.getTime(), "an unchanged file was written");
  assert.equal(report.summary.fixed, 0);
  const resourceFindings = report.findings.filter((finding) => finding.rule === "kubernetes/container-resources");
  assert.ok(resourceFindings.length >= 5);
  // The quick-fix is still offered to a person.
  assert.ok(resourceFindings.every((finding) => finding.fixes.length === 1 && finding.fixes[0]!.startsWith("Add ")));
});

test("without --fix nothing is written, and the text summary counts what --fix would fix", () => {
  const root = workspace({ [WORKFLOW]: workflowBefore });
  const run = runCli(["check"], root);
  assert.equal(readFileSync(join(root, WORKFLOW), "utf8"), workflowBefore);
  assert.match(run.stdout, new RegExp(`; ${SAFE_FIXES_IN_WORKFLOW} fixable with --fix\\n$`));
});

test("--fix leaves no temporary file behind and keeps the other files untouched", () => {
  const root = workspace({ [WORKFLOW]: workflowBefore, ".github/workflows/notes.txt": "keep\n", "deployment.yaml": deployment });
  runCli(["check", "--fix"], root);
  assert.deepEqual(readdirSync(join(root, ".github/workflows")).sort(), ["ci.yml", "notes.txt"]);
  assert.equal(readFileSync(join(root, ".github/workflows/notes.txt"), "utf8"), "keep\n");
  assert.deepEqual(readdirSync(root).sort(), [".github", "deployment.yaml"]);
});

test("--fix keeps the file mode", { skip: process.platform === "win32" }, () => {
  const root = workspace({ [WORKFLOW]: workflowBefore });
  const path = join(root, WORKFLOW);
  chmodSync(path, 0o640);
  runCli(["check", "--fix"], root);
  assert.equal(readFileSync(path, "utf8"), workflowAfter);
  assert.equal(statSync(path).mode & 0o777, 0o640);
});

test("--fix with --format sarif keeps stdout a SARIF log", () => {
  const root = workspace({ [WORKFLOW]: workflowBefore });
  const run = runCli(["check", "--fix", "--format", "sarif"], root);
  const log = JSON.parse(run.stdout) as { runs: Array<{ results: unknown[] }> };
  assert.equal(log.runs[0]!.results.length, 2);
  assert.match(run.stderr, /^fixed 6 findings in 1 file:/);
});

test("--fix never rewrites a file that is not valid UTF-8, and says why", () => {
  // A Latin-1 byte in a comment: decoding and re-encoding would replace it with U+FFFD.
  const latin1 = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from("\n" + workflowBefore)]);
  const root = workspace({ [WORKFLOW]: latin1 });
  const { code, report, stderr } = runJson(["check", "--fix"], root);
  assert.ok(readFileSync(join(root, WORKFLOW)).equals(latin1), "the file was changed");
  assert.equal(code, 0);
  assert.equal(report.summary.fixed, 0);
  assert.ok(report.findings.length >= 8, "the findings of the unchanged file are reported");
  assert.match(stderr, /warning: did not write \.github\/workflows\/ci\.yml: .*not valid UTF-8/);
});
