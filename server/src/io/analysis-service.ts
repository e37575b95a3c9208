import {
  WorkspaceIndex,
  analyzeFile,
  customResourcesIn,
  indexSourceFile,
  kubernetesEnvironment,
  normalizePath,
  FRESH_PARSE,
  type BuiltinSchemaSet,
  type DocumentSource,
  type YamlDocument,
  type CustomResourceType,
  type Finding,
  type IndexedResource,
  type KubernetesEnvironment,
  type ShipshapeConfig,
  type WorkspaceLayout,
  type WorkspaceOptions,
  type SourceFile,
  HelmWorkspace,
} from "../analysis/index.ts";
import { fixFile } from "../cli/apply-fixes.ts";
import { loadBundledSchemas } from "./schema-data.ts";

/**
 * The analysis work that the CLI and the workspace scan hand out, as plain messages, so
 * that a worker thread and the calling thread do it with the same code. Everything in a
 * request survives structured cloning: the bundled schemas, which do not, are loaded by
 * whichever thread runs the service.
 */
export type AnalysisRequest =
  | { kind: "environment"; id: number; environment: AnalysisEnvironment }
  | { kind: "facts"; file: FactsRequest }
  | { kind: "analyse"; task: AnalysisTask };

/** A file whose facts the workspace index needs, read with the run's chart roots (chart templates are never indexed). */
export interface FactsRequest {
  path: string;
  text: string;
  chartRoots: string[];
  /** The namespace a kustomization gives the file, if any. */
  kustomizeNamespace?: string;
  /**
   * Keep the parsed documents for this file's analysis by the same thread, which then does
   * not parse it again (within a budget; see `KEPT_BYTES`). Only for a caller that sends the
   * file's `analyse` to the same thread: the calling thread without workers.
   */
  keep?: boolean;
}

/** What one file contributes to the workspace before anything is analysed: its CRDs and its resources. */
export interface FileFacts {
  customResources: CustomResourceType[];
  resources: IndexedResource[];
}

/**
 * What every file of one run shares: the workspace's chart roots, CRDs and, for reference
 * rules across files, every resource of the workspace with the kustomize namespaces. A new
 * one replaces the last. Without `resources` each file is analysed on its own.
 */
export interface AnalysisEnvironment {
  chartRoots: string[];
  customResources: CustomResourceType[];
  /** Every resource of the workspace, in a stable order (the index answers in it). */
  resources?: IndexedResource[];
  /** Path to namespace, for the files a kustomization gives one. */
  kustomizeNamespaces?: Record<string, string>;
  /** The files of the workspace's charts (from `readChartFiles`), so a chart is analysed whole. */
  chartFiles?: SourceFile[];
}

export interface AnalysisTask {
  /** An id given with an `environment` request before. */
  environment: number;
  config: ShipshapeConfig;
  path: string;
  text: string;
  /** Apply safe fixes until nothing changes (the CLI's `--fix`), and return the fixed text too. */
  fix: boolean;
  /** Return the file's own resources and the questions it asked of the index, for an editor's dependency record. */
  track?: boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw, once per rule; the rule was skipped for the file. */
  ruleErrors: RuleFailure[];
  /** With `fix`: the fixed text and how many findings were fixed; `findings` are the fixed text's. */
  fixed?: { text: string; fixedFindings: number };
  /** With `track`: the file's resources as analysed, and the index queries its rules asked (see `WorkspaceView`). */
  workspace?: { resources: IndexedResource[]; queries: string[] };
}

export interface RuleFailure {
  ruleId: string;
  message: string;
  stack: string | undefined;
}

export class AnalysisService {
  private readonly environments = new Map<number, PreparedEnvironment>();
  private builtin: BuiltinSchemaSet | undefined | null = null;
  /** Documents parsed for `facts` and not analysed yet, by path, and their texts' length in all. */
  private readonly kept = new Map<string, { text: string; documents: readonly YamlDocument[] }>();
  private keptBytes = 0;

  handle(request: AnalysisRequest): unknown {
    switch (request.kind) {
      case "environment":
        // Runs come one after the other (a scan starts when the last one ended), so a new environment retires the older ones.
        this.environments.clear();
        this.environments.set(request.id, prepareEnvironment(request.environment));
        return null;
      case "facts":
        return this.facts(request.file);
      case "analyse":
        return this.analyse(request.task);
    }
  }

  /** `factsOf`, keeping the parsed documents for the file's analysis when asked and the budget allows. */
  facts(file: FactsRequest): FileFacts {
    if (!file.keep || this.keptBytes + file.text.length > KEPT_BYTES) return factsOf(file);
    let documents: readonly YamlDocument[] | undefined;
    const recording: DocumentSource = {
      documents(text) {
        documents = FRESH_PARSE.documents(text);
        return documents;
      },
    };
    const facts = factsOf(file, recording);
    if (documents !== undefined) {
      this.kept.set(normalizePath(file.path), { text: file.text, documents });
      this.keptBytes += file.text.length;
    }
    return facts;
  }

