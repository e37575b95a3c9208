/**
 * The diff view: two read-only virtual documents (scheme `shipshape-diff`, served from memory, never
 * written to disk) shown side by side with `vscode.diff`.
 */
import * as vscode from "vscode";

export const DIFF_SCHEME = "shipshape-diff";

export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }

  /** Opens the diff of `live` (left) and `after` (right); `name` ends in .yaml so both sides get YAML colours. */
  async show(name: string, live: string, after: string, title: string): Promise<void> {
    const id = ++this.next;
    const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/live/${name}`, query: `${id}` });
    const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/after-apply/${name}`, query: `${id}` });
    this.texts.set(left.toString(), live);
    this.texts.set(right.toString(), after);
    // Keep the texts of the latest diffs only: closed ones are not needed, and Secrets stay masked anyway.
    for (const key of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - 200))) this.texts.delete(key);
    await vscode.commands.executeCommand("vscode.diff", left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
