import { parseDocument, type Document } from "yaml";
import type { SourceFile } from "../types.ts";
import { normalizePath, type WorkspaceLayout } from "../documents/kind.ts";
import { templateFacts, type TemplateFacts } from "./template-facts.ts";
import { entryAt, readValuesFile, type ValuesEntry, type ValuesFile, type ValuesNode } from "./values-tree.ts";

/**
 * A Helm chart as the analysis sees it: its metadata, values files, templates (as facts,
 * never as YAML) and subcharts, built from the texts the edges hand over. Files are kept
 * per path, so that one edit replaces one file's facts; models are rebuilt from those
 * facts on demand and cached until a file of the workspace changes.
 */
export interface ChartModel {
  root: string;
  /** `name` from Chart.yaml, else the folder's name. */
  name: string;
  metadata: ChartMetadata;
  /** `values.yaml` first, then `values-*.yaml` and `ci/*values*.yaml`, by path. */
  valuesFiles: ValuesFile[];
  templates: Array<{ path: string; facts: TemplateFacts }>;
  /** Files directly under `charts/` (subchart folders and archives), by name. */
  chartsEntries: string[];
  /** Whether a `Chart.lock` exists, and the dependency names it locks. */
  lockedDependencies: string[] | undefined;
  /** The JSON Schema of the values, when `values.schema.json` exists. */
  schemaText: string | undefined;
  /** The chart whose `charts/` folder holds this one, and the key its values live under there. */
  parent: { chart: ChartModel; key: string } | undefined;
  subcharts: Array<{ chart: ChartModel; key: string }>;
}

export interface ChartMetadata {
  name: string | undefined;
  dependencies: Array<{ name: string; alias?: string; condition?: string; tags?: string[] }>;
}

/** Where a path's value is defined: every values node along the way, from every file that applies. */
export interface ValuesLookup {
  /** The entry that defines the whole path, first from the chart's own files, then its parents'. */
  entry: { file: ValuesFile; entry: ValuesEntry } | undefined;
  /** The deepest prefix any file defines, and what it is there. */
  deepest: { length: number; node: ValuesNode; file: ValuesFile } | undefined;
}

const TEMPLATE_NAME = /\.(ya?ml|tpl|txt)$/;

export class HelmWorkspace {
  private readonly texts = new Map<string, string>();
  private readonly paths = new Set<string>();
  private models = new Map<string, ChartModel>();
  private factsCache = new Map<string, { text: string; facts: TemplateFacts }>();
  private valuesCache = new Map<string, ValuesFile>();
  private overlay: { path: string; text: string; texts: Map<string, string>; models: Map<string, ChartModel> } | undefined;

  constructor(
    private layout: WorkspaceLayout,
    files: Iterable<SourceFile> = [],
  ) {
    for (const file of files) this.setText(file.path, file.text);
  }

  /** Replaces the layout; every model is rebuilt. */
  setLayout(layout: WorkspaceLayout): void {
    this.layout = layout;
    this.invalidate();
  }

  /** Sets a chart file's text, or forgets the file with `undefined`. Files outside charts are ignored. */
  update(path: string, text: string | undefined): void {
    if (text === undefined) {
      const normalized = normalizePath(path);
      if (this.paths.delete(normalized)) {
        this.texts.delete(normalized);
        this.invalidate();
      }
      return;
    }
    if (this.texts.get(normalizePath(path)) === text) return;
    this.setText(path, text);
    this.invalidate();
  }

  /** Whether the workspace holds this path as part of a chart. */
  has(path: string): boolean {
    return this.paths.has(normalizePath(path));
  }

  /** Every file held, for a worker thread's copy of the workspace. */
  files(): SourceFile[] {
    return [...this.texts].map(([path, text]) => ({ path, text }));
  }

  /** The chart roots whose models change when this file does: its chart, its parent charts and its subcharts. */
  chartsAffectedBy(path: string): string[] {
    const root = chartRootOf(normalizePath(path), this.layout);
    if (root === undefined) return [];
    return [...this.layout.chartRoots].filter((other) => other === root || other.startsWith(`${root}/charts/`) || root.startsWith(`${other}/charts/`));
  }

  textOf(path: string): string | undefined {
    return this.texts.get(normalizePath(path));
  }

