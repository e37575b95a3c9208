/**
 * The cluster commands: Diff with Live Cluster (the resource under the cursor, or every resource of
 * the file), Diff Folder with Live Cluster (a summary that opens any entry's diff), Select Kubernetes
 * Context and Select Namespace; and the CodeLens above each resource. Long operations show progress
 * and can be cancelled.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type { ClusterClient } from "../cluster/client.ts";
import type { ClusterSession } from "../cluster/session.ts";
import { faultMessage } from "../cluster/errors.ts";
import { resourceAt, splitResources, type LocalResource } from "./documents.ts";
import { combine, diffResources, type ResourceDiff } from "./live-diff.ts";
import { DiffDocuments } from "./view.ts";

export const ClusterCommands = {
  diff: "shipshape.diffWithCluster",
  diffFolder: "shipshape.diffFolderWithCluster",
  selectContext: "shipshape.selectKubernetesContext",
  selectNamespace: "shipshape.selectNamespace",
} as const;

const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: "file", language: "yaml" },
  { scheme: "untitled", language: "yaml" },
];

export function registerClusterCommands(session: ClusterSession, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const documents = new DiffDocuments();
  const lenses = new DiffCodeLenses();
  return [
    documents,
    lenses,
    vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, lenses),
    vscode.commands.registerCommand(ClusterCommands.diff, (uri?: vscode.Uri, line?: number) => diffFile(session, documents, log, uri, line)),
    vscode.commands.registerCommand(ClusterCommands.diffFolder, (uri?: vscode.Uri) => diffFolder(session, documents, log, uri)),
    vscode.commands.registerCommand(ClusterCommands.selectContext, () => selectContext(session)),
    vscode.commands.registerCommand(ClusterCommands.selectNamespace, () => selectNamespace(session, log)),
  ];
}

function client(session: ClusterSession): ClusterClient | undefined {
  try {
    return session.client();
  } catch (error) {
    void vscode.window.showErrorMessage(faultMessage(error));
    return undefined;
  }
}

/** Runs `work` under a cancellable progress notification, with an AbortSignal that follows the Cancel button. */
function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return work(controller.signal, (message, increment) => progress.report({ message, increment }));
  });
}

function isCancelled(error: unknown): boolean {
  return (error as { kind?: string }).kind === "cancelled";
}

async function diffFile(session: ClusterSession, documents: DiffDocuments, log: vscode.LogOutputChannel, uri?: vscode.Uri, line?: number): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) {
    void vscode.window.showInformationMessage("Open a Kubernetes manifest to diff it with the live cluster.");
    return;
  }
  // The editor's text, saved or not, is what would be applied.
  const { resources, problems } = splitResources(document.getText());
  if (resources.length === 0) {
    void vscode.window.showWarningMessage(`${path.basename(document.uri.path)} has no Kubernetes resources to diff${problems[0] ? `: ${problems[0].message}` : "."}`);
    return;
  }
  let chosen: LocalResource[];
  if (line !== undefined) {
    chosen = [resourceAt(resources, line) ?? resources[0]!];
  } else if (resources.length === 1) {
    chosen = resources;
  } else {
    const cursorLine = editor && editor.document === document ? editor.selection.active.line : -1;
    const under = resourceAt(resources, cursorLine);
    const items: (vscode.QuickPickItem & { pick: LocalResource[] })[] = [];
    if (under) items.push({ label: "Resource under the cursor", description: `${under.identity.kind} ${under.identity.name}`, pick: [under] });
    items.push({ label: "All resources in the file", description: `${resources.length} resources`, pick: resources });
    const answer = await vscode.window.showQuickPick(items, { title: "Diff with Live Cluster", placeHolder: "Which resources?" });
    if (!answer) return;
    chosen = answer.pick;
  }
  const cluster = client(session);
  if (!cluster) return;
  const name = path.basename(document.uri.path);
  try {
    const diffs = await withProgress(`Diffing ${name} with ${cluster.info.context}`, (signal, report) =>
      diffResources(cluster, chosen, {
        concurrency: concurrency(),
        signal,
        onDone: (diff, done, total) => report(`${done}/${total} ${diff.label}`, 100 / total),
      }),
    );
    for (const diff of diffs) logDiff(log, cluster, diff);
    const where = `${cluster.info.context}`;
    if (diffs.length === 1) {
      const diff = diffs[0]!;
      if (diff.status === "error") {
        void vscode.window.showErrorMessage(diff.error!);
        return;
      }
      await documents.show(`${fileSafe(diff.label)}.yaml`, diff.liveText, diff.afterText, titleOf(diff, where));
      return;
    }
    const combined = combine(diffs);
    const counts = summarize(diffs);
    await documents.show(`${fileSafe(name)}`, combined.liveText, combined.afterText, `${name}: live (${where}) ↔ after apply — ${counts}`);
    const errors = diffs.filter((diff) => diff.status === "error");
    if (errors.length > 0) void vscode.window.showWarningMessage(`${errors.length} of ${diffs.length} resources could not be diffed: ${errors[0]!.error}`);
  } catch (error) {
    if (!isCancelled(error)) void vscode.window.showErrorMessage(faultMessage(error));
  }
}

