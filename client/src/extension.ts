import * as vscode from "vscode";
import { registerCommands } from "./commands.ts";
import { ShipshapeClient } from "./language-client.ts";
import { ServerStatusItem } from "./status-bar.ts";

let client: ShipshapeClient | undefined;

/**
 * Starts the language server and wires the commands and the status bar to it.
 * Activation does not wait for the server: the editor stays responsive and the status bar tells when it is ready.
 */
export function activate(context: vscode.ExtensionContext): void {
  // One log channel for the client and the server's log messages, so a user has one place to look.
  const log = vscode.window.createOutputChannel("Shipshape", { log: true });
  const status = new ServerStatusItem();
  client = new ShipshapeClient(context, log, (state) => status.show(state));
  context.subscriptions.push(log, status, client, ...registerCommands(client, log));
  void client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
