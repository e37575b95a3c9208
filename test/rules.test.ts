import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  ALL_RULES,
  ALL_RULE_IDS,
  analyzeFile,
  applyEdits,
  defaultConfig,
  fixesForFinding,
  layoutFromPaths,
  customResourcesIn,
  kubernetesEnvironment,
  parseConfig,
  type Finding,
  type KubernetesEnvironment,
  WorkspaceIndex,
  indexSourceFile,
  isKustomizationPath,
  kustomizeNamespaces,
  type WorkspaceOptions,
  type Rule,
  type RuleExample,
  HelmWorkspace,
} from "../server/src/analysis/index.ts";
import { expectationsOf, filesBelow, goldenPathOf, isGolden, readText } from "./support/fixtures.ts";
import { loadBundledSchemas } from "../server/src/io/schema-data.ts";

const RULES_DIR = resolve(__dirname, "../server/src/analysis/rules");

/**
 * A fixture runs the default set, the rule under test and every rule its markers name,
 * so a finding of any of them without a marker fails the test, while opt-in rules of
 * other groups do not crowd every fixture.
 */
function configFor(ruleId: string, text = "") {
  const config = defaultConfig();
  const enabled = new Set([ruleId, ...ALL_RULES.filter((rule) => rule.recommended).map((rule) => rule.id), ...expectationsOf(text).map((marker) => marker.ruleId)]);
  for (const id of enabled) config.rules[id] = {};
  return config;
}

/**
 * A fixture folder is a workspace: its `.shipshape.yaml` may set `kubernetesVersion`, and
 * its CRDs define custom resources for every file in it. The schemas are the real bundled ones.
 */
function environmentOf(fixturesDir: string, paths: readonly string[]): KubernetesEnvironment {
  const configPath = paths.find((path) => path === ".shipshape.yaml");
  const version = configPath ? parseConfig(readText(join(fixturesDir, configPath)), fixturesDir, ALL_RULE_IDS).config.kubernetesVersion : undefined;
  const customResources = paths.filter((path) => !isGolden(path)).flatMap((path) => customResourcesIn(join(fixturesDir, path), readText(join(fixturesDir, path))));
  return kubernetesEnvironment(loadBundledSchemas(), version, customResources);
}

/** Every resource of a fixture folder, namespaced by its kustomizations, as the editor's index would hold them. */
function workspaceOf(fixturesDir: string, paths: readonly string[], layout: ReturnType<typeof layoutFromPaths>): (path: string) => WorkspaceOptions {
  const absolute = paths.filter((path) => !isGolden(path)).map((path) => join(fixturesDir, path));
  const namespaces = kustomizeNamespaces(absolute.filter(isKustomizationPath).map((path) => ({ path, text: readText(path) })), absolute);
  const index = new WorkspaceIndex();
  for (const path of absolute) index.update(path, indexSourceFile({ path, text: readText(path) }, layout, namespaces.get(path)));
  return (path) => {
    const options: WorkspaceOptions = { index };
    const namespace = namespaces.get(path);
    if (namespace !== undefined) options.kustomizeNamespace = namespace;
    return options;
  };
}

function ruleFolder(rule: Rule): string {
  return join(RULES_DIR, rule.id);
}

describe("rule registry", () => {
  test("rule-ids.ts lists exactly the registered rules", () => {
    assert.deepEqual([...ALL_RULE_IDS].sort(), ALL_RULES.map((rule) => rule.id).sort());
  });
  test("every rule lives in the folder named by its id", () => {
    for (const rule of ALL_RULES) assert.ok(existsSync(join(ruleFolder(rule), "rule.ts")), `${rule.id} has no rule.ts at its id's path`);
  });
});

