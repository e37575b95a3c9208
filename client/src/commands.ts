import * as vscode from "vscode";
import type { ShipshapeClient } from "./language-client.ts";

/** Command ids, shared with package.json's `contributes.commands` and the status bar. */
export const Commands = {
  restartServer: "shipshape.restartServer",
  showOutput: "shipshape.showOutput",
} as const;

export function registerCommands(client: ShipshapeClient, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      log.info("Restarting the language server on request.");
      await client.restart();
    }),
    // The channel is revealed without taking focus so that typing in the editor is not interrupted.
    vscode.commands.registerCommand(Commands.showOutput, () => log.show(true)),
  ];
}
