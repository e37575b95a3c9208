import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from "vscode-languageserver-protocol";

/**
 * A minimal LSP client for a peer language server. The project's own test client
 * (`test/lsp/support/lsp-client.ts`) always runs `dist/server.js`, so the peer needs its own;
 * this one sends the same `initialize` capabilities so both servers are asked for the same work,
 * and it counts publications because not every server puts a version on its diagnostics.
 */
export interface SessionOptions {
  command: string;
  args: readonly string[];
  folders: readonly string[];
  /** Answers `workspace/configuration` by section. */
  settings: (section: string | undefined) => unknown;
  initializationOptions?: unknown;
}

export class LspSession {
  /** How many times diagnostics were published for each URI. */
  private readonly publications = new Map<string, number>();
  /** The last diagnostics published for each URI, so a run can show that the server did report something. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  stderr = "";

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: SessionOptions): Promise<LspSession> {
    const child = spawn(options.command, [...options.args], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection);
    child.stderr.on("data", (chunk: Buffer) => (session.stderr += chunk.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      session.publications.set(params.uri, (session.publications.get(params.uri) ?? 0) + 1);
      session.diagnostics.set(params.uri, params);
      for (const listener of [...session.listeners]) listener();
    });
    connection.onRequest("workspace/configuration", (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => options.settings(item.section) ?? null),
    );
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();

    const folders = options.folders.map((path) => ({ uri: pathToFileURL(path).href, name: path }));
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      initializationOptions: options.initializationOptions,
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
    return session;
  }

  publicationCount(uri: string): number {
    return this.publications.get(uri) ?? 0;
  }

  open(uri: string, text: string, languageId = "yaml"): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Resolves once more than `after` publications have arrived for `uri`. */
  waitForPublication(uri: string, after: number, timeoutMs = 30_000): Promise<void> {
    if (this.publicationCount(uri) > after) return Promise.resolve();
    return new Promise((resolveWait, reject) => {
      const listener = () => {
        if (this.publicationCount(uri) <= after) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolveWait();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for diagnostics for ${uri}.\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  /** Asks the server to shut down; a server that does not answer in time is killed. */
  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolveExit) => {
      if (this.child.exitCode !== null) resolveExit();
      else this.child.once("exit", () => resolveExit());
    });
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // A server that already went away needs no shutdown.
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