function titleOf(diff: ResourceDiff, context: string): string {
  return diff.status === "new" ? `${diff.label}: not on ${context} ↔ after apply (new)` : `${diff.label}: live (${context}) ↔ after apply${diff.status === "unchanged" ? " (no changes)" : ""}`;
}

function summarize(diffs: ResourceDiff[]): string {
  const count = (status: ResourceDiff["status"]) => diffs.filter((diff) => diff.status === status).length;
  return [
    `${count("changed")} changed`,
    `${count("unchanged")} unchanged`,
    `${count("new")} new`,
    ...(count("error") > 0 ? [`${count("error")} error`] : []),
  ].join(", ");
}

function logDiff(log: vscode.LogOutputChannel, cluster: ClusterClient, diff: ResourceDiff): void {
  if (diff.status === "error") log.warn(`Diff ${diff.label}: ${diff.error}`);
  else log.info(`Diff ${diff.label} with ${cluster.info.context}: ${diff.status}${diff.paths.length > 0 && diff.status === "changed" ? ` (${diff.paths.join(", ")})` : ""}`);
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "_");
}

function concurrency(): number {
  return Math.max(1, vscode.workspace.getConfiguration("shipshape").get<number>("cluster.concurrency", 4));
}

interface FolderEntry extends vscode.QuickPickItem {
  diff?: ResourceDiff;
}

const STATUS_ICON: Record<ResourceDiff["status"], string> = {
  changed: "$(diff-modified)",
  unchanged: "$(check)",
  new: "$(diff-added)",
  error: "$(error)",
};

async function diffFolder(session: ClusterSession, documents: DiffDocuments, log: vscode.LogOutputChannel, uri?: vscode.Uri): Promise<void> {
  const folder = uri ?? (await pickFolder());
  if (!folder) return;
  const cluster = client(session);
  if (!cluster) return;
  // A workspace folder is named by its name; asRelativePath would give its whole path.
  const root = vscode.workspace.getWorkspaceFolder(folder);
  const label = root && root.uri.toString() === folder.toString() ? root.name : vscode.workspace.asRelativePath(folder, false) || path.basename(folder.path);
  let results: { file: vscode.Uri; diff: ResourceDiff }[];
  try {
    results = await withProgress(`Diffing ${label} with ${cluster.info.context}`, async (signal, report) => {
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, "**/*.{yaml,yml}"), "**/{node_modules,.git,templates}/**");
      const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
      const local: { file: vscode.Uri; resource: LocalResource }[] = [];
      for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
        if (signal.aborted) throw Object.assign(new Error("Cancelled."), { kind: "cancelled" });
        const text = open.get(file.toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        if (text.includes("{{")) continue; // a template, not a manifest
        for (const resource of splitResources(text).resources) local.push({ file, resource });
      }
      report(`${local.length} resources in ${files.length} files`);
      const diffs = await diffResources(cluster, local.map((entry) => entry.resource), {
        concurrency: concurrency(),
        signal,
        onDone: (diff, done, total) => report(`${done}/${total} ${diff.label}`, 100 / Math.max(1, total)),
      });
      return diffs.map((diff, index) => ({ file: local[index]!.file, diff }));
    });
  } catch (error) {
    if (!isCancelled(error)) void vscode.window.showErrorMessage(faultMessage(error));
    return;
  }
  if (results.length === 0) {
    void vscode.window.showInformationMessage(`No Kubernetes resources found in ${label}.`);
    return;
  }
  for (const { diff } of results) logDiff(log, cluster, diff);
  const summary = summarize(results.map((result) => result.diff));
  log.info(`Diff of ${label} with ${cluster.info.context}: ${summary}`);
  const order: ResourceDiff["status"][] = ["changed", "new", "error", "unchanged"];
  const items: FolderEntry[] = [];
  for (const status of order) {
    const group = results.filter((result) => result.diff.status === status);
    if (group.length === 0) continue;
    items.push({ label: `${status} (${group.length})`, kind: vscode.QuickPickItemKind.Separator });
    for (const { file, diff } of group) {
      items.push({
        label: `${STATUS_ICON[status]} ${diff.label}`,
        description: vscode.workspace.asRelativePath(file, false),
        detail: status === "error" ? diff.error : status === "changed" ? diff.paths.slice(0, 4).join(", ") + (diff.paths.length > 4 ? ", …" : "") : undefined,
        diff,
      });
    }
  }
  const picker = vscode.window.createQuickPick<FolderEntry>();
  picker.title = `${label} against ${cluster.info.context}: ${summary}`;
  picker.placeholder = "Pick a resource to open its diff";
  picker.items = items;
  picker.matchOnDescription = true;
  picker.ignoreFocusOut = true;
  picker.onDidAccept(() => {
    const diff = picker.selectedItems[0]?.diff;
    if (!diff) return;
    if (diff.status === "error") {
      void vscode.window.showErrorMessage(diff.error!);
      return;
    }
    void documents.show(`${fileSafe(diff.label)}.yaml`, diff.liveText, diff.afterText, titleOf(diff, cluster.info.context));
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: "Folder to diff with the live cluster" }))?.uri;
  return (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: "Diff with Live Cluster" }))?.[0];
}

