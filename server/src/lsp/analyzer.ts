import type { Diagnostic } from "vscode-languageserver/node";
import {
  analyzeFile,
  defaultConfig,
  isIgnored,
  type DocumentSource,
  type KubernetesEnvironment,
  type Rule,
  type ShipshapeConfig,
  type SourceFile,
  type WorkspaceLayout,
  type WorkspaceOptions,
  type HelmWorkspace,
} from "../analysis/index.ts";
import { toDiagnostic } from "./diagnostics.ts";
import { describeError, type Log } from "./log.ts";
import type { ProjectConfigs } from "./project-config.ts";
import type { SettingsStore } from "./settings.ts";
import type { WorkspaceFolders } from "./workspace-folders.ts";
import { analysisPathOf, pathFromUri } from "./paths.ts";
import type { KubernetesContext } from "./kubernetes-context.ts";
import type { AnalysisEnvironment } from "../io/analysis-service.ts";
import type { AnalysisRunner } from "../io/parallel-analysis.ts";
import type { WorkspaceResources } from "./workspace-resources.ts";
import type { HelmContext } from "./helm-context.ts";

/**
 * Turns a file's text into diagnostics with everything that applies to it: its editor
 * settings, its project config and the workspace layout. Open documents and files on
 * disk go through the same two steps: `prepare` (asynchronous: settings and config)
 * then `diagnose` (synchronous: the pure analysis).
 */
export interface AnalyzerDependencies {
  log: Log;
  settings: SettingsStore;
  configs: ProjectConfigs;
  folders: WorkspaceFolders;
  layout: () => WorkspaceLayout;
  kubernetes: KubernetesContext;
  /** The workspace index that reference rules read and every analysis updates. */
  resources: WorkspaceResources;
  /** The workspace's Helm charts; without it a chart file is analysed alone. */
  helm?: HelmContext;
  /** Diagnostics of the rendered charts, added to their templates' own. */
  rendered?: (path: string) => Diagnostic[];
  /** The rules to run; the registry's unless a test narrows them. */
  rules?: readonly Rule<any>[];
}

/** What a file is analysed with, once its settings are known. */
export interface PreparedAnalysis {
  path: string;
  config: ShipshapeConfig;
}

/** Analyses slower than this are logged, so a pathological file can be found from the output channel. */
const SLOW_ANALYSIS_MS = 1000;

export class Analyzer {
  constructor(private readonly deps: AnalyzerDependencies) {}

  /** The config for a document, or `undefined` when settings disable Shipshape for it or exclude it. */
  async prepare(uri: string): Promise<PreparedAnalysis | undefined> {
    const settings = await this.deps.settings.forUri(uri);
    if (!settings.enable) return undefined;
    const filePath = pathFromUri(uri);
    const folder = filePath === undefined ? undefined : this.deps.folders.folderOf(filePath);
    const path = analysisPathOf(uri);
    if (settings.exclude.length > 0 && isIgnored(path, { ...defaultConfig(folder ?? ""), ignore: settings.exclude })) return undefined;
    return { path, config: await this.deps.configs.configFor(filePath, folder, settings) };
  }

  /**
   * Whether analyses may run on worker threads: not when a test narrowed the rules, since
   * rules are code and a worker thread runs the registry's own.
   */
  get runsOnWorkers(): boolean {
    return this.deps.rules === undefined;
  }

  /**
   * What a worker thread needs to know of the workspace to analyse its files as `diagnose`
   * would: the chart roots, the CRDs and, once the workspace is indexed, a copy of the
   * index. It changes when the layout, the CRDs or the index do.
   */
  workerEnvironment(): AnalysisEnvironment {
    const environment: AnalysisEnvironment = { chartRoots: [...this.deps.layout().chartRoots], customResources: [...this.deps.kubernetes.environmentFor(undefined).customResources] };
    const resources = this.deps.resources;
    if (resources.ready) {
      environment.resources = resources.snapshot();
      environment.kustomizeNamespaces = resources.namespacesRecord();
    }
    if (this.deps.helm) environment.chartFiles = this.deps.helm.files();
    return environment;
  }

