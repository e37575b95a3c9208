import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type {
  CodeAction,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";

/**
 * A small LSP client for the protocol tests. It runs the built server (`dist/server.js`)
 * as a child process and talks real JSON-RPC over its stdio, answering the requests the
 * server sends (configuration, progress tokens, capability registration) the way an
 * editor would and recording what the server publishes.
 */
export const SERVER_PATH = resolve(__dirname, "../../../dist/server.js");

/** Answers `workspace/configuration` for one scope; the test may change it at any time. */
export type SettingsProvider = (scopeUri: string | undefined, section: string | undefined) => unknown;

export interface StartOptions {
  /** Workspace folders, as absolute paths. */
  folders?: readonly string[];
  settings?: SettingsProvider;
  /** Sent as `initializationOptions`, as the extension sends `{ workspaceTrusted }`. */
  initializationOptions?: unknown;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: "begin" | "report" | "end"; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export interface LogEvent {
  type: number;
  message: string;
}

type Listener = () => void;

export class LspClient {
  /** The last diagnostics published for each URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in the order it arrived. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly logs: LogEvent[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  /** How many `workspace/configuration` items the server asked for, per scope URI. */
  readonly configurationRequests: Array<string | undefined> = [];
  settings: SettingsProvider;
  initializeResult: InitializeResult | undefined;
  stderr = "";

  private readonly listeners = new Set<Listener>();
  private readonly versions = new Map<string, number>();
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    settings: SettingsProvider,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(SERVER_PATH)) {
      throw new Error(`${SERVER_PATH} is missing. The LSP tests run the built server: run \`npm run build\` first.`);
    }
    const child = spawn(process.execPath, [SERVER_PATH, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.settings ?? (() => ({})));
    child.stderr.on("data", (chunk: Buffer) => (client.stderr += chunk.toString()));
    client.listen();
    connection.listen();

    const folders = (options.folders ?? []).map((path) => ({ uri: pathToFileURL(path).href, name: path }));
    client.initializeResult = await connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: false },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } }, isPreferredSupport: true, dataSupport: true },
        },
      },
    });
    await connection.sendNotification("initialized", {});
    return client;
  }

  open(uri: string, text: string, languageId = "yaml"): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends changes (ranged ones for incremental sync) and returns the document's new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** Tells the server that settings changed; it pulls the new values through `workspace/configuration`. */
  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification("workspace/didChangeConfiguration", { settings });
  }

  /** Resolves with the latest diagnostics for `uri` once `predicate` holds, now or after a later publication. */
  waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean,
    timeoutMs = 5000,
  ): Promise<Diagnostic[]> {
    return this.waitUntil(
      () => {
        const params = this.diagnostics.get(uri);
        return params !== undefined && predicate(params.diagnostics, params) ? params.diagnostics : undefined;
      },
      timeoutMs,
      () => `diagnostics for ${uri}; last published: ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.map((d) => d.code) ?? "none")}`,
    );
  }

  /** Resolves once `check` returns a value, re-checking after every message from the server. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolveWait, reject) => {
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolveWait(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${describe()}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  /** Sends shutdown and exit, then returns the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    return this.exitCode();
  }

  /** The server's exit code, once it has exited; it must exit within five seconds. */
  async exitCode(): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolveTimeout) => (timer = setTimeout(() => resolveTimeout("timeout"), 5000)));
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    this.connection.dispose();
    if (code === "timeout") {
      this.child.kill();
      throw new Error("The server did not exit within 5 s.");
    }
    return code;
  }

  /** Ends the server without the protocol, for cleanup after a failed test. */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }

  private listen(): void {
    const connection = this.connection;
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      this.notify();
    });
    connection.onNotification("$/progress", (params: ProgressEvent) => {
      this.progress.push(params);
      this.notify();
    });
    connection.onNotification("window/logMessage", (params: LogEvent) => {
      this.logs.push(params);
      this.notify();
    });
    connection.onRequest("workspace/configuration", (params: { items: Array<{ scopeUri?: string; section?: string }> }) => {
      return params.items.map((item) => {
        this.configurationRequests.push(item.scopeUri);
        return this.settings(item.scopeUri, item.section) ?? null;
      });
    });
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("client/registerCapability", (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
