import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import {
  ALL_RULE_IDS,
  CONFIG_FILE_NAMES,
  LineIndex,
  isIgnored,
  isKustomizationPath,
  isYamlName,
  kubernetesEnvironment,
  kustomizeNamespaces,
  layoutFromPaths,
  mergeConfig,
  normalizePath,
  parseConfig,
  type Finding,
  type ShipshapeConfig,
  type WorkspaceLayout,
  type SourceFile,
} from "../analysis/index.ts";
import { MAX_SCANNED_FILES, expandPaths, findConfigFile, loadConfig, readSourceFile } from "../io/workspace-files.ts";
import type { CheckOptions } from "./args.ts";
import { WriteSkipped, writeFixedFile } from "./apply-fixes.ts";
import { UsageError } from "./errors.ts";
import { decodeSource } from "./source-text.ts";
import { loadBundledSchemas } from "../io/schema-data.ts";
import type { RuleFailure } from "../io/analysis-service.ts";
import { startAnalysis, workerThreadsFor, type AnalysisRunner } from "../io/parallel-analysis.ts";
import { isTemplateName, readChartFiles } from "../io/chart-files.ts";
import { addRenderedFindings } from "./rendered.ts";

/** One analysed file, with the text its findings' ranges refer to (after any fixes). */
export interface AnalysedFile {
  /** Absolute, forward slashes. */
  path: string;
  /** Relative to the cwd, forward slashes: what every output format prints. */
  displayPath: string;
  /** The text without a byte-order mark, exactly as the editor sees it. */
  text: string;
  findings: Finding[];
}

export interface FixedFile {
  displayPath: string;
  fixedFindings: number;
}

export interface CheckResult {
  files: AnalysedFile[];
  fixed: FixedFile[];
  /** Files that could not be read or written; the run is incomplete when this is not 0. */
  ioFailures: number;
}

export interface CheckEnvironment {
  cwd: string;
  /** Prints a warning to stderr; warnings never change the exit code. */
  warn(message: string): void;
  debug: boolean;
}

/** Collects, analyses and (with `--fix`) fixes files. Throws `UsageError` for bad paths or config. */
export async function runCheck(options: CheckOptions, environment: CheckEnvironment): Promise<CheckResult> {
  const { cwd, warn } = environment;
  const roots = options.paths.map((path) => resolve(cwd, path));
  await requireExisting(options.paths, roots);

  const config = await resolveConfig(options, environment);
  const yamlFiles = await expandPaths(roots);
  if (yamlFiles.length >= MAX_SCANNED_FILES) warn(`only the first ${MAX_SCANNED_FILES} files were scanned; pass narrower paths to check the rest`);
  // The layout sees every file of the analysed roots plus the charts that enclose them,
  // so `shipshape check chart/templates` still knows those files are templates.
  const layout = layoutFromPaths([...yamlFiles, ...enclosingChartFiles(roots)]);
  // Charts are analysed whole: their templates' `.tpl` files and NOTES.txt are checked too, and every file sees the rest of its chart.
  const chartFiles = await readChartFiles(layout.chartRoots);
  const files = withChartTemplates(yamlFiles, chartFiles, roots);
  warnAboutIgnoredArguments(roots, config, environment);

  const analysed = files.filter((path) => !isIgnored(path, config));
  const schemas = loadBundledSchemas();
  if (!schemas) warn("the bundled Kubernetes schemas are missing; schema checks are skipped (rebuild with npm run build)");
  const target = kubernetesEnvironment(schemas, config.kubernetesVersion);
  if (target.requestedVersion !== undefined) {
    warn(`no schemas are bundled for Kubernetes ${target.requestedVersion}; checking against ${target.version}, the nearest bundled version`);
  }

  // Every file is read first: the output needs every text anyway, and the analyses can then be spread over the cores.
  const sources = await mapLimited(analysed, READ_CONCURRENCY, readSettled);
  const bytes = sources.reduce((sum, read) => sum + (read.ok ? read.text.length : 0), 0);
  const runner = startAnalysis(workerThreadsFor({ files: analysed.length, bytes }));
  try {
    const result = await checkFiles(analysed, sources, runner, { options, config, layout, chartFiles, environment });
    if (options.render) await addRenderedFindings(result.files, { config, kubernetes: target, layout, chartFiles, helmPath: options.helmPath, warn, displayPath: (path) => displayPathOf(path, cwd) });
    return result;
  } finally {
    await runner.close();
  }
}

