import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expectationsOf, filesBelow } from "../support/fixtures.ts";
import { runCli, runJson, workspace, type JsonFinding } from "./support.ts";

/**
 * `shipshape check` indexes every checked file before it analyses any, so references
 * resolve across files: a key missing from a ConfigMap in another file is an error, and an
 * object absent from the whole workspace is the lower-severity `unresolved-reference` note.
 *
 * Each folder of `fixtures/references/` is a workspace whose `# want <rule-id>` markers
 * list every finding it must give, of every rule, and nothing else.
 */
const FIXTURES = resolve(__dirname, "fixtures/references");

function filesOf(folder: string): Record<string, string> {
  const root = join(FIXTURES, folder);
  return Object.fromEntries(filesBelow(root).map((path) => [path, readFileSync(join(root, path), "utf8")]));
}

function expectedIn(files: Record<string, string>): string[] {
  return Object.entries(files)
    .flatMap(([path, text]) => expectationsOf(text).map((marker) => `${path}:${marker.line + 1} ${marker.ruleId}`))
    .sort();
}

const at = (findings: readonly JsonFinding[]) => findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`).sort();
const describeAll = (findings: readonly JsonFinding[]) => findings.map((finding) => `  ${finding.file}:${finding.line} ${finding.rule}: ${finding.message}`).join("\n");

describe("references across files", () => {
  for (const folder of ["across-files", "namespaces", "chart-templates"]) {
    test(`fixture workspace ${folder} gives exactly its markers' findings`, () => {
      const files = filesOf(folder);
      const expected = expectedIn(files);
      assert.ok(expected.length > 0, `${folder} has markers`);
      const { report } = runJson(["check", "."], workspace(files));
      assert.deepEqual(at(report.findings), expected, `findings differ from the markers:\n${describeAll(report.findings)}`);
    });
  }

  test("a missing key is an error and an object absent from the workspace is a note", () => {
    const { code, report } = runJson(["check", "."], workspace(filesOf("across-files")));
    assert.equal(code, 1);
    const severityOf = (rule: string) => [...new Set(report.findings.filter((finding) => finding.rule === rule).map((finding) => finding.severity))];
    assert.deepEqual(severityOf("kubernetes/unknown-config-key"), ["error"]);
    assert.deepEqual(severityOf("kubernetes/unresolved-reference"), ["info"]);
    const missingKey = report.findings.find((finding) => finding.rule === "kubernetes/unknown-config-key")!;
    assert.deepEqual(missingKey.fixes, ["Use key color", "Add key colour to ConfigMap settings"]);
  });

  test("an object absent from the workspace fails the run once its rule is set to error", () => {
    const files = filesOf("chart-templates");
    assert.equal(runCli(["check", "."], workspace(files)).code, 0, "a note alone passes");
    const strict = { ...files, ".shipshape.yaml": "rules:\n  kubernetes/unresolved-reference: error\n" };
    const { code, report } = runJson(["check", "."], workspace(strict));
    assert.equal(code, 1);
    assert.deepEqual(report.findings.map((finding) => `${finding.rule} ${finding.severity}`), ["kubernetes/unresolved-reference error"]);
  });

  test("the index holds the checked files: a file checked alone does not see its ConfigMap", () => {
    const root = workspace(filesOf("across-files"));
    const alone = runJson(["check", "deploy/web.yaml"], root).report.findings;
    assert.deepEqual(at(alone), ["deploy/web.yaml:29 kubernetes/unresolved-reference", "deploy/web.yaml:34 kubernetes/unresolved-reference", "deploy/web.yaml:39 kubernetes/unresolved-reference", "deploy/web.yaml:43 kubernetes/unresolved-reference"]);
    const both = runJson(["check", "deploy/web.yaml", "config"], root).report.findings;
    assert.deepEqual(at(both), ["deploy/web.yaml:35 kubernetes/unknown-config-key", "deploy/web.yaml:43 kubernetes/unresolved-reference"]);
  });

  for (const format of ["text", "json", "sarif"]) {
    test(`--format ${format} prints the same cross-file findings on two worker threads as in one thread`, () => {
      // SHIPSHAPE_WORKERS starts the threads whatever the size; each copy is its own namespace.
      const files: Record<string, string> = {};
      for (let copy = 0; copy < 12; copy++) {
        for (const folder of ["across-files", "namespaces"]) {
          for (const [path, text] of Object.entries(filesOf(folder))) files[`copy-${copy}/${folder}/${path}`] = text;
        }
        files[`copy-${copy}/kustomization.yaml`] = `namespace: copy-${copy}\nresources:\n  - across-files\n`;
      }
      const root = workspace(files);
      const single = runCli(["check", ".", "--format", format], root, { SHIPSHAPE_WORKERS: "0" });
      const parallel = runCli(["check", ".", "--format", format], root, { SHIPSHAPE_WORKERS: "2" });
      assert.equal(single.code, 1);
      assert.equal(parallel.stderr, single.stderr);
      assert.equal(parallel.stdout, single.stdout);
      assert.match(single.stdout, /unknown-config-key/);
    });
  }
});
