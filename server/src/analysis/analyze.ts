import picomatch from "picomatch";
import type { Finding, Fix, Severity, SourceFile } from "./types.ts";
import { parseFile, type ParsedFile } from "./documents/parse.ts";
import type { DocumentSource } from "./documents/yaml-documents.ts";
import { LineIndex } from "./documents/line-index.ts";
import { EMPTY_LAYOUT, normalizePath, type WorkspaceLayout } from "./documents/kind.ts";
import { defaultConfig, ruleSetting, type ShipshapeConfig } from "./config/config.ts";
import { parseSuppressions } from "./suppression.ts";
import { ALL_RULES, ruleById } from "./rules/registry.ts";
import type { FixContext, Report, Rule } from "./rules/define-rule.ts";
import { EMPTY_KUBERNETES_ENVIRONMENT, type KubernetesEnvironment } from "./kubernetes/environment.ts";
import { customResourcesFromValues } from "./kubernetes/crds.ts";
import { indexedResourcesOf } from "./workspace/extract.ts";
import { singleFileView, type WorkspaceIndex } from "./workspace/workspace-index.ts";
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

/**
 * Analyses one file: text in, findings out. Never throws and never does I/O.
 * Findings come sorted by position.
 */
export function analyzeFile(file: SourceFile, options: AnalyzeOptions = {}): Finding[] {
  const config = options.config ?? defaultConfig();
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

  for (const rule of rules) {
    const setting = ruleSetting(config, rule.id);
    if (setting?.level === "off") continue;
    if (setting === undefined && !isInProfile(rule, config)) continue;
    const severity: Severity = setting?.level ?? rule.severity;
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
        active.rule.check({ file: parsed, document: undefined, options: active.options, kubernetes, workspace, get chart() { return chartOf(); }, remember: fileMemo, report: active.report });
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
        rule.check({ file: parsed, document, options: active.options, kubernetes, workspace, get chart() { return chartOf(); }, remember, report: active.report });
      } catch (error) {
        // A rule that throws is skipped for the rest of the file; what it reported before stays.
        fail(active, error);
      }
    }
  }
  return findings.sort(compareFindings);
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