interface CheckRun {
  options: CheckOptions;
  config: ShipshapeConfig;
  layout: WorkspaceLayout;
  chartFiles: SourceFile[];
  environment: CheckEnvironment;
}

/**
 * Analyses (and fixes) the files that were read, in parallel when `runner` has threads, and
 * reports them in the order of `paths`: results, warnings and writes never depend on which
 * thread finished first.
 */
async function checkFiles(paths: readonly string[], reads: readonly Read[], runner: AnalysisRunner, run: CheckRun): Promise<CheckResult> {
  const { options, config, layout, chartFiles, environment } = run;
  const { cwd, warn } = environment;
  const texts = reads.map((read) => (read.ok ? decodeSource(read.text) : undefined));
  // One file in flight per thread: a thread never holds a file back behind a big one while another thread is idle.
  const lanes = Math.max(1, runner.threads);
  // Every file's facts come first: a custom resource is checked against its CRD, and a reference
  // against its target, wherever the two are among the checked files, so the whole workspace is
  // indexed before any file is analysed. Facts keep the order of `paths`, and so does the index.
  const normalized = paths.map(normalizePath);
  const namespaces = kustomizeNamespaces(
    normalized.flatMap((path, index) => (isKustomizationPath(path) && texts[index] !== undefined ? [{ path, text: texts[index]!.text }] : [])),
    normalized,
  );
  const chartRoots = [...layout.chartRoots];
  const facts = await mapLimited(normalized, lanes, (path, index) => {
    const source = texts[index];
    if (source === undefined) return Promise.resolve({ customResources: [], resources: [] });
    const namespace = namespaces.get(path);
    // In one thread the documents parsed for the facts are kept for the analysis, which then parses nothing again.
    return runner.facts({ path, text: source.text, chartRoots, keep: runner.threads === 0, ...(namespace !== undefined ? { kustomizeNamespace: namespace } : {}) });
  });
  const environmentId = await runner.environment({
    chartRoots,
    customResources: facts.flatMap((file) => file.customResources),
    resources: facts.flatMap((file) => file.resources),
    kustomizeNamespaces: Object.fromEntries(namespaces),
    chartFiles,
  });
  const analyse = (path: string, text: string, fix: boolean) => runner.analyse({ environment: environmentId, config, path, text, fix });
  const outcomes = await mapLimited(paths, lanes, (path, index) => {
    const source = texts[index];
    return source === undefined ? Promise.resolve(undefined) : analyse(path, source.text, options.fix);
  });

  const result: CheckResult = { files: [], fixed: [], ioFailures: 0 };
  const reportRuleErrors = (path: string, failures: readonly RuleFailure[]) => {
    for (const failure of failures) {
      const detail = environment.debug && failure.stack !== undefined ? failure.stack : failure.message;
      warn(`rule ${failure.ruleId} failed on ${displayPathOf(path, cwd)} and was skipped for that file: ${detail}`);
    }
  };
  for (let index = 0; index < paths.length; index++) {
    const path = paths[index]!;
    const read = reads[index]!;
    const displayPath = displayPathOf(path, cwd);
    if (!read.ok) {
      warn(`cannot read ${displayPath}: ${errorMessage(read.error)}`);
      result.ioFailures++;
      continue;
    }
    // A file that was read has its text and its outcome.
    const source = texts[index]!;
    const outcome = outcomes[index]!;
    reportRuleErrors(path, outcome.ruleErrors);
    let text = outcome.fixed?.text ?? source.text;
    let findings = outcome.findings;
    const fixedFindings = outcome.fixed?.fixedFindings ?? 0;
    if (fixedFindings > 0) {
      try {
        await writeFixedFile(path, read.text, source.encode(text));
        result.fixed.push({ displayPath, fixedFindings });
      } catch (error) {
        warn(`did not write ${displayPath}: ${errorMessage(error)}`);
        if (!(error instanceof WriteSkipped)) result.ioFailures++;
        // The file on disk is unchanged, so the findings to report are those of the original text.
        text = source.text;
        findings = (await analyse(path, text, false)).findings;
      }
    }
    result.files.push({ path, displayPath, text, findings });
  }
  return result;
}

/** Files read at once: enough to keep the disk busy, few enough to stay clear of the open-file limit. */
const READ_CONCURRENCY = 32;