for (const rule of ALL_RULES) {
  describe(rule.id, () => {
    const config = configFor(rule.id);

    test("the invalid doc example is reported and the valid one is not", () => {
      const kubernetes = kubernetesEnvironment(loadBundledSchemas(), undefined);
      const invalid = analyzeExample(rule.docs.invalid, { config, kubernetes }).filter((finding) => finding.ruleId === rule.id);
      assert.ok(invalid.length > 0, "the invalid example gives no finding");
      const valid = analyzeExample(rule.docs.valid, { config, kubernetes }).filter((finding) => finding.ruleId === rule.id);
      assert.deepEqual(valid.map((finding) => finding.message), [], "the valid example gives a finding");
    });

    const fixturesDir = join(ruleFolder(rule), "fixtures");
    const paths = existsSync(fixturesDir) ? filesBelow(fixturesDir) : [];
    const fixturePaths = paths.filter((path) => !isGolden(path));

    test("has fixtures with at least one expected finding", () => {
      const markers = fixturePaths.flatMap((path) => expectationsOf(readText(join(fixturesDir, path))));
      assert.ok(markers.some((marker) => marker.ruleId === rule.id), `no fixture under ${fixturesDir} expects ${rule.id}`);
      if (rule.fix) assert.ok(paths.some(isGolden), "the rule has a fix but no golden file");
    });

    // The layout comes from the fixture folder, so a fixture folder is a small workspace.
    const layout = layoutFromPaths(paths.map((path) => join(fixturesDir, path)));
    const kubernetes = paths.length > 0 ? environmentOf(fixturesDir, paths) : undefined;
    const workspace = paths.length > 0 ? workspaceOf(fixturesDir, paths, layout) : undefined;
    const helm = new HelmWorkspace(layout, fixturePaths.map((path) => ({ path: join(fixturesDir, path), text: readText(join(fixturesDir, path)) })));
    for (const path of fixturePaths) {
      test(`fixture ${path}`, () => {
        const absolute = join(fixturesDir, path);
        const text = readText(absolute);
        const findings = analyzeFile({ path: absolute, text }, { config: configFor(rule.id, text), layout, helm, ...(kubernetes ? { kubernetes } : {}), ...(workspace ? { workspace: workspace(absolute) } : {}) });
        const expected = expectationsOf(text);
        const actual = findings.map((finding) => ({ line: finding.range.start.line, ruleId: finding.ruleId }));
        assert.deepEqual(
          actual.map(describeAt).sort(),
          expected.map(describeAt).sort(),
          `findings differ from the markers:\n${findings.map((finding) => `  ${describeAt({ line: finding.range.start.line, ruleId: finding.ruleId })} ${finding.message}`).join("\n")}`,
        );
        checkFixes(absolute, text, findings, expected);
      });
    }
  });
}

/**
 * A doc example is a small workspace of its own: its path and its other files decide the
 * layout (a `Chart.yaml` path is a chart's metadata) and the charts' files.
 */
function analyzeExample(example: RuleExample, options: { config: ReturnType<typeof configFor>; kubernetes: KubernetesEnvironment }): Finding[] {
  const files = [{ path: example.path, text: example.text }, ...(example.files ?? [])];
  const paths = files.map((file) => file.path);
  // A chart example names its Chart.yaml among its files, or is the Chart.yaml itself.
  const layout = layoutFromPaths(paths);
  return analyzeFile(example, { ...options, layout, helm: new HelmWorkspace(layout, files) });
}

function checkFixes(absolute: string, text: string, findings: Finding[], expected: ReturnType<typeof expectationsOf>): void {
  const named = expected.filter((marker) => marker.fixTitle !== undefined);
  const goldenPath = goldenPathOf(absolute);
  if (named.length === 0) {
    assert.ok(!existsSync(goldenPath), `${goldenPath} exists but no marker names a fix`);
    return;
  }
  const edits = named.flatMap((marker) => {
    const finding = findings.find((candidate) => candidate.ruleId === marker.ruleId && candidate.range.start.line === marker.line);
    assert.ok(finding, `no finding for the marker on line ${marker.line + 1}`);
    const fixes = fixesForFinding(finding.ruleId, JSON.parse(JSON.stringify(finding.data)), { path: absolute, text });
    const fix = fixes.find((candidate) => candidate.title === marker.fixTitle);
    assert.ok(fix, `no fix titled "${marker.fixTitle}" on line ${marker.line + 1}; fixes: ${fixes.map((candidate) => candidate.title).join(" | ")}`);
    // An edit in another fixture file (a key added to a ConfigMap elsewhere) must name a file of the folder;
    // its result is checked over LSP, where an editor applies it. Edits in this file make the golden.
    for (const edit of fix.edits) if (edit.path !== undefined && edit.path !== absolute) assert.ok(existsSync(edit.path), `a fix edits ${edit.path}, which does not exist`);
    return fix.edits.filter((edit) => edit.path === undefined || edit.path === absolute);
  });
  assert.ok(existsSync(goldenPath), `missing golden file ${goldenPath}`);
  assert.equal(applyEdits(text, edits), readText(goldenPath));
}

function describeAt(entry: { line: number; ruleId: string }): string {
  return `${entry.line + 1}:${entry.ruleId}`;
}

test("the rules folder has no fixture folder without a rule", () => {
  const groups = readdirSync(RULES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const group of groups) {
    for (const folder of readdirSync(join(RULES_DIR, group.name))) {
      assert.ok(ALL_RULE_IDS.has(`${group.name}/${folder}`), `${group.name}/${folder} is not a registered rule`);
    }
  }
});
