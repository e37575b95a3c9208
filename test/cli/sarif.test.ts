import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, runCli, workspace } from "./support.ts";

/**
 * Checks the parts of SARIF 2.1.0 that GitHub code scanning requires or reads
 * ("SARIF support for code scanning"): one run with `tool.driver.name`, rules with ids,
 * results with `message.text`, a `ruleId` that names a rule (and a `ruleIndex` that
 * points at it), a physical location with a relative URI, and a region whose startLine
 * is at least 1 and whose end is after its start. Returns the problems found.
 */
function sarifProblems(log: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  check(log.version === "2.1.0", "version must be 2.1.0");
  check(log.$schema === "https://json.schemastore.org/sarif-2.1.0.json", "$schema must name the 2.1.0 schema");
  check(Array.isArray(log.runs) && log.runs.length === 1, "exactly one run");
  const run = log.runs?.[0] ?? {};
  const driver = run.tool?.driver ?? {};
  check(typeof driver.name === "string" && driver.name.length > 0, "tool.driver.name is required");
  check(/^\d+\.\d+\.\d+/.test(driver.semanticVersion ?? ""), "semanticVersion is a semantic version");
  check(/^https?:\/\//.test(driver.informationUri ?? ""), "informationUri is absolute");
  const rules: any[] = driver.rules ?? [];
  check(new Set(rules.map((rule) => rule.id)).size === rules.length, "rule ids are unique");
  for (const rule of rules) {
    const where = `rule ${rule.id}`;
    check(typeof rule.id === "string" && rule.id.length > 0, `${where}: id`);
    check(typeof rule.name === "string" && !rule.name.includes("/"), `${where}: name is an identifier`);
    check(typeof rule.shortDescription?.text === "string" && rule.shortDescription.text.length > 0, `${where}: shortDescription.text`);
    check(typeof rule.fullDescription?.text === "string" && rule.fullDescription.text.length > 0, `${where}: fullDescription.text`);
    check(/^https?:\/\/.+\/docs\/rules\/.+\.md$/.test(rule.helpUri ?? ""), `${where}: helpUri points at docs/rules`);
    check(typeof rule.help?.text === "string" && typeof rule.help?.markdown === "string", `${where}: help.text and help.markdown`);
    check(["none", "note", "warning", "error"].includes(rule.defaultConfiguration?.level), `${where}: defaultConfiguration.level`);
    check(Array.isArray(rule.properties?.tags) && rule.properties.tags.every((tag: unknown) => typeof tag === "string"), `${where}: properties.tags`);
  }
  const baseIds = run.originalUriBaseIds ?? {};
  check(/^file:\/\/.*\/$/.test(baseIds["%SRCROOT%"]?.uri ?? ""), "%SRCROOT% is a file URI ending with a slash");
  check(Array.isArray(run.results) && run.results.length <= 25_000, "results is an array within GitHub's limit");
  for (const [index, result] of (run.results ?? []).entries()) {
    const where = `result ${index}`;
    check(rules[result.ruleIndex]?.id === result.ruleId, `${where}: ruleIndex points at ruleId`);
    check(["none", "note", "warning", "error"].includes(result.level), `${where}: level`);
    check(typeof result.message?.text === "string" && result.message.text.length > 0, `${where}: message.text`);
    check(Array.isArray(result.locations) && result.locations.length >= 1 && result.locations.length <= 10, `${where}: 1 to 10 locations`);
    const physical = result.locations?.[0]?.physicalLocation ?? {};
    const uri: string = physical.artifactLocation?.uri ?? "";
    check(uri.length > 0 && !uri.includes("\\") && !/^[a-z]+:/i.test(uri) && !uri.startsWith("/"), `${where}: uri is relative with forward slashes`);
    check(physical.artifactLocation?.uriBaseId === "%SRCROOT%" && "%SRCROOT%" in baseIds, `${where}: uriBaseId is declared`);
    const region = physical.region ?? {};
    check(Number.isInteger(region.startLine) && region.startLine >= 1, `${where}: startLine >= 1`);
    check(Number.isInteger(region.startColumn) && region.startColumn >= 1, `${where}: startColumn >= 1`);
    check(region.endLine >= region.startLine, `${where}: endLine >= startLine`);
    check(region.endLine > region.startLine || region.endColumn > region.startColumn, `${where}: a one-line region ends after it starts`);
    const fingerprints = result.partialFingerprints ?? {};
    check(typeof fingerprints["shipshapeFinding/v1"] === "string", `${where}: partialFingerprints has shipshapeFinding/v1`);
    check(!("primaryLocationLineHash" in fingerprints), `${where}: GitHub computes primaryLocationLineHash itself`);
  }
  return problems;
}

function sarifOf(files: Record<string, string>, args: string[] = []): any {
  const run = runCli(["check", "--format", "sarif", ...args], workspace(files));
  return JSON.parse(run.stdout);
}

const MIXED_WORKSPACE = {
  ".github/workflows/ci.yml": fixture("workflows/deprecated-command", ".github/workflows/ci.yml"),
  "deploy/deployment.yaml": fixture("kubernetes/container-resources", "deployment.yaml"),
  "meta.yaml": fixture("yaml/duplicate-key", "metadata.yaml"),
  // An unclosed flow sequence is reported as an empty range at the end of the file.
  "broken.yaml": "k: [1\n",
  "binary.yaml": "\0\0\0binary",
};

test("the SARIF log meets GitHub's structural requirements", () => {
  const log = sarifOf(MIXED_WORKSPACE);
  assert.deepEqual(sarifProblems(log), []);
  assert.ok(log.runs[0].results.length > 10, "the workspace should produce many results");
});

test("the validator itself rejects a broken log", () => {
  const log = sarifOf(MIXED_WORKSPACE);
  const result = log.runs[0].results[0];
  result.locations[0].physicalLocation.region.endColumn = result.locations[0].physicalLocation.region.startColumn;
  result.locations[0].physicalLocation.region.endLine = result.locations[0].physicalLocation.region.startLine;
  result.ruleIndex = 999;
  result.message.text = "";
  assert.deepEqual(sarifProblems(log), [
    "result 0: ruleIndex points at ruleId",
    "result 0: message.text",
    "result 0: a one-line region ends after it starts",
  ]);
});

test("every rule is described, with its level mapped from the default severity", () => {
  const rulesRun = runCli(["rules", "--format", "json"], workspace({}));
  const listed = (JSON.parse(rulesRun.stdout) as { rules: Array<{ id: string; severity: string }> }).rules;
  const log = sarifOf({});
  const levels = Object.fromEntries(log.runs[0].tool.driver.rules.map((rule: any) => [rule.id, rule.defaultConfiguration.level]));
  const expected = Object.fromEntries(listed.map((rule) => [rule.id, rule.severity === "error" ? "error" : rule.severity === "warning" ? "warning" : "note"]));
  assert.deepEqual(levels, expected);
  assert.deepEqual(log.runs[0].results, []);
});

interface RegionCase {
  name: string;
  file: string;
  text: string;
  rule: string;
  region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

const REGION_CASES: RegionCase[] = [
  { name: "a key", file: "cm.yaml", text: "a: 1\nabc: 2\nabc: 3\n", rule: "yaml/duplicate-key", region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 4 } },
  { name: "an empty range widens to one column", file: "broken.yaml", text: "k: [1\n", rule: "yaml/syntax-error", region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 } },
  { name: "a whole-file problem sits on line 1", file: "binary.yaml", text: "\0\0binary", rule: "yaml/input-limit", region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } },
];

