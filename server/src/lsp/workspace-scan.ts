import { readFile, stat } from "node:fs/promises";
import { FileChangeType, type Connection, type Diagnostic, type FileEvent, type WorkDoneProgressServerReporter } from "vscode-languageserver/node";
import { CONFIG_FILE_NAMES, isKustomizationPath, layoutFromPaths, normalizePath, type IndexedResource, type WorkspaceLayout } from "../analysis/index.ts";
import { listWorkspaceFiles } from "../io/workspace-files.ts";
import { MIN_PARALLEL_FILES, startAnalysis, workerThreadsFor, type AnalysisRunner } from "../io/parallel-analysis.ts";
import type { Analyzer } from "./analyzer.ts";
import { openDocumentAt, type OpenDocuments } from "./documents.ts";
import { runDetached, type Log } from "./log.ts";
import type { OpenDocumentDiagnostics } from "./open-document-diagnostics.ts";
import { analysisPathOf, baseName, isAnalysedDocument, isAnalysedPath, isInside, pathFromUri, uriFromPath } from "./paths.ts";
import type { ProjectConfigs } from "./project-config.ts";
import type { SettingsStore } from "./settings.ts";
import type { WorkspaceFolders } from "./workspace-folders.ts";
import type { KubernetesContext } from "./kubernetes-context.ts";
import type { WorkspaceResources } from "./workspace-resources.ts";
import { factsOf, type FactsRequest } from "../io/analysis-service.ts";
import type { HelmContext } from "./helm-context.ts";
import type { HelmRendering } from "./helm-rendering.ts";

export interface WorkspaceScanDependencies {
  connection: Connection;
  documents: OpenDocuments;
  analyzer: Analyzer;
  folders: WorkspaceFolders;
  configs: ProjectConfigs;
  settings: SettingsStore;
  openDiagnostics: OpenDocumentDiagnostics;
  kubernetes: KubernetesContext;
  resources: WorkspaceResources;
  /** The charts, reread from disk by every scan before any file is analysed. */
  helm?: HelmContext;
  /** Renders charts after a scan and after their files change on disk (trusted workspaces only). */
  rendering?: HelmRendering;
  log: Log;
}

/** Bursts of scan requests (a branch switch touches many files) collapse into one scan. */
const SCAN_DEBOUNCE_MS = 100;
/** Progress messages are throttled so the scan does not flood the client. */
const PROGRESS_INTERVAL_MS = 200;
/** Files read at once while the scan indexes the workspace. */
const READ_BATCH = 32;
/** The longest the index is built in this thread without yielding to the event loop, so requests are still answered. */
const INDEX_SLICE_MS = 20;
/** Files larger than this are not even read: the core would refuse them anyway, and reading them costs memory. */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/**
 * Diagnostics for the files that are not open, so the Problems panel covers the whole
 * workspace. It also owns the workspace layout (the chart roots), which comes from the
 * scan's list of files. Open documents are left to `OpenDocumentDiagnostics`: their
 * unsaved text wins over the disk. The scan yields to the event loop after every file,
 * so requests for open documents are answered while it runs.
 */
export class WorkspaceScanner {
  private knownPaths = new Set<string>();
  private currentLayout: WorkspaceLayout = layoutFromPaths([]);
  /** Files whose last published disk diagnostics were not empty, so a rescan can clear the ones that vanished. */
  private readonly publishedFromDisk = new Set<string>();
  /** Raised to stop the scan in progress: a newer scan or shutdown supersedes it. */
  private generation = 0;
  private scanTimer: NodeJS.Timeout | undefined;
  private pendingReasons = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  /** The worker threads of big scans, once a scan started them. */
  private runner: AnalysisRunner | undefined;

  constructor(private readonly deps: WorkspaceScanDependencies) {}

  get layout(): WorkspaceLayout {
    return this.currentLayout;
  }

