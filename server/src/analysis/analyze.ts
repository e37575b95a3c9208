import picomatch from "picomatch";
import type { Finding, Fix, Severity, SourceFile } from "./types.ts";
import { parseFile, type ParsedDocument, type ParsedFile } from "./documents/parse.ts";
import type { DocumentSource } from "./documents/yaml-documents.ts";
import { LineIndex } from "./documents/line-index.ts";
import { EMPTY_LAYOUT, normalizePath, type WorkspaceLayout } from "./documents/kind.ts";
import { defaultConfig, ruleSetting, type RuleSetting, type ShipshapeConfig } from "./config/config.ts";
import { parseSuppressions } from "./suppression.ts";
import { ALL_RULES, ruleById } from "./rules/registry.ts";
import type { CheckContext, FixContext, Report, Rule } from "./rules/define-rule.ts";
import { EMPTY_KUBERNETES_ENVIRONMENT, type KubernetesEnvironment } from "./kubernetes/environment.ts";
import { customResourcesFromValues } from "./kubernetes/crds.ts";
import { indexedResourcesOf } from "./workspace/extract.ts";
import { singleFileView, type WorkspaceIndex, type WorkspaceView } from "./workspace/workspace-index.ts";
import type { IndexedResource } from "./workspace/indexed-resource.ts";
import { HelmWorkspace, type ChartModel } from "./helm/chart-model.ts";

export interface AnalyzeOptions {
  config?: ShipshapeConfig;
  layout?: WorkspaceLayout;
  /** The target Kubernetes version, bundled schemas and workspace CRDs; none by default. */
  kubernetes?: KubernetesEnvironment;
  /** The rules to run; the registry's by default. Tests narrow it. */
  rules?: readonly Rule<any>[];
  /** The workspace's resources, for rules that follow references between files; the file alone by default. */
  workspace?: WorkspaceOptions;
  /** Called when a rule throws. The rule is skipped for that file and analysis goes on. */
  onRuleError?: (ruleId: string, path: string, error: unknown) => void;
  /** Where the YAML documents come from: a fresh parse by default; an editor passes a file's `IncrementalDocuments`. */
  documents?: DocumentSource;
  /**
   * The files of the workspace's Helm charts, for rules that read a whole chart (values
   * used by templates, templates reading values). Without it a chart file is seen alone.
   */
  helm?: HelmWorkspace;
}

export interface WorkspaceOptions {
  index: WorkspaceIndex;
  /** The namespace a kustomization gives the file, if any. */
  kustomizeNamespace?: string;
  /** Called with each question the rules ask of the workspace, so the caller knows what the file depends on. */
  onQuery?: (key: string) => void;
  /** Called with the file's own resources as they are now, before any rule runs, so the caller can update its index. */
  onResources?: (resources: readonly IndexedResource[]) => void;
}

/** The config of a call that passes none: one object, frozen, so its rule plan is worked out once. */
const DEFAULT_CONFIG: ShipshapeConfig = Object.freeze({ ...defaultConfig(), ignore: Object.freeze([]) as unknown as string[], rules: Object.freeze({}) });

/**
 * Analyses one file: text in, findings out. Never throws and never does I/O.
 * Findings come sorted by position.
 */
