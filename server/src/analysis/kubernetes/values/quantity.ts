/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`), read exactly the way the API
 * server's own parser reads them, and the corrections people usually mean when they
 * write something else (`512MB`, `0.5cpu`, `1 core`).
 */

/** A parsed quantity, as an exact fraction so that nothing is lost to floating point. */
export interface Quantity {
  negative: boolean;
  /** The magnitude is `numerator / denominator`; zero when `numerator` is 0. */
  numerator: bigint;
  denominator: bigint;
}

/** Why the API server rejects a quantity. */
export type QuantityProblem = "syntax" | "negative" | "fraction";

/** A corrected quantity; `safe` when it can only mean what the author wrote. */
export interface QuantitySuggestion {
  value: string;
  safe: boolean;
}

/** Parses a quantity string, or returns `undefined` where Kubernetes would refuse it. */
export function parseQuantity(text: string): Quantity | undefined {
  if (text.length === 0) return undefined;
  const end = text.length;
  let pos = 0;
  let negative = false;
  if (text[0] === "-" || text[0] === "+") {
    negative = text[0] === "-";
    pos++;
  }
  // Kubernetes strips leading zeros first and reads a string of nothing but zeros
  // (or a bare sign) as zero, whatever follows would have been.
  while (pos < end && text[pos] === "0") pos++;
  if (pos >= end) return zero(negative);
  const numStart = pos;
  while (pos < end && isDigit(text[pos]!)) pos++;
  const num = text.slice(numStart, pos);
  let denom = "";
  if (pos < end && text[pos] === ".") {
    const denomStart = ++pos;
    while (pos < end && isDigit(text[pos]!)) pos++;
    denom = text.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARACTERS.includes(text[pos]!)) pos++;
  if (pos < end && (text[pos] === "-" || text[pos] === "+")) pos++;
  while (pos < end && isDigit(text[pos]!)) pos++;
  if (pos < end) return undefined;

  const scale = suffixScale(text.slice(suffixStart));
  if (!scale) return undefined;
  // Without a single digit the slow path of Kubernetes' parser fails; it is only taken
  // for exponents below nano, as in `.e-10`.
  const hasDigit = /\d/.test(text.slice(0, suffixStart));
  if (!hasDigit && scale.base === 10 && scale.exponent < -9) return undefined;
  return exactValue(negative, BigInt((num || "0") + denom), denom.length, scale);
}

/**
 * Why Kubernetes rejects a quantity written as a string, or `undefined` when it takes it.
 * `integer` asks for a whole number, as Kubernetes does for extended resources and for
 * object counts.
 */
export function quantityProblem(text: string, integer: boolean): QuantityProblem | undefined {
  const quantity = parseQuantity(text);
  if (!quantity) return "syntax";
  return magnitudeProblem(quantity, integer);
}

/** The same for a quantity written as a YAML number. */
export function numberProblem(value: number, integer: boolean): QuantityProblem | undefined {
  if (!Number.isFinite(value)) return undefined;
  const quantity = parseQuantity(numberText(value));
  return quantity ? magnitudeProblem(quantity, integer) : undefined;
}

/**
 * What the author of an invalid quantity most likely meant, best first. `resource` (as
 * `memory` or `cpu`; `undefined` when unknown) decides which units make sense, and other
 * resources (`pods`, `nvidia.com/gpu`) get none. Memory units such as `MB` are offered as
 * the binary `Mi` first, the meaning most tools that print them give them.
 */
export function suggestQuantities(text: string, resource: string | undefined): QuantitySuggestion[] {
  const suggestions: QuantitySuggestion[] = [];
  const add = (value: string, safe: boolean) => {
    const parsed = parseQuantity(value);
    if (!parsed || parsed.negative || suggestions.some((suggestion) => suggestion.value === value)) return;
    suggestions.push({ value, safe });
  };
  const compact = text.replace(/\s+/g, "");
  if (compact !== text && parseQuantity(compact)) {
    add(compact, true);
    return suggestions;
  }
  const match = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+))([A-Za-z]+)$/.exec(compact);
  if (!match) return suggestions;
  const [, number, unit] = match as unknown as [string, string, string];
  const lower = unit.toLowerCase();
  const cpu = resource === undefined || /(^|\.)cpu$/.test(resource);
  const bytes = resource === undefined || /(^|\.)(memory|storage|ephemeral-storage|hugepages-[^/]+)$/.test(resource);

  if (cpu && CORE_UNITS.has(lower)) add(coresText(number), true);
  if (cpu && MILLICORE_UNITS.has(lower)) add(`${number}m`, true);
  if (bytes && BINARY_UNITS.has(lower)) add(`${number}${BINARY_UNITS.get(lower)}`, true);
  if (bytes && BYTE_UNITS.has(lower)) add(number, true);
  const ambiguous = bytes ? AMBIGUOUS_UNITS.get(lower) : undefined;
  if (ambiguous) for (const suffix of ambiguous) add(`${number}${suffix}`, false);
  return suggestions;
}

/**
 * Resource names whose quantities Kubernetes requires to be whole numbers: object counts
 * in quotas and extended resources such as `nvidia.com/gpu`.
 */
export function isIntegerResourceName(name: string): boolean {
  if (INTEGER_RESOURCES.has(name)) return true;
  // An extended resource: a qualified name outside `kubernetes.io/`, not a quota's `requests.` entry.
  if (!name.includes("/") || name.includes("kubernetes.io/") || name.startsWith("requests.")) return false;
  const [prefix, rest, ...more] = `requests.${name}`.split("/");
  return more.length === 0 && SUBDOMAIN.test(prefix!) && prefix!.length <= 253 && QUALIFIED_NAME_PART.test(rest!) && rest!.length <= 63;
}

const SUFFIX_CHARACTERS = "eEinumkKMGTP";
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;
/** Quantities this far from 1 are not worth an exact check for whole numbers. */
const MAX_EXACT_EXPONENT = 400;

const CORE_UNITS = new Set(["cpu", "cpus", "core", "cores", "vcpu", "vcpus"]);
const MILLICORE_UNITS = new Set(["mcpu", "mcpus", "millicpu", "millicpus", "millicore", "millicores", "mcore", "mcores"]);
const BYTE_UNITS = new Set(["b", "byte", "bytes"]);
const BINARY_UNITS = new Map(
  ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].flatMap((suffix) => [
    [suffix.toLowerCase(), suffix],
    [`${suffix.toLowerCase()}b`, suffix],
  ]),
);
/** Units that may mean either power: the binary reading comes first, as most tools mean it. */
const AMBIGUOUS_UNITS = new Map<string, string[]>([
  ["k", ["Ki", "k"]],
  ["kb", ["Ki", "k"]],
  ["mb", ["Mi", "M"]],
  ["g", ["Gi", "G"]],
  ["gb", ["Gi", "G"]],
  ["t", ["Ti", "T"]],
  ["tb", ["Ti", "T"]],
  ["p", ["Pi", "P"]],
  ["pb", ["Pi", "P"]],
  ["eb", ["Ei", "E"]],
]);
const INTEGER_RESOURCES = new Set([
  "pods",
  "resourcequotas",
  "services",
  "replicationcontrollers",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "services.nodeports",
  "services.loadbalancers",
]);
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

interface Scale {
  base: 2 | 10;
  exponent: number;
}

function suffixScale(suffix: string): Scale | undefined {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix]! };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix]! };
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const exponent = suffix.slice(1);
    if (!/^[-+]?\d+$/.test(exponent)) return undefined;
    const value = BigInt(exponent);
    if (value > INT64_MAX || value < -INT64_MAX - 1n) return undefined;
    // Kubernetes keeps the exponent as a 32-bit integer and lets larger ones wrap.
    return { base: 10, exponent: Number(BigInt.asIntN(32, value)) };
  }
  return undefined;
}

function exactValue(negative: boolean, digits: bigint, decimals: number, scale: Scale): Quantity {
  if (digits === 0n) return zero(negative);
  let numerator = digits;
  let denominator = 10n ** BigInt(decimals);
  if (scale.base === 2) {
    numerator *= 2n ** BigInt(scale.exponent);
  } else if (Math.abs(scale.exponent) > MAX_EXACT_EXPONENT) {
    // Far too large or too small to matter; keep the sign and an approximate size.
    return { negative, numerator: scale.exponent > 0 ? 10n ** BigInt(MAX_EXACT_EXPONENT) : 1n, denominator: scale.exponent > 0 ? 1n : 10n ** BigInt(MAX_EXACT_EXPONENT) };
  } else if (scale.exponent >= 0) {
    numerator *= 10n ** BigInt(scale.exponent);
  } else {
    denominator *= 10n ** BigInt(-scale.exponent);
  }
  return { negative, numerator, denominator };
}

function magnitudeProblem(quantity: Quantity, integer: boolean): QuantityProblem | undefined {
  if (quantity.numerator === 0n) return undefined;
  if (quantity.negative) return "negative";
  if (integer && !isWholeInMillis(quantity)) return "fraction";
  return undefined;
}

/**
 * Kubernetes checks whole numbers on the value in thousandths, rounded up, so 1.0001
 * fails while 0.9999 passes; the check is repeated exactly here. Values beyond a signed
 * 64-bit count of thousandths are left alone: there the server's arithmetic overflows.
 */
function isWholeInMillis({ numerator, denominator }: Quantity): boolean {
  const scaled = numerator * 1000n;
  const millis = scaled / denominator + (scaled % denominator === 0n ? 0n : 1n);
  if (millis > INT64_MAX) return true;
  return millis % 1000n === 0n;
}

/** The text of a YAML number as the API server receives it in JSON. */
function numberText(value: number): string {
  return String(value).replace("e+", "e");
}

/** Whole cores stay as they are; fractions become millicores, as `0.5` → `500m`. */
function coresText(number: string): string {
  const [whole = "", fraction = ""] = number.replace(/^\+/, "").split(".");
  if (fraction.replace(/0+$/, "") === "") return String(BigInt(whole || "0"));
  if (fraction.length > 3) return number;
  return `${BigInt((whole || "0") + fraction.padEnd(3, "0"))}m`;
}

function zero(negative: boolean): Quantity {
  return { negative, numerator: 0n, denominator: 1n };
}

function isDigit(character: string): boolean {
  return character >= "0" && character <= "9";
}
