/**
 * The editor's connection settings: which kubeconfig (`shipshape.kubeconfig`, `KUBECONFIG`,
 * `~/.kube/config`), which context and namespace (chosen by the user and kept per workspace), the
 * timeout, and workspace trust. It makes ClusterClients; it never sends a request itself.
 *
 * The client and @kubernetes/client-node live in dist/cluster.js, required on the first command that
 * needs the cluster; the status bar reads the contexts with kubeconfig-files.ts alone.
 */
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type * as Cluster from "./index.ts";
import type { ClusterClient } from "./client.ts";
import { faultMessage } from "./errors.ts";
import { readContexts } from "./kubeconfig-files.ts";

const CONTEXT_KEY = "shipshape.cluster.context";
const NAMESPACE_KEY = "shipshape.cluster.namespace";
const DEFAULT_TIMEOUT_SECONDS = 10;

export interface SessionState {
  context?: string;
  namespace?: string;
  /** Why there is no context (no kubeconfig, unreadable kubeconfig), as a message for people. */
  problem?: string;
  /** True when there is no kubeconfig at all. */
  noKubeconfig?: boolean;
}

let bundle: typeof Cluster | undefined;
function clusterBundle(): typeof Cluster {
  // A computed path, so that esbuild leaves this require to run time.
  const file = path.join(__dirname, "cluster.js");
  return (bundle ??= require(file) as typeof Cluster);
}

export class ClusterSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly memento: vscode.Memento) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration("shipshape.kubeconfig") || event.affectsConfiguration("shipshape.cluster")) this.changed.fire(this.state());
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire(this.state())),
    );
  }

  private source() {
    const setting = vscode.workspace.getConfiguration("shipshape").get<string>("kubeconfig", "");
    return { setting: setting || undefined, env: process.env, home: os.homedir() };
  }

  /** The kubeconfig's contexts and the one in use. Throws a ClusterError with what to do. */
  contexts(): { contexts: string[]; current: string; namespace: string } {
    const summary = readContexts(this.source());
    const chosen = this.memento.get<string>(CONTEXT_KEY);
    const current = chosen && summary.contexts.includes(chosen) ? chosen : summary.current || summary.contexts[0]!;
    const namespace = this.memento.get<string>(NAMESPACE_KEY) || summary.namespaces[current] || "default";
    return { contexts: summary.contexts, current, namespace };
  }

  /** A client for the chosen context and namespace. Throws a ClusterError with what to do. */
  client(): ClusterClient {
    const seconds = vscode.workspace.getConfiguration("shipshape").get<number>("cluster.timeout", DEFAULT_TIMEOUT_SECONDS);
    const { current } = this.contexts();
    return clusterBundle().ClusterClient.connect({
      ...this.source(),
      context: current,
      namespace: this.memento.get<string>(NAMESPACE_KEY) || undefined,
      trusted: vscode.workspace.isTrusted,
      timeoutMs: Math.max(1, seconds) * 1000,
    });
  }

  state(): SessionState {
    try {
      const { current, namespace } = this.contexts();
      return { context: current, namespace };
    } catch (error) {
      return { problem: faultMessage(error), noKubeconfig: (error as { kind?: string }).kind === "no-kubeconfig" };
    }
  }

  async selectContext(context: string): Promise<void> {
    await this.memento.update(CONTEXT_KEY, context);
    // A namespace belongs to the context it was chosen in.
    await this.memento.update(NAMESPACE_KEY, undefined);
    this.changed.fire(this.state());
  }

  async selectNamespace(namespace: string | undefined): Promise<void> {
    await this.memento.update(NAMESPACE_KEY, namespace);
    this.changed.fire(this.state());
  }

  dispose(): void {
    this.changed.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