  analyse(task: AnalysisTask): AnalysisResult {
    const environment = this.environments.get(task.environment);
    if (environment === undefined) throw new Error(`no analysis environment ${task.environment} was set`);
    const version = task.config.kubernetesVersion;
    let kubernetes = environment.byVersion.get(version ?? "");
    if (kubernetes === undefined) {
      kubernetes = kubernetesEnvironment(this.schemas(), version, environment.customResources);
      environment.byVersion.set(version ?? "", kubernetes);
    }
    const ruleErrors = new Map<string, RuleFailure>();
    // Documents the facts pass parsed serve this analysis once, for the text they were parsed from.
    const kept = this.kept.get(normalizePath(task.path));
    if (kept !== undefined) {
      this.kept.delete(normalizePath(task.path));
      this.keptBytes -= kept.text.length;
    }
    const documents: DocumentSource | undefined = kept && { documents: (text) => (text === kept.text ? kept.documents : FRESH_PARSE.documents(text)) };
    // With `track`, the last analysis's resources and questions (a fixed file's, after `--fix`).
    let tracked: AnalysisResult["workspace"];
    const analyse = (file: { path: string; text: string }): Finding[] => {
      const queries = new Set<string>();
      let resources: readonly IndexedResource[] = [];
      let workspace: WorkspaceOptions | undefined;
      if (environment.index !== undefined) {
        workspace = { index: environment.index };
        const namespace = environment.kustomizeNamespaces[normalizePath(task.path)];
        if (namespace !== undefined) workspace.kustomizeNamespace = namespace;
        if (task.track) {
          workspace.onQuery = (key) => queries.add(key);
          workspace.onResources = (own) => (resources = own);
        }
      }
      const findings = analyzeFile(file, {
        config: task.config,
        layout: environment.layout,
        helm: environment.helm,
        kubernetes,
        ...(workspace ? { workspace } : {}),
        ...(documents ? { documents } : {}),
        onRuleError: (ruleId, _path, error) => {
          if (ruleErrors.has(ruleId)) return;
          ruleErrors.set(ruleId, { ruleId, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
        },
      });
      if (task.track && workspace) tracked = { resources: [...resources], queries: [...queries] };
      return findings;
    };
    const file = { path: task.path, text: task.text };
    const result: AnalysisResult = task.fix ? { findings: [], ruleErrors: [] } : { findings: analyse(file), ruleErrors: [] };
    if (task.fix) {
      const outcome = fixFile(file, analyse);
      result.findings = outcome.findings;
      result.fixed = { text: outcome.text, fixedFindings: outcome.fixedFindings };
    }
    result.ruleErrors = [...ruleErrors.values()];
    if (tracked) result.workspace = tracked;
    return result;
  }

  /** The bundled schemas, read once per thread. */
  private schemas(): BuiltinSchemaSet | undefined {
    if (this.builtin === null) this.builtin = loadBundledSchemas();
    return this.builtin;
  }
}

interface PreparedEnvironment {
  layout: WorkspaceLayout;
  helm: HelmWorkspace;
  customResources: CustomResourceType[];
  byVersion: Map<string, KubernetesEnvironment>;
  /** The workspace index, when the environment carries the workspace's resources. */
  index: WorkspaceIndex | undefined;
  kustomizeNamespaces: Record<string, string>;
}

function prepareEnvironment(environment: AnalysisEnvironment): PreparedEnvironment {
  let index: WorkspaceIndex | undefined;
  if (environment.resources !== undefined) {
    index = new WorkspaceIndex();
    const byPath = new Map<string, IndexedResource[]>();
    for (const resource of environment.resources) {
      const list = byPath.get(resource.path);
      if (list) list.push(resource);
      else byPath.set(resource.path, [resource]);
    }
    for (const [path, resources] of byPath) index.update(path, resources);
  }
  const layout: WorkspaceLayout = { chartRoots: new Set(environment.chartRoots) };
  return {
    layout,
    helm: new HelmWorkspace(layout, environment.chartFiles ?? []),
    customResources: environment.customResources,
    byVersion: new Map(),
    index,
    kustomizeNamespaces: environment.kustomizeNamespaces ?? {},
  };
}

/** A file's CRDs and resources, for the index every file is then analysed against. */
export function factsOf(file: FactsRequest, source?: DocumentSource): FileFacts {
  return {
    customResources: customResourcesIn(file.path, file.text),
    resources: indexSourceFile({ path: file.path, text: file.text }, { chartRoots: new Set(file.chartRoots) }, file.kustomizeNamespace, source),
  };
}

/**
 * At most this much text (UTF-16 code units) has its parsed documents kept between the
 * facts pass and the analysis, so that a big workspace is not parsed twice. The documents
 * take some 15 to 20 times their text's size, so the budget holds them to about 150 MB;
 * files past it are parsed again when they are analysed.
 */
const KEPT_BYTES = 8 * 1024 * 1024;
