import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "yaml";
import { describeSelector, matchesLabels, nearMisses, selectsEverything, unmetRequirements, type LabelSelector } from "../../server/src/analysis/kubernetes/selectors.ts";
import { labelMapOf, labelSelectorAt, mapSelectorAt } from "../../server/src/analysis/kubernetes/selector-nodes.ts";
import type { AnyNode } from "../../server/src/analysis/documents/ast.ts";

function selector(matchLabels: Record<string, string>, matchExpressions: LabelSelector["matchExpressions"] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

const WEB = { app: "web", tier: "frontend" };

test("selectors match labels as Kubernetes does", () => {
  const cases: Array<[string, LabelSelector, Record<string, string>, boolean]> = [
    ["an empty selector matches everything", selector({}), WEB, true],
    ["an empty selector matches no labels", selector({}), {}, true],
    ["matchLabels subset", selector({ app: "web" }), WEB, true],
    ["matchLabels all", selector(WEB), WEB, true],
    ["matchLabels other value", selector({ app: "api" }), WEB, false],
    ["matchLabels missing key", selector({ app: "web", env: "prod" }), WEB, false],
    ["matchLabels on no labels", selector({ app: "web" }), {}, false],
    ["In with the value", selector({}, [{ key: "tier", operator: "In", values: ["backend", "frontend"] }]), WEB, true],
    ["In without the value", selector({}, [{ key: "tier", operator: "In", values: ["backend"] }]), WEB, false],
    ["In without the key", selector({}, [{ key: "env", operator: "In", values: ["prod"] }]), WEB, false],
    ["NotIn with another value", selector({}, [{ key: "tier", operator: "NotIn", values: ["backend"] }]), WEB, true],
    ["NotIn with the value", selector({}, [{ key: "tier", operator: "NotIn", values: ["frontend"] }]), WEB, false],
    ["NotIn without the key", selector({}, [{ key: "env", operator: "NotIn", values: ["prod"] }]), WEB, true],
    ["Exists with the key", selector({}, [{ key: "app", operator: "Exists", values: [] }]), WEB, true],
    ["Exists without the key", selector({}, [{ key: "env", operator: "Exists", values: [] }]), WEB, false],
    ["DoesNotExist without the key", selector({}, [{ key: "env", operator: "DoesNotExist", values: [] }]), WEB, true],
    ["DoesNotExist with the key", selector({}, [{ key: "app", operator: "DoesNotExist", values: [] }]), WEB, false],
    ["an empty value is a value", selector({ canary: "" }), { canary: "" }, true],
    ["labels and expressions are ANDed", selector({ app: "web" }, [{ key: "tier", operator: "In", values: ["backend"] }]), WEB, false],
    ["a prototype key is not a label", selector({}, [{ key: "constructor", operator: "Exists", values: [] }]), {}, false],
  ];
  for (const [name, given, labels, expected] of cases) {
    assert.equal(matchesLabels(given, labels), expected, name);
    assert.equal(unmetRequirements(given, labels).length === 0, expected, name);
  }
});

test("keys a controller adds satisfy every requirement but DoesNotExist", () => {
  const present = new Set(["pod-template-hash"]);
  const cases: Array<[LabelSelector, boolean]> = [
    [selector({ "pod-template-hash": "abc" }), true],
    [selector({}, [{ key: "pod-template-hash", operator: "NotIn", values: ["abc"] }]), true],
    [selector({}, [{ key: "pod-template-hash", operator: "Exists", values: [] }]), true],
    [selector({}, [{ key: "pod-template-hash", operator: "DoesNotExist", values: [] }]), false],
  ];
  for (const [given, expected] of cases) assert.equal(matchesLabels(given, { app: "web" }, present), expected, describeSelector(given));
});

test("empty selectors and descriptions", () => {
  assert.equal(selectsEverything(selector({})), true);
  assert.equal(selectsEverything(selector({ app: "web" })), false);
  assert.equal(
    describeSelector(
      selector({ app: "web" }, [
        { key: "tier", operator: "In", values: ["a", "b"] },
        { key: "env", operator: "NotIn", values: ["dev"] },
        { key: "canary", operator: "Exists", values: [] },
        { key: "legacy", operator: "DoesNotExist", values: [] },
      ]),
    ),
    "app=web, tier in (a, b), env notin (dev), canary, !legacy",
  );
});

test("near misses are one matchLabels entry away", () => {
  const cases: Array<[string, LabelSelector, Array<Record<string, string>>, string[]]> = [
    ["a value differs", selector({ app: "web", tier: "front" }), [WEB], ["value:tier:frontend"]],
    ["a key is misspelt", selector({ ap: "web" }), [WEB], ["key:ap:app"]],
    ["two entries differ", selector({ app: "api", tier: "back" }), [WEB], []],
    ["an expression is unmet", selector({ app: "web" }, [{ key: "env", operator: "Exists", values: [] }]), [WEB], []],
    ["an unrelated key", selector({ owner: "web" }), [WEB], []],
    ["one change per distinct fix", selector({ app: "wbe" }), [{ app: "web" }, { app: "web", x: "1" }, { app: "we" }], ["value:app:web", "value:app:we"]],
    ["a value with a long rest is another workload", selector({ app: "api" }), [{ app: "api-gateway" }], []],
    ["an unlike value is another workload", selector({ component: "vtgate", app: "vitess" }), [{ component: "guestbook", app: "vitess" }], []],
    ["a prototype key is no label", selector({ constructor: "web" }), [{ app: "web" }], []],
    ["an already matching candidate is no near miss", selector({ app: "web" }), [WEB], []],
  ];
  for (const [name, given, candidates, expected] of cases) {
    assert.deepEqual(
      nearMisses(given, candidates).map((change) => `${change.change}:${change.key}:${change.to}`),
      expected,
      name,
    );
  }
});

function nodeOf(text: string): AnyNode {
  return parseDocument(text).contents as AnyNode;
}

test("label selectors are read from YAML, or not at all when they cannot be read exactly", () => {
  const cases: Array<[string, string, string | undefined]> = [
    ["matchLabels", "matchLabels: {app: web}", "app=web"],
    ["expressions", "matchExpressions:\n  - {key: tier, operator: In, values: [a, b]}\n  - {key: canary, operator: DoesNotExist}", "tier in (a, b), !canary"],
    ["both", "matchLabels:\n  app: web\nmatchExpressions:\n  - key: env\n    operator: NotIn\n    values: [dev]", "app=web, env notin (dev)"],
    ["empty", "{}", ""],
    ["quoted numbers are text", "matchLabels: {version: '2'}", "version=2"],
    ["a number is no label value", "matchLabels: {version: 2}", undefined],
    ["a YAML 1.1 boolean is no label value", "matchLabels: {canary: no}", undefined],
    ["a duplicate key", "matchLabels: {app: web, app: api}", undefined],
    ["an unknown operator", "matchExpressions: [{key: a, operator: Gt, values: ['1']}]", undefined],
    ["In without values", "matchExpressions: [{key: a, operator: In}]", undefined],
    ["a templated value", "matchLabels: {app: '{{ .Release.Name }}'}", undefined],
    ["a merge key", "matchLabels:\n  <<: {app: web}", undefined],
    ["an alias", "base: &b {app: web}\nmatchLabels: *b", undefined],
    ["a list", "matchLabels: [app]", undefined],
  ];
  for (const [name, text, expected] of cases) {
    const read = labelSelectorAt(nodeOf(text));
    assert.equal(read === undefined ? undefined : describeSelector(read.selector), expected, name);
  }
  assert.equal(describeSelector(labelSelectorAt(null)!.selector), "", "a null selector is empty");
});

test("map selectors and label maps", () => {
  assert.equal(describeSelector(mapSelectorAt(nodeOf("{app: web, tier: frontend}"))!.selector), "app=web, tier=frontend");
  assert.deepEqual(labelMapOf(nodeOf("app: web\nempty:\n")), { app: "web", empty: "" });
  assert.deepEqual(labelMapOf(undefined), {});
  assert.equal(labelMapOf(nodeOf("app: ${APP}")), undefined);
  assert.equal(labelMapOf(nodeOf("[a, b]")), undefined);
  const located = mapSelectorAt(nodeOf("app: web"))!;
  assert.equal(located.requirements[0]!.valueNode?.value, "web");
  assert.deepEqual(located.requirements[0]!.at, [0, 8]);
});
