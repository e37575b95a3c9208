import * as vscode from "vscode";
import {
  CloseAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import type { ServerState } from "./status-bar.ts";

/**
 * The client id. vscode-languageclient reads `<id>.trace.server` by itself, so it must match
 * the `shipshape.trace.server` setting in package.json.
 */
const CLIENT_ID = "shipshape";

/** The documents the server is told about: plain YAML (saved or not), Helm templates and workflows. */
const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "yaml" },
  { scheme: "untitled", language: "yaml" },
  { language: "helm" },
  // The language id that the GitHub Actions extension gives to workflow files.
  { language: "github-actions-workflow" },
];

/**
 * Owns the language client and replaces it with a fresh one on restart. A client whose start failed
 * cannot be started again, so a new one is the only restart that always works.
 */
export class ShipshapeClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Set while we stop the server on purpose, so that the stop is not shown as a crash. */
  private stopping = false;
  private readonly traceChannel: vscode.OutputChannel;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly onState: (state: ServerState) => void,
  ) {
    // Protocol traces get their own channel so that they do not drown the log.
    this.traceChannel = vscode.window.createOutputChannel("Shipshape Trace");
  }

  async start(): Promise<void> {
    if (this.client) return;
    const client = this.createClient();
    this.client = client;
    this.stopping = false;
    this.onState({ kind: "starting" });
    try {
      await client.start();
    } catch (error) {
      // The client has already logged the details; the status bar points the user to them.
      const message = `The language server could not start: ${errorText(error)}`;
      this.log.error(message);
      if (this.client === client) this.onState({ kind: "error", message });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    this.client = undefined;
    try {
      // A client that never got running throws here; there is nothing left to stop then.
      if (client.isRunning()) await client.stop();
    } catch (error) {
      this.log.warn(`Stopping the language server failed: ${errorText(error)}`);
    } finally {
      await client.dispose().catch(() => undefined);
      this.onState({ kind: "stopped" });
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    this.traceChannel.dispose();
  }

  private createClient(): LanguageClient {
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      // The debug server waits for no debugger but accepts one, so "Attach to Node Process" works at any time.
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // The server renders charts with helm only in a trusted workspace; a grant restarts the client (extension.ts).
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
      // The server registers its own file watchers dynamically, so none is passed here:
      // two watchers would deliver every change twice.
      synchronize: {
        // The server pulls settings per file; this only makes the client announce that they changed.
        configurationSection: CLIENT_ID,
      },
      outputChannel: this.log,
      traceOutputChannel: this.traceChannel,
      errorHandler: this.errorHandler(() => client),
    };
    const client = new LanguageClient(CLIENT_ID, "Shipshape", serverOptions, clientOptions);
    client.onDidChangeState(({ newState }) => {
      // Events from a client that has been replaced say nothing about the current server.
      if (this.client !== client) return;
      if (newState === State.Starting) this.onState({ kind: "starting" });
      else if (newState === State.Running) this.onState({ kind: "ready" });
      else if (this.stopping) this.onState({ kind: "stopped" });
      // A stop we did not ask for is followed either by an automatic restart (Starting) or by the
      // error handler's verdict below, so no state is shown for it here.
    });
    return client;
  }

  /**
   * Keeps the client's own policy (restart after a crash, give up after five crashes in three minutes)
   * and turns "give up" into the error state, which the status bar shows.
   */
  private errorHandler(client: () => LanguageClient): ErrorHandler {
    let fallback: ErrorHandler | undefined;
    const policy = () => (fallback ??= client().createDefaultErrorHandler());
    return {
      error: (error, message, count) => policy().error(error, message, count),
      closed: async (): Promise<CloseHandlerResult> => {
        const result = await policy().closed();
        if (this.client === client() && result.action === CloseAction.DoNotRestart) {
          this.onState({ kind: "error", message: result.message ?? "The language server stopped unexpectedly." });
        } else if (this.client === client()) {
          this.log.warn("The language server stopped unexpectedly and is being restarted.");
        }
        return result;
      },
    };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
