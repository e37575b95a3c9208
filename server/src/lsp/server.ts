import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionList,
  type Connection,
  type Definition,
  type Hover,
  type InitializeResult,
} from "vscode-languageserver/node";
import type { Rule } from "../analysis/index.ts";
import { Analyzer } from "./analyzer.ts";
import { codeActionsFor } from "./code-actions.ts";
import { createOpenDocuments } from "./documents.ts";
import { connectionLog, guarded } from "./log.ts";
import { OpenDocumentDiagnostics } from "./open-document-diagnostics.ts";
import { analysisPathOf, isAnalysedDocument } from "./paths.ts";
import { ProjectConfigs } from "./project-config.ts";
import { SettingsStore } from "./settings.ts";
import { WorkspaceFolders } from "./workspace-folders.ts";
import { WorkspaceScanner } from "./workspace-scan.ts";
import { KubernetesContext } from "./kubernetes-context.ts";
import { WorkspaceResources } from "./workspace-resources.ts";
import { assistCapabilitiesOf, DEFAULT_ASSIST_CAPABILITIES, type SchemaAssistDependencies } from "./schema-assist.ts";
import { hoverFor } from "./hover.ts";
import { helmDefinition } from "./helm-assist.ts";
import { HelmContext } from "./helm-context.ts";
import { HelmRendering } from "./helm-rendering.ts";
import { openDocumentAt } from "./documents.ts";
import { COMPLETION_TRIGGER_CHARACTERS, completionFor } from "./completion.ts";

export interface ServerOptions {
  /** The rules to run; the registry's unless a test narrows them. */
  rules?: readonly Rule<any>[];
}

/** Every YAML file's change on disk matters. In VS Code's globs `*` also matches dotfiles, so this covers `.shipshape.yaml`. */
const WATCHED_GLOBS = ["**/*.{yaml,yml}"];
/** How long a chart file's edits are gathered before the chart's closed files are checked again. */
const CHART_RECHECK_MS = 150;

