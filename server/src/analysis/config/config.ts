import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { SEVERITIES, type Severity } from "../types.ts";

/**
 * The shared configuration: `.shipshape.yaml` at the workspace root, read by the editor
 * and the CLI alike, with editor settings merged on top. Parsing is pure: the I/O
 * layer reads the file and hands its text here.
 *
 *   kubernetesVersion: "1.32"
 *   profile: restricted                              # recommended (default) or restricted
 *   ignore: ["vendor/**"]
 *   rules:
 *     kubernetes/container-resources: warning          # or off, error, info, hint
 *     workflows/*: off                                 # every rule of a group
 *     kubernetes/container-resources: { severity: warning, options: { ... } }
 */
export interface ShipshapeConfig {
  /** Folder the ignore globs are relative to; the folder of the config file. */
  root: string;
  kubernetesVersion: string | undefined;
  /**
   * Which rules run without being named: `recommended` (the default) or `restricted`,
   * which adds the rules that enforce the Pod Security Standards' restricted profile.
   */
  profile: RuleProfile;
  ignore: string[];
  rules: Record<string, RuleSetting>;
}

export interface RuleSetting {
  /** `off` turns the rule off; a severity overrides the rule's own. */
  level?: Severity | "off";
  options?: Record<string, unknown>;
}

export interface ConfigProblem {
  message: string;
  /** Offsets into the config text. */
  at: [number, number];
}

export type RuleProfile = "recommended" | "restricted";

export const RULE_PROFILES: readonly RuleProfile[] = ["recommended", "restricted"];

export const CONFIG_FILE_NAMES = [".shipshape.yaml", ".shipshape.yml"] as const;

export function defaultConfig(root = ""): ShipshapeConfig {
  return { root, kubernetesVersion: undefined, profile: "recommended", ignore: [], rules: {} };
}

export function parseConfig(text: string, root: string, knownRuleIds: ReadonlySet<string>): {
  config: ShipshapeConfig;
  problems: ConfigProblem[];
} {
  const config = defaultConfig(root);
  const problems: ConfigProblem[] = [];
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  for (const error of document.errors) problems.push({ message: error.message, at: [error.pos[0], error.pos[1]] });
  const top = document.contents;
  if (top === null || (isScalar(top) && top.value === null)) return { config, problems };
  if (!isMap(top)) {
    problems.push({ message: "The configuration must be a mapping of settings.", at: spanOf(top) });
    return { config, problems };
  }
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const value = pair.value as Node | null;
    const keyAt = spanOf(pair.key as Node);
    switch (key) {
      case "kubernetesVersion":
        if (isScalar(value) && /^1\.\d+$/.test(String(value.value))) config.kubernetesVersion = String(value.value);
        else problems.push({ message: 'kubernetesVersion must be a version such as "1.32".', at: spanOf(value ?? pair.key) });
        break;
      case "profile":
        if (isScalar(value) && (RULE_PROFILES as readonly unknown[]).includes(value.value)) config.profile = value.value as RuleProfile;
        else problems.push({ message: `profile must be one of ${RULE_PROFILES.join(", ")}.`, at: spanOf(value ?? pair.key) });
        break;
      case "ignore":
        if (isSeq(value) && value.items.every(isScalar)) config.ignore = value.items.map((item) => String((item as { value: unknown }).value));
        else problems.push({ message: "ignore must be a list of glob patterns.", at: spanOf(value ?? pair.key) });
        break;
      case "rules":
        readRules(value, config, problems, knownRuleIds);
        break;
      default:
        problems.push({ message: `Unknown setting "${key}". Known settings are kubernetesVersion, profile, ignore and rules.`, at: keyAt });
    }
  }
  return { config, problems };
}

/** Editor settings win over the file, rule by rule. */
export function mergeConfig(base: ShipshapeConfig, overrides: Partial<Pick<ShipshapeConfig, "kubernetesVersion" | "profile" | "ignore" | "rules">>): ShipshapeConfig {
  return {
    root: base.root,
    kubernetesVersion: overrides.kubernetesVersion || base.kubernetesVersion,
    profile: overrides.profile ?? base.profile,
    ignore: [...base.ignore, ...(overrides.ignore ?? [])],
    rules: { ...base.rules, ...(overrides.rules ?? {}) },
  };
}

/** The setting that applies to a rule: its own id first, then its group (`kubernetes/*`), then `*`. */
export function ruleSetting(config: ShipshapeConfig, ruleId: string): RuleSetting | undefined {
  const own = config.rules[ruleId];
  if (own !== undefined) return own;
  // Every rule of every file asks; the group's key is built once per rule id.
  let group = GROUP_KEYS.get(ruleId);
  if (group === undefined) GROUP_KEYS.set(ruleId, (group = ruleId.slice(0, ruleId.indexOf("/") + 1) + "*"));
  return config.rules[group] ?? config.rules["*"];
}

const GROUP_KEYS = new Map<string, string>();

function readRules(value: Node | null, config: ShipshapeConfig, problems: ConfigProblem[], knownRuleIds: ReadonlySet<string>): void {
  if (!isMap(value)) {
    problems.push({ message: "rules must map rule ids to off, a severity, or { severity, options }.", at: spanOf(value) });
    return;
  }
  const groups = new Set([...knownRuleIds].map((id) => id.slice(0, id.indexOf("/") + 1) + "*"));
  for (const pair of value.items) {
    const id = isScalar(pair.key) ? String(pair.key.value) : "";
    const keyAt = spanOf(pair.key as Node);
    if (!knownRuleIds.has(id) && !groups.has(id) && id !== "*") {
      problems.push({ message: `Unknown rule "${id}". Run \`shipshape rules\` to list the rule ids.`, at: keyAt });
      continue;
    }
    const setting = readRuleSetting(pair.value as Node | null);
    if (setting === undefined) {
      problems.push({ message: `The setting for "${id}" must be off, ${SEVERITIES.join(", ")}, or { severity, options }.`, at: spanOf((pair.value as Node | null) ?? (pair.key as Node)) });
      continue;
    }
    config.rules[id] = setting;
  }
}

function readRuleSetting(node: Node | null): RuleSetting | undefined {
  if (isScalar(node)) {
    if (node.value === true || node.value === "on") return {};
    const level = readLevel(node.value);
    return level === undefined ? undefined : { level };
  }
  if (isMap(node)) {
    const plain = node.toJSON() as Record<string, unknown>;
    const setting: RuleSetting = {};
    if (plain.severity !== undefined) {
      const level = readLevel(plain.severity);
      if (level === undefined) return undefined;
      setting.level = level;
    }
    if (plain.options !== undefined) {
      if (plain.options === null || typeof plain.options !== "object" || Array.isArray(plain.options)) return undefined;
      setting.options = plain.options as Record<string, unknown>;
    }
    return setting;
  }
  return undefined;
}

function readLevel(value: unknown): Severity | "off" | undefined {
  if (value === false || value === "off") return "off";
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : undefined;
}

function spanOf(node: Node | null | undefined | unknown): [number, number] {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : [0, 0];
}