export function analyzeFile(file: SourceFile, options: AnalyzeOptions = {}): Finding[] {
  const config = options.config ?? DEFAULT_CONFIG;
  if (isIgnored(file.path, config)) return [];
  const layout = options.layout ?? EMPTY_LAYOUT;
  const rules = options.rules ?? ALL_RULES;
  const parsed = parseFile(file, layout, options.documents);
  const kubernetes = withOwnDefinitions(options.kubernetes ?? EMPTY_KUBERNETES_ENVIRONMENT, parsed);
  const ownResources = indexedResourcesOf(parsed, options.workspace?.kustomizeNamespace);
  options.workspace?.onResources?.(ownResources);
  const workspace = options.workspace
    ? options.workspace.index.viewFor(parsed.path, ownResources, options.workspace.onQuery)
    : singleFileView(ownResources);
  const suppressions = parseSuppressions(parsed.text);
  const findings: Finding[] = [];
  const fileRules: ActiveRule[] = [];
  const documentRules: ActiveRule[] = [];
  let chart: ChartModel | undefined | null = null;
  const chartOf = (): ChartModel | undefined => {
    if (chart === null) chart = (options.helm ?? new HelmWorkspace(layout, [parsed])).chartFor(parsed.path, parsed.text, parsed.documents);
    return chart;
  };

  for (const { rule, setting, severity } of rulePlan(config, rules)) {
    const report = (entry: Report<unknown>) => {
      const range = Array.isArray(entry.at) ? parsed.lines.rangeOf(entry.at[0], entry.at[1]) : (entry.at as Finding["range"]);
      if (suppressions.isSuppressed(rule.id, range.start.line)) return;
      const finding: Finding = {
        ruleId: rule.id,
        severity: entry.severity !== undefined && setting?.level === undefined ? entry.severity : severity,
        message: entry.message,
        path: parsed.path,
        range,
        data: entry.data,
        fixes: [],
      };
      if (entry.tags) finding.tags = entry.tags;
      finding.fixes = fixesFor(rule, entry.data, parsed).map(({ title, safe }) => ({ title, safe }));
      findings.push(finding);
    };
    (rule.scope === "file" ? fileRules : documentRules).push({ rule, options: setting?.options ?? {}, report, failed: false });
  }

  const fail = (active: ActiveRule, error: unknown) => {
    active.failed = true;
    options.onRuleError?.(active.rule.id, parsed.path, error);
  };
  const fileMemo = memoOf(new Map());
  for (const active of fileRules) {
    try {
      if (appliesToFile(active.rule, parsed)) {
        active.rule.check(new RuleContext(parsed, undefined, active.options, kubernetes, workspace, chartOf, fileMemo, active.report));
      }
    } catch (error) {
      fail(active, error);
    }
  }
  // Documents outside, rules inside: every rule reads a document while its tree is still in
  // the processor's caches, which on a freshly parsed file of a thousand documents costs
  // far less than walking all of them once per rule.
  for (const document of parsed.documents) {
    const remember = memoOf(new Map());
    for (const active of documentRules) {
      const rule = active.rule;
      if (active.failed || (rule.appliesTo !== "all" && !rule.appliesTo.includes(document.kind))) continue;
      try {
        rule.check(new RuleContext(parsed, document, active.options, kubernetes, workspace, chartOf, remember, active.report));
      } catch (error) {
        // A rule that throws is skipped for the rest of the file; what it reported before stays.
        fail(active, error);
      }
    }
  }
  return findings.sort(compareFindings);
}

/**
 * What a rule's check reads. A class, not an object literal, because a literal with a `chart`
 * getter is built by V8's slow path for accessors, once per rule and document, which cost more
 * than many of the rules it was built for; here the getter sits on the prototype.
 */
class RuleContext implements CheckContext<unknown> {
  constructor(
    readonly file: ParsedFile,
    readonly document: ParsedDocument | undefined,
    readonly options: Readonly<Record<string, unknown>>,
    readonly kubernetes: KubernetesEnvironment,
    readonly workspace: WorkspaceView,
    private readonly chartOf: () => ChartModel | undefined,
    readonly remember: <T>(key: string, compute: () => T) => T,
    readonly report: (report: Report<unknown>) => void,
  ) {}

  get chart(): ChartModel | undefined {
    return this.chartOf();
  }
}

/** A rule the config lets run, with its setting and the severity it reports at. */
interface PlannedRule {
  rule: Rule<any>;
  setting: RuleSetting | undefined;
  severity: Severity;
}

/**
 * The rules a config lets run, in order, worked out once per config and rule list instead of
 * for every file. The server and the CLI build a new config for every change (parseConfig,
 * mergeConfig), but the plan still keeps what it was made from, its profile and each rule
 * setting, and is made again when one of them differs, so a config changed in place is never
 * read stale.
 */
interface RulePlan {
  profile: string;
  settings: [string, RuleSetting][];
  rules: PlannedRule[];
}

const PLANS = new WeakMap<ShipshapeConfig, WeakMap<readonly Rule<any>[], RulePlan>>();