for (const entry of REGION_CASES) {
  test(`region: ${entry.name}`, () => {
    const results = sarifOf({ [entry.file]: entry.text }).runs[0].results.filter((result: any) => result.ruleId === entry.rule);
    assert.equal(results.length, 1);
    assert.deepEqual(results[0].locations[0].physicalLocation.region, entry.region);
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, entry.file);
  });
}

test("levels: error stays error, warning stays warning, info and hint become note", () => {
  const config = "rules:\n  yaml/duplicate-key: info\n  yaml/syntax-error: hint\n";
  const log = sarifOf({ ".shipshape.yaml": config, "a.yaml": "a: 1\na: 2\n", "b.yaml": "k: [1\n", "c.yaml": "\0" });
  const levels = Object.fromEntries(log.runs[0].results.map((result: any) => [result.ruleId, result.level]));
  assert.deepEqual(levels, { "yaml/duplicate-key": "note", "yaml/syntax-error": "note", "yaml/input-limit": "warning" });
});

test("fingerprints survive lines inserted above and tell identical findings apart", () => {
  const before = sarifOf({ "cm.yaml": "a: 1\na: 2\na: 3\n" }).runs[0].results;
  const after = sarifOf({ "cm.yaml": "# a comment\n\na: 1\na: 2\na: 3\n" }).runs[0].results;
  const prints = (results: any[]) => results.map((result) => result.partialFingerprints["shipshapeFinding/v1"]);
  assert.equal(before.length, 2);
  assert.deepEqual(prints(after), prints(before));
  assert.notEqual(prints(before)[0], prints(before)[1]);
  assert.notDeepEqual(after[0].locations[0].physicalLocation.region, before[0].locations[0].physicalLocation.region);
});