  /** `diagnose`, run by `runner` (on a worker thread when it has any) in an environment from `workerEnvironment`. */
  async diagnoseWith(runner: AnalysisRunner, environment: number, prepared: PreparedAnalysis, text: string): Promise<Diagnostic[]> {
    this.deps.kubernetes.updateFile(prepared.path, text);
    this.deps.helm?.updateFile(prepared.path, text);
    const started = performance.now();
    try {
      const result = await runner.analyse({ environment, config: prepared.config, path: prepared.path, text, fix: false, track: true });
      // The worker answered from a copy of the index; what the file is now, and what it asked, go into the real one.
      if (result.workspace && this.deps.resources.ready) this.deps.resources.record(prepared.path, result.workspace.resources, new Set(result.workspace.queries));
      for (const failure of result.ruleErrors) {
        this.deps.log.error(`The rule ${failure.ruleId} failed on ${prepared.path} and was skipped for that file.`, failure.stack ?? failure.message);
      }
      return [...result.findings.map(toDiagnostic), ...(this.deps.rendered?.(prepared.path) ?? [])];
    } catch (error) {
      this.deps.log.error(`Analysing ${prepared.path} failed; it has no diagnostics until it changes.\n${describeError(error)}`);
      return [];
    } finally {
      const elapsed = performance.now() - started;
      if (elapsed > SLOW_ANALYSIS_MS) this.deps.log.info(`Analysing ${prepared.path} took ${Math.round(elapsed)} ms.`);
    }
  }

  /** `documents` is an open document's cache, so that an edit reparses only the YAML documents it touched. */
  diagnose(prepared: PreparedAnalysis, text: string, documents?: DocumentSource): Diagnostic[] {
    this.deps.kubernetes.updateFile(prepared.path, text);
    this.deps.helm?.updateFile(prepared.path, text);
    const own = diagnoseText(
      { path: prepared.path, text },
      {
        config: prepared.config,
        layout: this.deps.layout(),
        kubernetes: this.deps.kubernetes.environmentFor(prepared.config.kubernetesVersion),
        log: this.deps.log,
        rules: this.deps.rules,
        documents,
        workspace: this.deps.resources.ready ? this.deps.resources.optionsFor(prepared.path) : undefined,
        helm: this.deps.helm?.workspace,
      },
    );
    const rendered = this.deps.rendered?.(prepared.path) ?? [];
    return rendered.length > 0 ? [...own, ...rendered] : own;
  }

  /** A chart file's text as the analysis has it (open documents' unsaved text included). */
  chartText(path: string): string | undefined {
    return this.deps.helm?.workspace.textOf(path);
  }
}

export interface DiagnoseOptions {
  config: ShipshapeConfig;
  layout: WorkspaceLayout;
  kubernetes?: KubernetesEnvironment;
  log: Log;
  rules?: readonly Rule<any>[] | undefined;
  documents?: DocumentSource | undefined;
  /** The workspace index; the file alone without it. */
  workspace?: WorkspaceOptions | undefined;
  helm?: HelmWorkspace | undefined;
}

/**
 * Runs the analysis and converts its findings. A rule that throws is logged with its id
 * and file and skipped; should the core itself throw, the file gets no diagnostics and
 * the server carries on.
 */
export function diagnoseText(file: SourceFile, options: DiagnoseOptions): Diagnostic[] {
  const started = performance.now();
  try {
    const findings = analyzeFile(file, {
      config: options.config,
      layout: options.layout,
      ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}),
      ...(options.rules ? { rules: options.rules } : {}),
      ...(options.documents ? { documents: options.documents } : {}),
      ...(options.workspace ? { workspace: options.workspace } : {}),
      ...(options.helm ? { helm: options.helm } : {}),
      onRuleError: (ruleId, path, error) =>
        options.log.error(`The rule ${ruleId} failed on ${path} and was skipped for that file.`, error),
    });
    return findings.map(toDiagnostic);
  } catch (error) {
    options.log.error(`Analysing ${file.path} failed; it has no diagnostics until it changes.\n${describeError(error)}`);
    return [];
  } finally {
    const elapsed = performance.now() - started;
    if (elapsed > SLOW_ANALYSIS_MS) options.log.info(`Analysing ${file.path} took ${Math.round(elapsed)} ms.`);
  }
}