  /**
   * The model of the chart a file belongs to, with the file as `text` says, whether or not
   * the workspace holds that text: an editor analyses unsaved text. `documents` are that
   * text's parse, when the caller has one: a values file's keys are then read from it
   * rather than from a second parse.
   */
  chartFor(path: string, text?: string, documents?: ReadonlyArray<{ yaml: Document.Parsed }>): ChartModel | undefined {
    const normalized = normalizePath(path);
    const root = chartRootOf(normalized, this.layout);
    if (root === undefined) return undefined;
    const only = documents?.length === 1 ? documents[0]!.yaml : undefined;
    if (text !== undefined && only && only.errors.length === 0 && isValuesPath(normalized.slice(root.length + 1))) {
      const cached = this.valuesCache.get(normalized);
      if (!cached || cached.text !== text) this.valuesCache.set(normalized, readValuesFile(normalized, text, only));
    }
    if (text === undefined || this.texts.get(normalized) === text) return this.model(root, this.models, this.texts);
    if (this.overlay?.path !== normalized || this.overlay.text !== text) {
      const texts = new Map(this.texts);
      texts.set(normalized, text);
      this.overlay = { path: normalized, text, texts, models: new Map() };
    }
    return this.model(root, this.overlay.models, this.overlay.texts);
  }

  private setText(path: string, text: string): void {
    const normalized = normalizePath(path);
    this.paths.add(normalized);
    this.texts.set(normalized, text);
  }

  private invalidate(): void {
    this.models = new Map();
    this.overlay = undefined;
  }

  private model(root: string, cache: Map<string, ChartModel>, texts: ReadonlyMap<string, string>): ChartModel {
    const cached = cache.get(root);
    if (cached) return cached;
    // A parent builds its subcharts, so that each links to the other.
    const parentRoot = parentChartOf(root, this.layout);
    if (parentRoot !== undefined) {
      this.model(parentRoot, cache, texts);
      const built = cache.get(root);
      if (built) return built;
    }
    return this.build(root, cache, texts);
  }

  private build(root: string, cache: Map<string, ChartModel>, texts: ReadonlyMap<string, string>): ChartModel {
    const inside = [...texts.keys()].filter((path) => chartRootOf(path, this.layout) === root).sort();
    const metadataText = texts.get(`${root}/Chart.yaml`);
    const metadata = readMetadata(metadataText);
    const model: ChartModel = {
      root,
      name: metadata.name ?? root.slice(root.lastIndexOf("/") + 1),
      metadata,
      valuesFiles: [],
      templates: [],
      chartsEntries: [],
      lockedDependencies: undefined,
      schemaText: texts.get(`${root}/values.schema.json`),
      parent: undefined,
      subcharts: [],
    };
    cache.set(root, model);
    const lock = texts.get(`${root}/Chart.lock`);
    if (lock !== undefined) model.lockedDependencies = readMetadata(lock).dependencies.map((dependency) => dependency.name);
    for (const path of inside) {
      const relative = path.slice(root.length + 1);
      const text = texts.get(path)!;
      if (relative.startsWith("templates/") && TEMPLATE_NAME.test(relative)) {
        model.templates.push({ path, facts: this.factsOf(path, text) });
      } else if (isValuesPath(relative)) {
        model.valuesFiles.push(this.valuesOf(path, text));
      }
    }
    model.valuesFiles.sort((a, b) => Number(!a.path.endsWith("/values.yaml")) - Number(!b.path.endsWith("/values.yaml")) || a.path.localeCompare(b.path));
    const entries = new Set<string>();
    for (const path of this.paths) {
      if (!path.startsWith(`${root}/charts/`)) continue;
      const name = path.slice(root.length + "/charts/".length).split("/")[0]!;
      entries.add(name);
    }
    model.chartsEntries = [...entries].sort();

    const parentRoot = parentChartOf(root, this.layout);
    if (parentRoot !== undefined) {
      const parent = cache.get(parentRoot) ?? this.build(parentRoot, cache, texts);
      const dependency = parent.metadata.dependencies.find((candidate) => candidate.name === model.name && candidate.alias !== undefined);
      const key = dependency?.alias ?? model.name;
      model.parent = { chart: parent, key };
      if (!parent.subcharts.some((subchart) => subchart.chart === model)) parent.subcharts.push({ chart: model, key });
    }
    for (const subRoot of this.layout.chartRoots) {
      if (parentChartOf(subRoot, this.layout) === root && !cache.has(subRoot)) this.build(subRoot, cache, texts);
    }
    return model;
  }

