import type { Connection } from "vscode-languageserver/node";
import type { Analyzer } from "./analyzer.ts";
import type { OpenDocuments } from "./documents.ts";
import { isAnalysedDocument } from "./paths.ts";
import { runDetached, type Log } from "./log.ts";

/** Typing pauses shorter than this do not trigger an analysis; each keystroke would otherwise cost one. */
export const CHANGE_DEBOUNCE_MS = 150;

/**
 * Diagnostics for open documents, computed from their unsaved text. Each document has
 * its own debounce timer, and a result is published only if the document has not
 * changed while its settings were being fetched; the newer change publishes instead.
 */
export class OpenDocumentDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly analyzer: Analyzer,
    private readonly log: Log,
  ) {}

  schedule(uri: string, delayMs = CHANGE_DEBOUNCE_MS): void {
    this.cancel(uri);
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

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (document === undefined || !isAnalysedDocument(uri, document.languageId)) return;
    const prepared = await this.analyzer.prepare(uri);
    const current = this.documents.get(uri);
    if (current === undefined || current.version !== document.version) return;
    const diagnostics = prepared === undefined ? [] : this.analyzer.diagnose(prepared, current.getText());
    await this.connection.sendDiagnostics({ uri, version: current.version, diagnostics });
  }
}