  /** Schedules a full scan; a scan already running stops at its next file. */
  requestScan(reason: string): void {
    this.pendingReasons.add(reason);
    this.generation++;
    if (this.scanTimer !== undefined) clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      const generation = this.generation;
      const reasons = [...this.pendingReasons].join(", ");
      this.pendingReasons.clear();
      this.enqueue("The workspace scan", () => this.scan(generation, reasons));
    }, SCAN_DEBOUNCE_MS);
  }

  /** Files changed on disk. A config file, a `Chart.yaml` or a kustomization changes how every file is read, so it triggers a full scan. */
  onWatchedFilesChanged(changes: readonly FileEvent[]): void {
    let structural = false;
    const changed: string[] = [];
    // Two overlapping watchers report the same change twice; the last report for a file is the one that counts.
    const latest = new Map(changes.map((change) => [change.uri, change]));
    for (const change of latest.values()) {
      const path = pathFromUri(change.uri);
      if (path === undefined) continue;
      const name = baseName(path);
      // A kustomization moves the namespaces of the files it lists, which only a scan re-reads.
      if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || name === "Chart.yaml" || isKustomizationPath(path)) structural = true;
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder, so every known file below it goes too.
        for (const known of [...this.knownPaths]) if (isInside(known, path)) this.forget(known);
        if (this.publishedFromDisk.has(path)) this.forget(path);
      } else if (isAnalysedPath(path) && this.deps.folders.folderOf(path) !== undefined) {
        this.knownPaths.add(path);
        changed.push(path);
      }
    }
    if (structural) {
      this.deps.configs.invalidate();
      this.deps.openDiagnostics.scheduleAll();
      this.requestScan("a config or chart file changed");
      return;
    }
    if (changed.length > 0) this.enqueue("Re-analysing changed files", () => this.analyseEach(changed, () => false));
    if (changed.length > 0 && this.deps.rendering) {
      const rendering = this.deps.rendering;
      const layout = this.currentLayout;
      runDetached(this.deps.log, "Rendering the changed charts", () => rendering.renderCharts(layout, changed));
    }
  }

  /** Re-analyses files that are not open, after a file of their chart changed. */
  reanalyse(paths: readonly string[]): void {
    const closed = paths.filter((path) => this.knownPaths.has(path) && !openDocumentAt(this.deps.documents, path));
    if (closed.length > 0) this.enqueue("Re-analysing a changed chart", () => this.analyseEach(closed, () => false));
  }

  /** A closed document falls back to what is on disk, or to nothing if it is gone or outside the workspace. */
  onDocumentClosed(uri: string): void {
    const path = pathFromUri(uri);
    if (path === undefined || !isAnalysedPath(path) || this.deps.folders.folderOf(path) === undefined) {
      // A document outside the workspace was in the index only while it was open.
      this.deps.resources.remove(path ?? uri);
      this.send(uri, []);
      return;
    }
    // The client may spell the URI differently from ours; clearing its spelling avoids a stale duplicate.
    if (uriFromPath(path) !== uri) this.send(uri, []);
    this.enqueue(`Re-analysing ${path} from disk`, () => this.analyseFromDisk(path));
  }

  dispose(): void {
    this.generation++;
    if (this.scanTimer !== undefined) clearTimeout(this.scanTimer);
    void this.runner?.close();
    this.runner = undefined;
  }

  private async scan(generation: number, reasons: string): Promise<void> {
    if (generation !== this.generation) return;
    const started = performance.now();
    const progress = await this.createProgress();
    const isCancelled = () => generation !== this.generation || progress.token.isCancellationRequested;
    progress.begin("Shipshape", 0, "Listing YAML files", true);
    try {
      const paths: string[] = [];
      for (const folder of this.deps.folders.all) paths.push(...(await listWorkspaceFiles(folder, isCancelled)));
      if (isCancelled()) {
        // A partial listing must not replace the known files; the summary still says the scan stopped.
        this.deps.log.info(`Workspace scan (${reasons}): stopped while listing files, after ${paths.length} YAML files.`);
        return;
      }
      this.setKnownPaths(paths);
      // One batched settings request for the whole scan instead of one per file.
      await this.deps.settings.forUris(paths.map(uriFromPath));

      await this.deps.helm?.reload(this.currentLayout, (path) => openDocumentAt(this.deps.documents, path)?.getText());
      progress.report(0, "Indexing resources and custom resource definitions");
      // A cancelled index leaves the old one; the loop below then stops at once and the summary still says so.
      await this.indexWorkspace(paths, isCancelled);

      const vanished = new Set(this.publishedFromDisk);
      for (const path of paths) vanished.delete(path);
      for (const path of vanished) this.forget(path);

      let lastReport = performance.now();
      const analysed = await this.analyseEach(paths, isCancelled, (done) => {
        if (performance.now() - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = performance.now();
        progress.report(Math.floor((done / paths.length) * 100), `${done}/${paths.length} files`);
      });
      const outcome = isCancelled() ? "stopped after" : "checked";
      if (!isCancelled() && this.deps.rendering) {
        const rendering = this.deps.rendering;
        const layout = this.currentLayout;
        // Not on the disk queue: helm may take seconds, and its results re-check files through the queue.
        runDetached(this.deps.log, "Rendering the charts", () => rendering.renderCharts(layout));
      }
      const threads = this.runner?.threads ?? 0;
      this.deps.log.info(
        `Workspace scan (${reasons}): ${outcome} ${analysed} of ${paths.length} YAML files in ${this.deps.folders.all.length} folder(s) in ${Math.round(performance.now() - started)} ms${threads > 0 ? ` on ${threads} worker threads` : ""}.`,
      );
    } finally {
      progress.done();
    }
  }

  /**
   * Indexes every file of the scan (CRDs and resources) before any is analysed, so that no
   * file is checked against a partial workspace. An open document's unsaved text wins over
   * the disk. The resources' facts come from worker threads when the scan uses them, else
   * from this thread, which yields to the event loop every few milliseconds.
   */
  private async indexWorkspace(paths: readonly string[], isCancelled: () => boolean): Promise<void> {
    const files: Array<{ path: string; text: string }> = [];
    for (let start = 0; start < paths.length; start += READ_BATCH) {
      if (isCancelled()) return;
      const batch = paths.slice(start, start + READ_BATCH);
      const texts = await Promise.all(batch.map((path) => openDocumentAt(this.deps.documents, path)?.getText() ?? readTextIfReasonable(path)));
      batch.forEach((path, index) => {
        const text = texts[index];
        if (text !== undefined) files.push({ path: normalizePath(path), text });
      });
    }
    // Open documents that are not on disk (new, unsaved) are part of the workspace the user sees.
    const listed = new Set(files.map((file) => file.path));
    for (const document of this.deps.documents.all()) {
      const path = analysisPathOf(document.uri);
      if (!listed.has(path) && isAnalysedDocument(document.uri, document.languageId)) files.push({ path, text: document.getText() });
    }
    this.deps.kubernetes.indexTexts(files);

    const resources = this.deps.resources;
    resources.setNamespaces(files.filter((file) => isKustomizationPath(file.path)), files.map((file) => file.path));
    const runner = files.length >= MIN_PARALLEL_FILES && this.deps.analyzer.runsOnWorkers ? await this.runnerFor(paths) : undefined;
    const chartRoots = [...this.currentLayout.chartRoots];
    const factsOfFile = (file: { path: string; text: string }): FactsRequest => {
      const namespace = resources.namespaceOf(file.path);
      return { path: file.path, text: file.text, chartRoots, ...(namespace !== undefined ? { kustomizeNamespace: namespace } : {}) };
    };
    const facts: Array<{ path: string; resources: IndexedResource[] }> = [];
    if (runner !== undefined) {
      const found = await Promise.all(files.map((file) => runner.facts(factsOfFile(file))));
      files.forEach((file, index) => facts.push({ path: file.path, resources: found[index]!.resources }));
    } else {
      let slice = performance.now();
      for (const file of files) {
        facts.push({ path: file.path, resources: factsOf(factsOfFile(file)).resources });
        if (performance.now() - slice > INDEX_SLICE_MS) {
          await yieldToEventLoop();
          if (isCancelled()) return;
          slice = performance.now();
        }
      }
    }
    if (isCancelled()) return;
    const first = !resources.ready;
    const dependents = resources.replaceAll(facts);
    // Open documents analysed before the first index saw their file alone; after it, those whose answers changed.
    if (first) this.deps.openDiagnostics.scheduleAll();
    else this.recheckOpen(dependents);
  }

  /** Files whose answers from the index changed: open ones are analysed again at once, the others from disk. */
  recheck(paths: readonly string[]): void {
    const onDisk = paths.filter((path) => !this.recheckOpen([path]));
    if (onDisk.length > 0) this.enqueue("Re-analysing files that depend on a change", () => this.analyseEach(onDisk, () => false));
  }

  /** Schedules the open documents among `paths`; returns whether any was open. */
  private recheckOpen(paths: readonly string[]): boolean {
    let any = false;
    for (const path of paths) {
      const document = openDocumentAt(this.deps.documents, path);
      if (document === undefined) continue;
      this.deps.openDiagnostics.schedule(document.uri, 0);
      any = true;
    }
    return any;
  }

  /**
   * Analyses files, on worker threads when there are enough of them (see `parallel-analysis.ts`),
   * else one by one, yielding to the event loop between them. Either way the server keeps
   * answering requests for open documents, and diagnostics are published in the order of
   * `paths`. Returns how many files were analysed.
   */
  private async analyseEach(paths: readonly string[], isCancelled: () => boolean, onFile?: (done: number) => void): Promise<number> {
    const runner = paths.length >= MIN_PARALLEL_FILES && this.deps.analyzer.runsOnWorkers ? await this.runnerFor(paths) : undefined;
    if (runner !== undefined) return this.analyseInParallel(runner, paths, isCancelled, onFile);
    let done = 0;
    for (const path of paths) {
      if (isCancelled()) break;
      await this.analyseFromDisk(path);
      done++;
      onFile?.(done);
      await yieldToEventLoop();
    }
    return done;
  }

  /**
   * The worker threads, started for the first scan big enough to gain from them and kept
   * for later scans; `undefined` when this scan is too small or the machine has one core.
   */
  private async runnerFor(paths: readonly string[]): Promise<AnalysisRunner | undefined> {
    if (this.runner !== undefined) return this.runner.threads > 0 ? this.runner : undefined;
    const threads = workerThreadsFor({ files: paths.length, bytes: await totalSize(paths) });
    if (threads === 0) return undefined;
    this.runner = startAnalysis(threads);
    return this.runner.threads > 0 ? this.runner : undefined;
  }

  private async analyseInParallel(runner: AnalysisRunner, paths: readonly string[], isCancelled: () => boolean, onFile?: (done: number) => void): Promise<number> {
    const environment = await runner.environment(this.deps.analyzer.workerEnvironment());
    // Results wait here until every file before them is published, so the order never depends on the threads.
    const ready = new Map<number, () => void>();
    let published = 0;
    const flush = () => {
      for (let next = ready.get(published); next !== undefined; next = ready.get(published)) {
        ready.delete(published);
        next();
        published++;
        onFile?.(published);
      }
    };
    let started = 0;
    const lane = async () => {
      while (started < paths.length && !isCancelled()) {
        const index = started++;
        const publish = await this.analyseFromDiskWith(runner, environment, paths[index]!);
        ready.set(index, publish);
        flush();
      }
    };
    // Two files in flight per thread: one analysed while the next one's settings and text are fetched.
    await Promise.all(Array.from({ length: runner.threads * 2 }, lane));
    return published;
  }

  /** `analyseFromDisk` on the runner's threads; returns the publication to make, once the files before it are published. */
  private async analyseFromDiskWith(runner: AnalysisRunner, environment: number, path: string): Promise<() => void> {
    if (openDocumentAt(this.deps.documents, path)) return () => {};
    const prepared = await this.deps.analyzer.prepare(uriFromPath(path));
    const text = prepared === undefined ? "" : await readTextIfReasonable(path);
    if (openDocumentAt(this.deps.documents, path)) return () => {};
    if (text === undefined) {
      const gone = !this.knownPaths.has(path) || (await isMissing(path));
      return () => {
        if (gone) this.forget(path);
        else this.deps.log.info(`Skipped ${path}: it could not be read or is larger than ${MAX_READ_BYTES / 1024 / 1024} MB.`);
      };
    }
    const diagnostics = prepared === undefined ? [] : await this.deps.analyzer.diagnoseWith(runner, environment, prepared, text);
    // The file may have been opened while it was analysed; its open text wins.
    return () => {
      if (!openDocumentAt(this.deps.documents, path)) this.publish(path, diagnostics);
    };
  }

  private async analyseFromDisk(path: string): Promise<void> {
    if (openDocumentAt(this.deps.documents, path)) return;
    const uri = uriFromPath(path);
    const prepared = await this.deps.analyzer.prepare(uri);
    const text = prepared === undefined ? "" : await readTextIfReasonable(path);
    // The file may have been opened while its settings or text were read; its open text wins.
    if (openDocumentAt(this.deps.documents, path)) return;
    if (text === undefined) {
      if (!this.knownPaths.has(path) || (await isMissing(path))) this.forget(path);
      else this.deps.log.info(`Skipped ${path}: it could not be read or is larger than ${MAX_READ_BYTES / 1024 / 1024} MB.`);
      return;
    }
    this.publish(path, prepared === undefined ? [] : this.deps.analyzer.diagnose(prepared, text));
  }

  private setKnownPaths(paths: readonly string[]): void {
    this.knownPaths = new Set(paths);
    const layout = layoutFromPaths(paths);
    const changed = !sameSet(layout.chartRoots, this.currentLayout.chartRoots);
    this.currentLayout = layout;
    // Open documents were analysed with the old chart roots; a file's kind may have changed.
    if (changed) this.deps.openDiagnostics.scheduleAll();
  }

  private forget(path: string): void {
    this.knownPaths.delete(path);
    this.deps.kubernetes.removeFile(path);
    this.deps.resources.remove(path);
    if (openDocumentAt(this.deps.documents, path)) return;
    this.publish(path, []);
  }

  private publish(path: string, diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.publishedFromDisk.add(path);
    else this.publishedFromDisk.delete(path);
    this.send(uriFromPath(path), diagnostics);
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    runDetached(this.deps.log, `Publishing diagnostics for ${uri}`, () => this.deps.connection.sendDiagnostics({ uri, diagnostics }));
  }

  /** Disk work runs one job at a time, so a re-analysis cannot publish over a newer scan's result out of order. */
  private enqueue(name: string, work: () => Promise<unknown>): void {
    this.queue = this.queue.then(() => work().then(
      () => undefined,
      (error: unknown) => this.deps.log.error(`${name} failed.`, error),
    ));
  }

  private async createProgress(): Promise<WorkDoneProgressServerReporter> {
    try {
      return await this.deps.connection.window.createWorkDoneProgress();
    } catch (error) {
      this.deps.log.error("The client refused a progress token; the scan runs without progress.", error);
      return SILENT_PROGRESS;
    }
  }
}

const SILENT_PROGRESS: WorkDoneProgressServerReporter = {
  token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) },
  begin() {},
  report() {},
  done() {},
};

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function readTextIfReasonable(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_READ_BYTES) return undefined;
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The files' sizes added up, to judge whether a scan is worth worker threads; unreadable files count as empty. */
async function totalSize(paths: readonly string[]): Promise<number> {
  let bytes = 0;
  for (let start = 0; start < paths.length; start += 64) {
    const sizes = await Promise.all(paths.slice(start, start + 64).map((path) => stat(path).then((info) => info.size, () => 0)));
    for (const size of sizes) bytes += size;
  }
  return bytes;
}

async function isMissing(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch {
    return true;
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
