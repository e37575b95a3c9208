import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import {
  ALL_RULE_IDS,
  CONFIG_FILE_NAMES,
  LineIndex,
  analyzeFile,
  isIgnored,
  layoutFromPaths,
  mergeConfig,
  normalizePath,
  parseConfig,
  customResourcesIn,
  kubernetesEnvironment,
  type CustomResourceType,
  type Finding,
  type KubernetesEnvironment,
  type ShipshapeConfig,
  type SourceFile,
} from "../analysis/index.ts";
import { MAX_SCANNED_FILES, expandPaths, findConfigFile, loadConfig, readSourceFile } from "../io/workspace-files.ts";
import type { CheckOptions } from "./args.ts";
import { WriteSkipped, fixFile, writeFixedFile } from "./apply-fixes.ts";
import { UsageError } from "./errors.ts";
import { decodeSource } from "./source-text.ts";
import { loadBundledSchemas } from "../io/schema-data.ts";

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
  const files = await expandPaths(roots);
  if (files.length >= MAX_SCANNED_FILES) warn(`only the first ${MAX_SCANNED_FILES} files were scanned; pass narrower paths to check the rest`);
  // The layout sees every file of the analysed roots plus the charts that enclose them,
  // so `shipshape check chart/templates` still knows those files are templates.
  const layout = layoutFromPaths([...files, ...enclosingChartFiles(roots)]);
  warnAboutIgnoredArguments(roots, config, environment);

  const analysed = files.filter((path) => !isIgnored(path, config));
  const kubernetes = await kubernetesEnvironmentFor(analysed, config, environment);

  const reportedRuleErrors = new Set<string>();
  const analyse = (file: SourceFile): Finding[] =>
    analyzeFile(file, {
      config,
      layout,
      kubernetes,
      onRuleError: (ruleId, path, error) => {
        const key = `${ruleId}\0${path}`;
        if (reportedRuleErrors.has(key)) return;
        reportedRuleErrors.add(key);
        const detail = environment.debug && error instanceof Error ? error.stack : errorMessage(error);
        warn(`rule ${ruleId} failed on ${displayPathOf(path, cwd)} and was skipped for that file: ${detail}`);
      },
    });

  const result: CheckResult = { files: [], fixed: [], ioFailures: 0 };
  // The next file is read while the current one is analysed, so the disk never waits on the parser.
  let nextRead = analysed.length > 0 ? readSettled(analysed[0]!) : undefined;
  for (let index = 0; index < analysed.length; index++) {
    const path = analysed[index]!;
    const read = await nextRead!;
    nextRead = index + 1 < analysed.length ? readSettled(analysed[index + 1]!) : undefined;
    const displayPath = displayPathOf(path, cwd);
    if (!read.ok) {
      warn(`cannot read ${displayPath}: ${errorMessage(read.error)}`);
      result.ioFailures++;
      continue;
    }
    const raw = read.text;
    const source = decodeSource(raw);
    if (!options.fix) {
      result.files.push({ path, displayPath, text: source.text, findings: analyse({ path, text: source.text }) });
      continue;
    }
    const outcome = fixFile({ path, text: source.text }, analyse);
    let text = outcome.text;
    let findings = outcome.findings;
    if (outcome.fixedFindings > 0) {
      try {
        await writeFixedFile(path, raw, source.encode(outcome.text));
        result.fixed.push({ displayPath, fixedFindings: outcome.fixedFindings });
      } catch (error) {
        warn(`did not write ${displayPath}: ${errorMessage(error)}`);
        if (!(error instanceof WriteSkipped)) result.ioFailures++;
        // The file on disk is unchanged, so the findings to report are those of the original text.
        text = source.text;
        findings = analyse({ path, text });
      }
    }
    result.files.push({ path, displayPath, text, findings });
  }
  return result;
}

/**
 * The target version and schemas, with the CRDs of every analysed file: a custom
 * resource is checked against its CRD wherever the two are in the tree.
 */
async function kubernetesEnvironmentFor(paths: readonly string[], config: ShipshapeConfig, environment: CheckEnvironment): Promise<KubernetesEnvironment> {
  const builtin = loadBundledSchemas();
  if (!builtin) environment.warn("the bundled Kubernetes schemas are missing; schema checks are skipped (rebuild with npm run build)");
  const customResources: CustomResourceType[] = [];
  for (const path of paths) {
    try {
      customResourcesIn(normalizePath(path), decodeSource((await readSourceFile(path)).text).text).forEach((type) => customResources.push(type));
    } catch {
      // Unreadable files are reported once, by the analysis loop.
    }
  }
  const result = kubernetesEnvironment(builtin, config.kubernetesVersion, customResources);
  if (result.requestedVersion !== undefined) {
    environment.warn(`no schemas are bundled for Kubernetes ${result.requestedVersion}; checking against ${result.version}, the nearest bundled version`);
  }
  return result;
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

/** Never rejects, so a read started ahead of time cannot become an unhandled rejection. */
async function readSettled(path: string): Promise<{ ok: true; text: string } | { ok: false; error: unknown }> {
  try {
    return { ok: true, text: (await readSourceFile(path)).text };
  } catch (error) {
    return { ok: false, error };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