/**
 * Declares the server's capabilities and connects each LSP message to the part that
 * handles it. The parts never listen to the connection themselves, so each can be read
 * on its own. Every handler is guarded: a failure is logged and answered with an empty
 * result, never with a crash.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = connectionLog(connection);
  // Node ends the process on an unhandled rejection; a language server must outlive any single failure.
  process.on("unhandledRejection", (reason) => log.error("An unhandled promise rejection was caught.", reason));

  const documents = createOpenDocuments();
  const folders = new WorkspaceFolders();
  const settings = new SettingsStore(connection, log);
  const configs = new ProjectConfigs(log);
  // The scanner owns the layout and needs the analyzer, so the analyzer reads the layout through a getter
  // that is only called once handlers run, after the scanner exists.
  // A changed CRD changes how custom resources elsewhere are checked, so everything is checked again.
  const kubernetes = new KubernetesContext(() => {
    openDiagnostics.scheduleAll();
    scanner.requestScan("custom resource definitions changed");
  });
  // A change to a file's resources re-checks only the files whose questions to the index it answers differently.
  const resources = new WorkspaceResources((paths) => scanner.recheck(paths));
  // A chart file's edit re-checks the chart's other files: open ones as their own edits are
  // (at once while their analyses are fast), the others from disk, batched over a burst of typing.
  const chartChanges = new Set<string>();
  let chartTimer: NodeJS.Timeout | undefined;
  const helm = new HelmContext((paths) => {
    for (const path of paths) {
      const open = openDocumentAt(documents, path);
      if (open) openDiagnostics.schedule(open.uri);
      else chartChanges.add(path);
    }
    if (chartChanges.size === 0 || chartTimer !== undefined) return;
    chartTimer = setTimeout(() => {
      chartTimer = undefined;
      const changed = [...chartChanges];
      chartChanges.clear();
      scanner.reanalyse(changed);
    }, CHART_RECHECK_MS);
  });
  const analyzer: Analyzer = new Analyzer({ log, settings, configs, folders, layout: () => scanner.layout, kubernetes, resources, helm, rendered: (path) => rendering.renderedFor(path), rules: options.rules });
  // Rendering runs a program from the workspace's settings and reads its charts with it: only when the client says the workspace is trusted.
  let workspaceTrusted = false;
  const rendering: HelmRendering = new HelmRendering({ trusted: () => workspaceTrusted, settings, analyzer, kubernetes, log }, (paths) => {
    for (const path of paths) {
      const open = openDocumentAt(documents, path);
      if (open) openDiagnostics.schedule(open.uri, 0);
    }
    scanner.reanalyse(paths);
  });
  const openDiagnostics = new OpenDocumentDiagnostics(connection, documents, analyzer, log);
  const scanner: WorkspaceScanner = new WorkspaceScanner({ connection, documents, analyzer, folders, configs, settings, openDiagnostics, kubernetes, resources, helm, rendering, log });
  const assist: SchemaAssistDependencies = { documents, analyzer, kubernetes, helm, layout: () => scanner.layout };
  let assistCapabilities = DEFAULT_ASSIST_CAPABILITIES;

  let clientSendsFolderChanges = false;
  let clientRegistersWatchers = false;

  connection.onInitialize((params): InitializeResult => {
    folders.initialize(params);
    const initializationOptions = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    workspaceTrusted = initializationOptions?.workspaceTrusted === true;
    const workspace = params.capabilities.workspace;
    settings.setClientSupportsConfiguration(workspace?.configuration === true);
    clientSendsFolderChanges = workspace?.workspaceFolders === true;
    clientRegistersWatchers = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    assistCapabilities = assistCapabilitiesOf(params.capabilities);
    log.info(`Shipshape language server started (pid ${process.pid}, ${folders.all.length} workspace folder(s)).`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "shipshape" },
    };
  });

  connection.onInitialized(
    guarded(log, "initialized", undefined, async () => {
      if (clientSendsFolderChanges) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guarded(log, "didChangeWorkspaceFolders", undefined, (event) => {
            folders.update(event);
            scanner.requestScan("workspace folders changed");
          }),
        );
      }
      scanner.requestScan("startup");
      // Without the client's watchers, files changed outside the editor are only seen on the next scan.
      if (clientRegistersWatchers) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
      }
    }),
  );

  documents.onDidOpen(
    guarded(log, "didOpen", undefined, ({ document }) => {
      // A newly opened document is analysed at once: there is no burst of typing to wait for.
      if (isAnalysedDocument(document.uri, document.languageId)) openDiagnostics.schedule(document.uri, 0);
    }),
  );
  documents.onDidChangeContent(
    guarded(log, "didChange", undefined, ({ document }) => {
      if (isAnalysedDocument(document.uri, document.languageId)) openDiagnostics.schedule(document.uri);
    }),
  );
  documents.onDidClose(
    guarded(log, "didClose", undefined, ({ document }) => {
      openDiagnostics.cancel(document.uri);
      if (isAnalysedDocument(document.uri, document.languageId)) scanner.onDocumentClosed(document.uri);
    }),
  );

  connection.onCodeAction(
    guarded(log, "codeAction", [] as CodeAction[], (params) => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined || !isAnalysedDocument(document.uri, document.languageId)) return [];
      return codeActionsFor(params, document, analysisPathOf(document.uri));
    }),
  );

  connection.onDefinition(guarded(log, "definition", null as Definition | null, (params) => helmDefinition(params.textDocument.uri, params.position, assist)));
  connection.onHover(guarded(log, "hover", null as Hover | null, (params) => hoverFor(params, assist, assistCapabilities)));
  connection.onCompletion(guarded(log, "completion", null as CompletionList | null, (params) => completionFor(params, assist, assistCapabilities)));

  connection.onDidChangeConfiguration(
    guarded(log, "didChangeConfiguration", undefined, (params) => {
      settings.invalidate(params.settings);
      openDiagnostics.scheduleAll();
      scanner.requestScan("settings changed");
    }),
  );

  connection.onDidChangeWatchedFiles(
    guarded(log, "didChangeWatchedFiles", undefined, (params) => scanner.onWatchedFilesChanged(params.changes)),
  );

  connection.onShutdown(
    guarded(log, "shutdown", undefined, () => {
      scanner.dispose();
      if (chartTimer !== undefined) clearTimeout(chartTimer);
      openDiagnostics.dispose();
    }),
  );

  documents.listen(connection);
  connection.listen();
}
