import type { Connection } from "vscode-languageserver/node";
import { IncrementalDocuments } from "../analysis/index.ts";
import type { Analyzer } from "./analyzer.ts";
import type { OpenDocuments } from "./documents.ts";
import { isAnalysedDocument } from "./paths.ts";
import { runDetached, type Log } from "./log.ts";

/** The wait after a change for a document that is slow to analyse, or not analysed yet: typing pauses shorter than this cost no analysis. */
export const CHANGE_DEBOUNCE_MS = 150;
/** The shortest wait, so that changes sent together (a paste, an auto-closed bracket, multi-cursor edits) are analysed once. */
export const MIN_CHANGE_DEBOUNCE_MS = 5;
/** A fast document is analysed at most once per this many times its analysis time: analysis takes at most a third of a core while someone types. */
const ANALYSIS_SHARE = 3;

/** How long the last analysis of a document took and when it started, in `performance.now()` time. */
export interface AnalysisTiming {
  startedAt: number;
  durationMs: number;
}

/**
 * How long a change waits before its analysis. The wait exists so that analysis cannot
 * fall behind the typist, so it follows how long the document takes to analyse:
 *
 * - A fast document (analysed in under 50 ms, which is most files) is analysed at once,
 *   unless it was analysed less than three analysis times ago, in which case the change
 *   waits for the rest of that time. A single edit then shows its diagnostics as soon as
 *   they are computed, and during typing analysis never takes more than a third of a core.
 * - A slow document, or one not analysed yet, waits 150 ms after the last change, as
 *   every document used to: its analyses run in the pauses of typing.
 *
 * `SHIPSHAPE_CHANGE_DEBOUNCE_MS` fixes the wait instead, so that a benchmark can measure
 * the time from a change to its diagnostics with and without any wait.
 */
export function changeDebounceMs(last: AnalysisTiming | undefined, now = performance.now()): number {
  const fixed = fixedDebounceMs();
  if (fixed !== undefined) return fixed;
  if (last === undefined || ANALYSIS_SHARE * last.durationMs >= CHANGE_DEBOUNCE_MS) return CHANGE_DEBOUNCE_MS;
  const nextAllowed = last.startedAt + ANALYSIS_SHARE * last.durationMs;
  return Math.ceil(Math.max(MIN_CHANGE_DEBOUNCE_MS, nextAllowed - now));
}

/**
 * Diagnostics for open documents, computed from their unsaved text. Each document has
 * its own debounce timer (see `changeDebounceMs`) and its own `IncrementalDocuments`, so
 * that an edit reparses only the YAML documents it touched. A result is published only if
 * the document has not changed while its settings were being fetched; the newer change
 * publishes instead.
 */
export class OpenDocumentDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly caches = new Map<string, IncrementalDocuments>();
  private readonly timings = new Map<string, AnalysisTiming>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly analyzer: Analyzer,
    private readonly log: Log,
  ) {}

  /** Analyses a document after `delayMs`, or after the wait its last analysis time calls for. */
  schedule(uri: string, delayMs = changeDebounceMs(this.timings.get(uri))): void {
    this.clearTimer(uri);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      runDetached(this.log, `Analysing ${uri}`, () => this.validate(uri));
    }, delayMs);
    this.timers.set(uri, timer);
  }

  /** Re-analyses every open document, after settings, a config file or the layout changed. */
  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
  }

  /** Stops analysing a document, which was closed: its pending analysis and its parsed documents go. */
  cancel(uri: string): void {
    this.clearTimer(uri);
    this.caches.delete(uri);
    this.timings.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.caches.clear();
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (document === undefined || !isAnalysedDocument(uri, document.languageId)) return;
    const prepared = await this.analyzer.prepare(uri);
    const current = this.documents.get(uri);
    if (current === undefined || current.version !== document.version) return;
    const startedAt = performance.now();
    const diagnostics = prepared === undefined ? [] : this.analyzer.diagnose(prepared, current.getText(), this.cacheFor(uri));
    this.timings.set(uri, { startedAt, durationMs: performance.now() - startedAt });
    await this.connection.sendDiagnostics({ uri, version: current.version, diagnostics });
  }

  private cacheFor(uri: string): IncrementalDocuments {
    let cache = this.caches.get(uri);
    if (cache === undefined) this.caches.set(uri, (cache = new IncrementalDocuments()));
    return cache;
  }
}

function fixedDebounceMs(): number | undefined {
  const value = process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS;
  if (value === undefined || value.trim() === "") return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