  private factsOf(path: string, text: string): TemplateFacts {
    const cached = this.factsCache.get(path);
    if (cached && cached.text === text) return cached.facts;
    const facts = templateFacts(text);
    // One entry per path: the newest text replaces the older.
    this.factsCache.set(path, { text, facts });
    return facts;
  }

  private valuesOf(path: string, text: string): ValuesFile {
    const cached = this.valuesCache.get(path);
    if (cached && cached.text === text) return cached;
    const file = readValuesFile(path, text);
    this.valuesCache.set(path, file);
    return file;
  }
}

/**
 * Looks a values path up in every values file that applies to a chart: its own, then its
 * parent's under the subchart's key (and the parent's `global`), recursively.
 */
export function lookupValues(chart: ChartModel, path: readonly string[]): ValuesLookup {
  const result: ValuesLookup = { entry: undefined, deepest: undefined };
  const visit = (model: ChartModel, prefix: readonly string[]) => {
    const full = [...prefix, ...path];
    for (const file of model.valuesFiles) {
      let node = file.root;
      let length = 0;
      for (const key of full) {
        const next = node.entries?.get(key);
        if (!next) break;
        node = next.node;
        length++;
      }
      const depth = length - prefix.length;
      if (depth >= 0 && (result.deepest === undefined || depth > result.deepest.length)) result.deepest = { length: depth, node, file };
      if (length === full.length && !result.entry && full.length > 0) {
        const entry = entryAt(file.root, full);
        if (entry) result.entry = { file, entry };
      }
    }
  };
  visit(chart, []);
  const globalPath = path[0] === "global";
  for (let up = chart.parent; up; up = up.chart.parent) {
    visit(up.chart, globalPath ? [] : keyPathTo(chart, up.chart));
  }
  return result;
}

/** The keys under which an ancestor's values reach a subchart: `[sub]`, or `[sub, subsub]`. */
function keyPathTo(chart: ChartModel, ancestor: ChartModel): string[] {
  const keys: string[] = [];
  for (let model: ChartModel | undefined = chart; model && model !== ancestor; model = model.parent?.chart) {
    if (model.parent) keys.unshift(model.parent.key);
  }
  return keys;
}

/** The nearest chart root that holds the path. */
export function chartRootOf(path: string, layout: WorkspaceLayout): string | undefined {
  for (let at = path.lastIndexOf("/"); at > 0; at = path.lastIndexOf("/", at - 1)) {
    const dir = path.slice(0, at);
    if (layout.chartRoots.has(dir)) return dir;
  }
  return undefined;
}

/** The chart whose `charts/` folder holds this chart root directly. */
function parentChartOf(root: string, layout: WorkspaceLayout): string | undefined {
  const at = root.lastIndexOf("/charts/");
  if (at < 0 || root.indexOf("/", at + "/charts/".length) >= 0) return undefined;
  const parent = root.slice(0, at);
  return layout.chartRoots.has(parent) ? parent : undefined;
}

export function isValuesPath(relative: string): boolean {
  if (/^values([-.][^/]*)?\.ya?ml$/.test(relative)) return true;
  return /^ci\/[^/]*values[^/]*\.ya?ml$/.test(relative);
}

function readMetadata(text: string | undefined): ChartMetadata {
  const metadata: ChartMetadata = { name: undefined, dependencies: [] };
  if (text === undefined) return metadata;
  try {
    const value = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || typeof value !== "object") return metadata;
    const record = value as Record<string, unknown>;
    if (typeof record.name === "string") metadata.name = record.name;
    if (Array.isArray(record.dependencies)) {
      for (const item of record.dependencies) {
        if (item === null || typeof item !== "object" || typeof (item as Record<string, unknown>).name !== "string") continue;
        const entry = item as Record<string, unknown>;
        const dependency: ChartMetadata["dependencies"][number] = { name: entry.name as string };
        if (typeof entry.alias === "string") dependency.alias = entry.alias;
        if (typeof entry.condition === "string") dependency.condition = entry.condition;
        if (Array.isArray(entry.tags)) dependency.tags = entry.tags.filter((tag): tag is string => typeof tag === "string");
        metadata.dependencies.push(dependency);
      }
    }
  } catch {
    // A Chart.yaml that does not parse has no name or dependencies to offer; its own rules report it.
  }
  return metadata;
}
