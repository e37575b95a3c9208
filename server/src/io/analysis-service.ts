import {
  analyzeFile,
  customResourcesIn,
  kubernetesEnvironment,
  type BuiltinSchemaSet,
  type CustomResourceType,
  type Finding,
  type KubernetesEnvironment,
  type ShipshapeConfig,
  type WorkspaceLayout,
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
  | { kind: "custom-resources"; path: string; text: string }
  | { kind: "analyse"; task: AnalysisTask };

/** What every file of one run shares: the workspace's chart roots and CRDs. A new one replaces the last. */
export interface AnalysisEnvironment {
  chartRoots: string[];
  customResources: CustomResourceType[];
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
}

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw, once per rule; the rule was skipped for the file. */
  ruleErrors: RuleFailure[];
  /** With `fix`: the fixed text and how many findings were fixed; `findings` are the fixed text's. */
  fixed?: { text: string; fixedFindings: number };
}

export interface RuleFailure {
  ruleId: string;
  message: string;
  stack: string | undefined;
}

export class AnalysisService {
  private readonly environments = new Map<number, { layout: WorkspaceLayout; helm: HelmWorkspace; customResources: CustomResourceType[]; byVersion: Map<string, KubernetesEnvironment> }>();
  private builtin: BuiltinSchemaSet | undefined | null = null;

  handle(request: AnalysisRequest): unknown {
    switch (request.kind) {
      case "environment":
        // Runs come one after the other (a scan starts when the last one ended), so a new environment retires the older ones.
        this.environments.clear();
        const layout: WorkspaceLayout = { chartRoots: new Set(request.environment.chartRoots) };
        this.environments.set(request.id, {
          layout,
          helm: new HelmWorkspace(layout, request.environment.chartFiles ?? []),
          customResources: request.environment.customResources,
          byVersion: new Map(),
        });
        return null;
      case "custom-resources":
        return customResourcesIn(request.path, request.text);
      case "analyse":
        return this.analyse(request.task);
    }
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
    const analyse = (file: { path: string; text: string }): Finding[] =>
      analyzeFile(file, {
        config: task.config,
        layout: environment.layout,
        helm: environment.helm,
        kubernetes,
        onRuleError: (ruleId, _path, error) => {
          if (ruleErrors.has(ruleId)) return;
          ruleErrors.set(ruleId, { ruleId, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
        },
      });
    const file = { path: task.path, text: task.text };
    if (!task.fix) return { findings: analyse(file), ruleErrors: [...ruleErrors.values()] };
    const outcome = fixFile(file, analyse);
    return { findings: outcome.findings, ruleErrors: [...ruleErrors.values()], fixed: { text: outcome.text, fixedFindings: outcome.fixedFindings } };
  }

  /** The bundled schemas, read once per thread. */
  private schemas(): BuiltinSchemaSet | undefined {
    if (this.builtin === null) this.builtin = loadBundledSchemas();
    return this.builtin;
  }
}