function rulePlan(config: ShipshapeConfig, rules: readonly Rule<any>[]): PlannedRule[] {
  let byRules = PLANS.get(config);
  if (byRules === undefined) PLANS.set(config, (byRules = new WeakMap()));
  const known = byRules.get(rules);
  if (known !== undefined && planIsCurrent(known, config)) return known.rules;
  const planned: PlannedRule[] = [];
  for (const rule of rules) {
    const setting = ruleSetting(config, rule.id);
    if (setting?.level === "off") continue;
    if (setting === undefined && !isInProfile(rule, config)) continue;
    planned.push({ rule, setting, severity: setting?.level ?? rule.severity });
  }
  byRules.set(rules, { profile: config.profile, settings: Object.entries(config.rules), rules: planned });
  return planned;
}

function planIsCurrent(plan: RulePlan, config: ShipshapeConfig): boolean {
  if (plan.profile !== config.profile) return false;
  let count = 0;
  for (const key in config.rules) if (Object.hasOwn(config.rules, key)) count++;
  if (count !== plan.settings.length) return false;
  for (const [key, setting] of plan.settings) if (config.rules[key] !== setting) return false;
  return true;
}

/** A rule that runs on this file, with what the config says of it. */
interface ActiveRule {
  rule: Rule<any>;
  options: Readonly<Record<string, unknown>>;
  report: (entry: Report<unknown>) => void;
  /** It threw on this file, so it is skipped for the rest of it. */
  failed: boolean;
}

/** `CheckContext.remember` over one memo: per document for document rules, per file for file rules. */
function memoOf(memo: Map<string, unknown>): <T>(key: string, compute: () => T) => T {
  return <T>(key: string, compute: () => T): T => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = compute();
    memo.set(key, value);
    return value;
  };
}

/**
 * The fixes for a finding, rebuilt from its rule id, its data and the file's current
 * text. This is all a quick-fix needs: no state is kept between check and fix.
 */
export function fixesForFinding(ruleId: string, data: unknown, file: SourceFile): Fix[] {
  const rule = ruleById(ruleId);
  if (!rule) return [];
  return fixesFor(rule, data, { path: normalizePath(file.path), text: file.text, lines: new LineIndex(file.text) });
}

export function isIgnored(path: string, config: ShipshapeConfig): boolean {
  if (config.ignore.length === 0) return false;
  const normalized = normalizePath(path);
  const root = normalizePath(config.root).replace(/\/$/, "");
  const relative = root && normalized.startsWith(root + "/") ? normalized.slice(root.length + 1) : normalized;
  return picomatch.isMatch(relative, config.ignore, { dot: true });
}

/** A rule's fixes; a fix that throws offers nothing rather than breaking the analysis. */
function fixesFor(rule: Rule<any>, data: unknown, context: FixContext): Fix[] {
  if (!rule.fix) return [];
  try {
    return rule.fix(data, context);
  } catch {
    return [];
  }
}

/** Whether a rule runs when the config does not name it. */
function isInProfile(rule: Rule<any>, config: ShipshapeConfig): boolean {
  return rule.recommended || (config.profile === "restricted" && rule.restricted === true);
}

function appliesToFile(rule: Rule<any>, parsed: ParsedFile): boolean {
  if (rule.appliesTo === "all") return true;
  if (parsed.fileKind !== undefined) return rule.appliesTo.includes(parsed.fileKind);
  return parsed.documents.some((document) => rule.appliesTo.includes(document.kind));
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}

/**
 * The file's own CRDs, as they are now, replace what the workspace index knew of them:
 * an edit to a CRD applies at once to the custom resources beside it.
 */
function withOwnDefinitions(environment: KubernetesEnvironment, parsed: ParsedFile): KubernetesEnvironment {
  const own = customResourcesFromValues(
    parsed.path,
    // Only CRDs define types, and reading `value` converts a document, so the others are never converted.
    parsed.documents.filter((document) => document.kind === "manifest" && document.resourceKind === "CustomResourceDefinition").map((document) => document.value),
  );
  const stale = environment.customResources.some((type) => type.definedIn === parsed.path);
  if (own.length === 0 && !stale) return environment;
  const others = environment.customResources.filter((type) => type.definedIn !== parsed.path);
  return { ...environment, customResources: [...own, ...others] };
}
