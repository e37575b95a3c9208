import type { DocumentKind, Fix, FindingTag, Range, Severity } from "../types.ts";
import type { ParsedDocument, ParsedFile } from "../documents/parse.ts";
import type { LineIndex } from "../documents/line-index.ts";
import type { KubernetesEnvironment } from "../kubernetes/environment.ts";
import type { WorkspaceView } from "../workspace/workspace-index.ts";
import type { ChartModel } from "../helm/chart-model.ts";

/**
 * A rule, in one file: its id and docs, a check that reports findings, and a fix that
 * is built from a finding's `data` and the current text alone.
 */
export interface Rule<Data = unknown> {
  /** The public id, also the diagnostic code. Never renamed without an alias. */
  id: string;
  /** Kinds of document the rule looks at; `all` for every file. */
  appliesTo: readonly DocumentKind[] | "all";
  /** `document` rules run once per matching YAML document, `file` rules once per file. */
  scope: "document" | "file";
  severity: Severity;
  /** Part of the default set. */
  recommended: boolean;
  /**
   * On in the `restricted` profile even when not recommended: the rules that enforce the
   * Pod Security Standards' restricted level.
   */
  restricted?: boolean;
  docs: RuleDocs;
  check(context: CheckContext<Data>): void;
  fix?(data: Data, context: FixContext): Fix[];
}

export interface RuleDocs {
  summary: string;
  why: string;
  /** Each example's path decides the kind of file it is, as it would in a workspace. */
  valid: RuleExample;
  invalid: RuleExample;
}

export interface RuleExample {
  path: string;
  text: string;
  /** Other files of the example's workspace, such as the values file a chart template reads. */
  files?: ReadonlyArray<{ path: string; text: string }>;
}

export interface CheckContext<Data> {
  file: ParsedFile;
  /** The document being checked; `undefined` for file-scope rules. */
  document: ParsedDocument | undefined;
  /** Options for this rule from `.shipshape.yaml` or the editor settings. */
  options: Readonly<Record<string, unknown>>;
  /** The target Kubernetes version, its schemas and the workspace's CRDs. */
  kubernetes: KubernetesEnvironment;
  /** The other resources of the workspace, with this file's as they are now. */
  workspace: WorkspaceView;
  /** The Helm chart the file belongs to, with this file as it is now; `undefined` outside charts. Built on first read. */
  readonly chart: ChartModel | undefined;
  /**
   * Computes a value once per document (or file, for file rules) and shares it between
   * rules, so that rules reading one schema validation walk the document only once.
   */
  remember<T>(key: string, compute: () => T): T;
  report(report: Report<Data>): void;
}

export interface Report<Data> {
  /** Offsets into the file text, or a ready range. */
  at: readonly [number, number] | Range;
  message: string;
  data: Data;
  tags?: FindingTag[];
  /** This finding's severity when it differs from the rule's; a severity the user configured still wins. */
  severity?: Severity;
}

/** What a fix may read: the current text of the finding's file. */
export interface FixContext {
  path: string;
  text: string;
  lines: LineIndex;
}

/** Identity function that gives a rule module its type. */
export function defineRule<Data>(rule: Rule<Data>): Rule<Data> {
  return rule;
}
