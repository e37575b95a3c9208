import * as vscode from "vscode";
import { Commands } from "./commands.ts";

/** What the status bar can say about the language server. */
export type ServerState =
  | { kind: "starting" }
  | { kind: "ready" }
  | { kind: "stopped" }
  | { kind: "error"; message: string };

const LOOK: Record<ServerState["kind"], { icon: string; label: string }> = {
  starting: { icon: "$(sync~spin)", label: "starting" },
  ready: { icon: "$(check)", label: "ready" },
  stopped: { icon: "$(circle-slash)", label: "stopped" },
  error: { icon: "$(error)", label: "error" },
};

/** A status bar item that shows the server's state; clicking it opens the log, where the details are. */
export class ServerStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("shipshape.status", vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = "Shipshape Language Server";
    this.item.command = Commands.showOutput;
    this.show({ kind: "starting" });
    this.item.show();
  }

  show(state: ServerState): void {
    const { icon, label } = LOOK[state.kind];
    this.item.text = `${icon} Shipshape`;
    const tooltip = new vscode.MarkdownString(
      `**Shipshape language server: ${label}**\n\nChecks Kubernetes manifests, Helm charts and GitHub Actions workflows.`,
    );
    if (state.kind === "error") tooltip.appendText(`\n\n${state.message}`);
    tooltip.appendMarkdown("\n\nClick to show the output.");
    this.item.tooltip = tooltip;
    // An error is the one state that needs the user's attention, so only it gets a background colour.
    this.item.backgroundColor = state.kind === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The Kubernetes context and namespace the cluster commands use; clicking it selects another context. */
export class ClusterStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("shipshape.cluster", vscode.StatusBarAlignment.Right, 99);

  constructor(selectContextCommand: string) {
    this.item.name = "Shipshape Kubernetes Context";
    this.item.command = selectContextCommand;
  }

  /** Shown while a kubeconfig has a context; without a kubeconfig (someone who only lints files) it stays out of the way. */
  show(state: { context?: string; namespace?: string; problem?: string; noKubeconfig?: boolean }): void {
    if (state.noKubeconfig) {
      this.item.hide();
      return;
    }
    if (state.context) {
      this.item.text = `$(cloud) ${state.context}/${state.namespace ?? "default"}`;
      this.item.tooltip = `Shipshape diffs against context "${state.context}", namespace "${state.namespace ?? "default"}". Click to select another context.`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = "$(cloud) no context";
      this.item.tooltip = state.problem ?? "No Kubernetes context.";
      this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