async function selectContext(session: ClusterSession): Promise<void> {
  let listed: { contexts: string[]; current: string };
  try {
    listed = session.contexts();
  } catch (error) {
    void vscode.window.showErrorMessage(faultMessage(error));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    listed.contexts.map((context) => ({ label: context, description: context === listed.current ? "current" : undefined })),
    { title: "Select Kubernetes Context", placeHolder: "The context Shipshape diffs against (kubeconfig unchanged)" },
  );
  if (picked) await session.selectContext(picked.label);
}

async function selectNamespace(session: ClusterSession, log: vscode.LogOutputChannel): Promise<void> {
  const cluster = client(session);
  if (!cluster) return;
  let names: string[] | undefined;
  try {
    names = await withProgress(`Listing namespaces of ${cluster.info.context}`, (signal) => cluster.namespaces(signal));
  } catch (error) {
    if (isCancelled(error)) return;
    // Listing namespaces may be forbidden; a name can still be typed.
    log.warn(faultMessage(error));
  }
  const fromContext = "$(discard) The context's namespace";
  let namespace: string | undefined;
  if (names) {
    const picked = await vscode.window.showQuickPick(
      [fromContext, ...names.map((name) => (name === cluster.info.namespace ? `${name}` : name))].map((label) => ({ label, description: label === cluster.info.namespace ? "current" : undefined })),
      { title: "Select Namespace", placeHolder: "The namespace of resources that name none" },
    );
    if (!picked) return;
    namespace = picked.label === fromContext ? undefined : picked.label;
  } else {
    const typed = await vscode.window.showInputBox({ title: "Select Namespace", prompt: "Namespaces could not be listed; type one (empty: the context's)", value: cluster.info.namespace });
    if (typed === undefined) return;
    namespace = typed.trim() || undefined;
  }
  await session.selectNamespace(namespace);
}

/** "Diff with cluster" above each resource of a manifest, unless shipshape.cluster.codeLens is off. */
class DiffCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration("shipshape.cluster.codeLens")) this.changed.fire();
  });

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration("shipshape", document.uri).get<boolean>("cluster.codeLens", true)) return [];
    const text = document.getText();
    // Only manifests, and not huge ones: the lenses are recomputed as the file is edited.
    if (text.length > 1_000_000 || !/^\s*apiVersion:/m.test(text) || text.includes("{{")) return [];
    return splitResources(text).resources.map((resource) => {
      const range = new vscode.Range(resource.startLine, 0, resource.startLine, 0);
      return new vscode.CodeLens(range, { title: "Diff with cluster", command: ClusterCommands.diff, arguments: [document.uri, resource.startLine], tooltip: `Diff ${resource.identity.kind} ${resource.identity.name} with the live cluster` });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
