import { test } from "node:test";
import assert from "node:assert/strict";
import {
  isIntegerResourceName,
  numberProblem,
  parseQuantity,
  quantityProblem,
  suggestQuantities,
} from "../../../server/src/analysis/kubernetes/values/quantity.ts";

// Each string with what Kubernetes' own parser makes of it: the value as a fraction, or
// `undefined` for a parse error. Quirks of the real parser (a bare sign, `1.`) are kept.
const parsed: Array<[string, string | undefined]> = [
  ["0", "0"],
  ["1", "1"],
  ["100m", "1/10"],
  ["500m", "1/2"],
  ["1.5", "3/2"],
  ["1.5Gi", "1610612736"],
  ["1Ki", "1024"],
  ["2Ei", String(2n * 2n ** 60n)],
  ["128974848", "128974848"],
  ["129e6", "129000000"],
  ["129M", "129000000"],
  ["1e3", "1000"],
  ["1E3", "1000"],
  ["1e-3", "1/1000"],
  ["1e+3", "1000"],
  ["1E", "1000000000000000000"],
  ["5n", "1/200000000"],
  ["5u", "1/200000"],
  ["1k", "1000"],
  ["+1", "1"],
  ["-1", "-1"],
  ["-0", "0"],
  ["000", "0"],
  ["00.5", "1/2"],
  [".5", "1/2"],
  ["1.", "1"],
  ["1.G", "1000000000"],
  ["-", "0"],
  ["+", "0"],
  [".", "0"],
  ["0Mi", "0"],
  ["", undefined],
  [" 1", undefined],
  ["1 ", undefined],
  ["1 m", undefined],
  ["512MB", undefined],
  ["512mb", undefined],
  ["1K", undefined],
  ["1ki", undefined],
  ["1KiB", undefined],
  ["2GiB", undefined],
  ["1gb", undefined],
  ["1g", undefined],
  ["0.5cpu", undefined],
  ["500mcpu", undefined],
  ["1e", undefined],
  ["1e+", undefined],
  ["1ee3", undefined],
  ["1e3.5", undefined],
  ["1e3Mi", undefined],
  ["1m5", undefined],
  ["1Ki5", undefined],
  ["1.5.5", undefined],
  ["--1", undefined],
  ["1e99999999999999999999", undefined],
  [".e-10", undefined],
  ["0.e-10", "0"],
  ["abc", undefined],
  ["1,5", undefined],
];

for (const [text, expected] of parsed) {
  test(`parseQuantity(${JSON.stringify(text)}) is ${expected ?? "an error"}`, () => {
    const quantity = parseQuantity(text);
    if (expected === undefined) {
      assert.equal(quantity, undefined);
      return;
    }
    assert.ok(quantity, "expected a quantity");
    assert.equal(fraction(quantity.negative, quantity.numerator, quantity.denominator), expected);
  });
}

const problems: Array<[string, boolean, string | undefined]> = [
  ["512Mi", false, undefined],
  ["512MB", false, "syntax"],
  ["-1Gi", false, "negative"],
  ["-0", false, undefined],
  ["1", true, undefined],
  ["1.5", true, "fraction"],
  ["1500m", true, "fraction"],
  ["2000m", true, undefined],
  // Kubernetes rounds up to thousandths before it checks, so 0.9999 passes and 1.0001 does not.
  ["0.9999", true, undefined],
  ["1.0001", true, "fraction"],
  ["1e-20", true, "fraction"],
  ["1e30", true, undefined],
  ["0.5", false, undefined],
];

for (const [text, integer, expected] of problems) {
  test(`quantityProblem(${JSON.stringify(text)}, integer: ${integer}) is ${expected ?? "none"}`, () => {
    assert.equal(quantityProblem(text, integer), expected);
  });
}

test("YAML numbers are quantities: fine unless negative or fractional where whole numbers are required", () => {
  assert.equal(numberProblem(0, false), undefined);
  assert.equal(numberProblem(0.5, false), undefined);
  assert.equal(numberProblem(1000, true), undefined);
  assert.equal(numberProblem(-2, false), "negative");
  assert.equal(numberProblem(0.5, true), "fraction");
  assert.equal(numberProblem(1e21, false), undefined);
  assert.equal(numberProblem(Infinity, false), undefined);
});

const suggestions: Array<[string, string | undefined, string[]]> = [
  ["512mb", "memory", ["512Mi?", "512M?"]],
  ["512MB", "memory", ["512Mi?", "512M?"]],
  ["512Mb", "limits.memory", ["512Mi?", "512M?"]],
  ["1gb", "memory", ["1Gi?", "1G?"]],
  ["1g", "memory", ["1Gi?", "1G?"]],
  ["1.5GB", "memory", ["1.5Gi?", "1.5G?"]],
  ["1K", "memory", ["1Ki?", "1k?"]],
  ["2GiB", "memory", ["2Gi"]],
  ["2gi", "memory", ["2Gi"]],
  ["10GiB", "storage", ["10Gi"]],
  ["100 m", "cpu", ["100m"]],
  ["1 Gi", "memory", ["1Gi"]],
  [" 256Mi", "memory", ["256Mi"]],
  ["0.5cpu", "cpu", ["500m"]],
  ["0.25 cores", "requests.cpu", ["250m"]],
  ["1 core", "cpu", ["1"]],
  ["2cpus", "cpu", ["2"]],
  ["1.0cpu", "cpu", ["1"]],
  ["0.0005cpu", "cpu", ["0.0005"]],
  ["500mcpu", "cpu", ["500m"]],
  ["250 millicores", "cpu", ["250m"]],
  ["100bytes", "memory", ["100"]],
  // Units of the other kind of resource are not guessed.
  ["1gb", "cpu", []],
  ["1core", "memory", []],
  ["2gpus", "nvidia.com/gpu", []],
  ["1gb", "nvidia.com/gpu", []],
  ["-1gb", "memory", []],
  ["lots", "memory", []],
  ["1e3Mi", "memory", []],
  ["1gb", undefined, ["1Gi?", "1G?"]],
];

for (const [text, resource, expected] of suggestions) {
  test(`suggestQuantities(${JSON.stringify(text)}, ${resource}) is ${expected.join(", ") || "nothing"} (? marks an unsafe guess)`, () => {
    const actual = suggestQuantities(text, resource).map((suggestion) => `${suggestion.value}${suggestion.safe ? "" : "?"}`);
    assert.deepEqual(actual, expected);
    for (const suggestion of suggestQuantities(text, resource)) assert.ok(parseQuantity(suggestion.value), `${suggestion.value} parses`);
  });
}

const integerNames: Array<[string, boolean]> = [
  ["cpu", false],
  ["memory", false],
  ["pods", true],
  ["services.loadbalancers", true],
  ["nvidia.com/gpu", true],
  ["example.com/foo", true],
  ["count/deployments.apps", true],
  ["requests.nvidia.com/gpu", false],
  ["hugepages-2Mi", false],
  ["kubernetes.io/something", false],
  ["requests.cpu", false],
];

for (const [name, expected] of integerNames) {
  test(`isIntegerResourceName(${name}) is ${expected}`, () => {
    assert.equal(isIntegerResourceName(name), expected);
  });
}

function fraction(negative: boolean, numerator: bigint, denominator: bigint): string {
  if (numerator === 0n) return "0";
  const divisor = gcd(numerator, denominator);
  const [top, bottom] = [numerator / divisor, denominator / divisor];
  return `${negative ? "-" : ""}${top}${bottom === 1n ? "" : `/${bottom}`}`;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}
