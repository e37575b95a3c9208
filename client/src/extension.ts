import * as vscode from "vscode";
import { registerCommands } from "./commands.ts";
import { ShipshapeClient } from "./language-client.ts";
import { ClusterStatusItem, ServerStatusItem } from "./status-bar.ts";
import { ClusterSession } from "./cluster/session.ts";
import { ClusterCommands, registerClusterCommands } from "./diff/commands.ts";

let client: ShipshapeClient | undefined;

/**
 * Starts the language server and wires the commands and the status bar to it.
 * Activation does not wait for the server: the editor stays responsive and the status bar tells when it is ready.
 */
export function activate(context: vscode.ExtensionContext): void {
  const activatedAt = performance.now();
  // One log channel for the client and the server's log messages, so a user has one place to look.
  const log = vscode.window.createOutputChannel("Shipshape", { log: true });
  const status = new ServerStatusItem();
  let readyLogged = false;
  client = new ShipshapeClient(context, log, (state) => {
    status.show(state);
    // The benchmark reads these timings from the log, so their wording is part of its contract.
    if (state.kind === "ready" && !readyLogged) {
      readyLogged = true;
      log.info(`Language server ready ${Math.round(performance.now() - activatedAt)} ms after activation.`);
    }
  });
  context.subscriptions.push(log, status, client, ...registerCommands(client, log));
  // The server renders charts with helm only in a trusted workspace, which it learns when it starts.
  const started = client;
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void started.restart()));
  // The cluster commands: diff with the live cluster through client/src/cluster, the only code that talks to Kubernetes.
  const session = new ClusterSession(context.workspaceState);
  const clusterStatus = new ClusterStatusItem(ClusterCommands.selectContext);
  clusterStatus.show(session.state());
  context.subscriptions.push(session, clusterStatus, session.onDidChange((state) => clusterStatus.show(state)), ...registerClusterCommands(session, log));
  void client.start();
  log.info(`Activated in ${(performance.now() - activatedAt).toFixed(1)} ms.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