/** Runs `work` on every item, at most `concurrency` at a time; the results keep the items' order. */
async function mapLimited<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** A path relative to the cwd with forward slashes, as CI logs and SARIF expect. */
export function displayPathOf(path: string, cwd: string): string {
  return normalizePath(relative(cwd, path)) || normalizePath(basename(path));
}

async function requireExisting(typed: readonly string[], roots: readonly string[]): Promise<void> {
  for (let i = 0; i < roots.length; i++) {
    try {
      await stat(roots[i]!);
    } catch {
      throw new UsageError(`No such file or folder: ${typed[i]}`);
    }
  }
}

async function resolveConfig(options: CheckOptions, environment: CheckEnvironment): Promise<ShipshapeConfig> {
  const { cwd } = environment;
  let configPath: string | undefined;
  if (options.configPath !== undefined) {
    configPath = resolve(cwd, options.configPath);
    if (!existsSync(configPath)) throw new UsageError(`Config file not found: ${options.configPath}`);
  } else {
    configPath = findConfigFile(cwd);
  }
  let config: ShipshapeConfig;
  try {
    config = await loadConfig(configPath, cwd);
  } catch (error) {
    throw new UsageError(`Cannot read config file ${options.configPath ?? configPath}: ${errorMessage(error)}`);
  }
  if (configPath !== undefined) await warnAboutConfigProblems(configPath, options, environment);
  return options.kubernetesVersion === undefined ? config : mergeConfig(config, { kubernetesVersion: options.kubernetesVersion });
}

/**
 * A config file inside the analysed folders gets its problems as findings. One outside
 * them (or one with another name, given by --config) would otherwise be silently half
 * applied, so its problems are printed as warnings.
 */
async function warnAboutConfigProblems(configPath: string, options: CheckOptions, environment: CheckEnvironment): Promise<void> {
  const roots = options.paths.map((path) => resolve(environment.cwd, path));
  const analysedAsFinding =
    (CONFIG_FILE_NAMES as readonly string[]).includes(basename(configPath)) &&
    roots.some((root) => root === configPath || !relative(root, configPath).startsWith(".."));
  if (analysedAsFinding) return;
  const { text } = decodeSource((await readSourceFile(configPath)).text);
  const lines = new LineIndex(text);
  for (const problem of parseConfig(text, "", ALL_RULE_IDS).problems) {
    const { line, character } = lines.positionAt(problem.at[0]);
    environment.warn(`${displayPathOf(configPath, environment.cwd)}:${line + 1}:${character + 1}: ${problem.message}`);
  }
}

function warnAboutIgnoredArguments(roots: readonly string[], config: ShipshapeConfig, environment: CheckEnvironment): void {
  for (const root of roots) {
    if (isIgnored(normalizePath(root), config)) environment.warn(`${displayPathOf(root, environment.cwd)} is ignored by the config's ignore patterns`);
  }
}

/** Every `Chart.yaml` in a folder above an analysed path, up to the file-system root. */
/** The YAML files, plus the chart templates that are not YAML (`_helpers.tpl`, NOTES.txt) inside the analysed roots. */
function withChartTemplates(files: readonly string[], chartFiles: readonly SourceFile[], roots: readonly string[]): string[] {
  const all = new Set(files);
  const inRoots = roots.map((root) => normalizePath(root));
  for (const { path } of chartFiles) {
    if (isYamlName(path) || !path.includes("/templates/") || !isTemplateName(path)) continue;
    if (inRoots.some((root) => path === root || path.startsWith(`${root}/`))) all.add(path);
  }
  return [...all].sort();
}

function enclosingChartFiles(roots: readonly string[]): string[] {
  const found = new Set<string>();
  for (const root of roots) {
    for (let dir = dirname(root); ; dir = dirname(dir)) {
      const chart = join(dir, "Chart.yaml");
      if (existsSync(chart)) found.add(normalizePath(chart));
      if (dirname(dir) === dir) break;
    }
  }
  return [...found];
}

type Read = { ok: true; text: string } | { ok: false; error: unknown };

/** Never rejects: a file that cannot be read is reported in its turn, with the others. */
async function readSettled(path: string): Promise<Read> {
  try {
    return { ok: true, text: (await readSourceFile(path)).text };
  } catch (error) {
    return { ok: false, error };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
