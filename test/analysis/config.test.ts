import { test } from "node:test";
import assert from "node:assert/strict";
import { ALL_RULE_IDS, ALL_RULES, analyzeFile, mergeConfig, parseConfig, type Rule } from "../../server/src/analysis/index.ts";

const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n";

function run(configText: string, path = "/w/pod.yaml") {
  const { config, problems } = parseConfig(configText, "/w", ALL_RULE_IDS);
  assert.deepEqual(problems, [], "the config has problems");
  return analyzeFile({ path, text: manifest }, { config }).map((finding) => `${finding.ruleId}:${finding.severity}`);
}

test("defaults run the recommended rules at their own severity", () => {
  assert.deepEqual(run(""), ["yaml/duplicate-key:error", "kubernetes/container-resources:warning"]);
});
test("a rule can be turned off", () => {
  assert.deepEqual(run("rules:\n  yaml/duplicate-key: off\n"), ["kubernetes/container-resources:warning"]);
});
test("a severity can be overridden", () => {
  assert.deepEqual(run("rules:\n  kubernetes/container-resources: error\n"), ["yaml/duplicate-key:error", "kubernetes/container-resources:error"]);
});
test("a group setting applies to every rule of the group, and a rule's own setting wins", () => {
  assert.deepEqual(run("rules:\n  yaml/*: info\n  kubernetes/*: off\n"), ["yaml/duplicate-key:info"]);
  assert.deepEqual(run("rules:\n  yaml/*: off\n  yaml/duplicate-key: hint\n"), ["yaml/duplicate-key:hint", "kubernetes/container-resources:warning"]);
});
test("ignore globs are relative to the config's folder", () => {
  assert.deepEqual(run("ignore: ['generated/**']\n", "/w/generated/pod.yaml"), []);
  assert.equal(run("ignore: ['generated/**']\n", "/w/src/pod.yaml").length, 2);
});
test("rule options reach the rule", () => {
  const options = "rules:\n  kubernetes/container-resources:\n    options:\n      require: [limits.cpu]\n";
  const { config } = parseConfig(options, "/w", ALL_RULE_IDS);
  const finding = analyzeFile({ path: "/w/pod.yaml", text: manifest }, { config }).find((item) => item.ruleId === "kubernetes/container-resources");
  assert.deepEqual((finding?.data as { missing: string[] }).missing, ["limits.cpu"]);
});
test("editor settings merge over the file, rule by rule", () => {
  const { config } = parseConfig("rules:\n  yaml/duplicate-key: off\n", "/w", ALL_RULE_IDS);
  const merged = mergeConfig(config, { rules: { "kubernetes/container-resources": { level: "hint" } }, kubernetesVersion: "1.31" });
  assert.deepEqual(merged.rules, { "yaml/duplicate-key": { level: "off" }, "kubernetes/container-resources": { level: "hint" } });
  assert.equal(merged.kubernetesVersion, "1.31");
});

test("the restricted profile adds the rules marked restricted, and a rule's own setting still wins", () => {
  // A copy of a real rule, marked as restricted-only, stands for the Pod Security Standards rules.
  const base = ALL_RULES.find((rule) => rule.id === "yaml/duplicate-key")!;
  const restrictedOnly: Rule<any> = { ...base, recommended: false, restricted: true };
  const ids = (configText: string) =>
    analyzeFile({ path: "/w/pod.yaml", text: manifest }, { config: parseConfig(configText, "/w", ALL_RULE_IDS).config, rules: [restrictedOnly] }).map((finding) => finding.ruleId);
  assert.deepEqual(ids(""), []);
  assert.deepEqual(ids("profile: recommended\n"), []);
  assert.deepEqual(ids("profile: restricted\n"), ["yaml/duplicate-key"]);
  assert.deepEqual(ids("profile: restricted\nrules:\n  yaml/duplicate-key: off\n"), []);
  assert.equal(mergeConfig(parseConfig("profile: restricted\n", "/w", ALL_RULE_IDS).config, {}).profile, "restricted");
});

const invalidConfigs: Array<[string, RegExp]> = [
  ["profile: strict\n", /profile must be one of recommended, restricted/],
  ["rules:\n  yaml/duplicate-keys: off\n", /Unknown rule "yaml\/duplicate-keys"/],
  ["rules:\n  yaml/duplicate-key: loud\n", /must be off/],
  ["kubernetesVersion: latest\n", /kubernetesVersion/],
  ["ignore: vendor\n", /ignore must be a list/],
  ["colour: blue\n", /Unknown setting "colour"/],
  ["- a\n", /must be a mapping/],
];
for (const [text, message] of invalidConfigs) {
  test(`config problem is reported for ${JSON.stringify(text)}`, () => {
    const { problems } = parseConfig(text, "/w", ALL_RULE_IDS);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, message);
  });
}
