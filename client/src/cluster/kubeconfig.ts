/**
 * The kubeconfig as @kubernetes/client-node reads it (merged files, auth providers, exec plugins).
 * Credentials stay inside the KubeConfig and the TLS options made from it; nothing here logs them.
 */
import { delimiter } from "node:path";
import { KubeConfig } from "@kubernetes/client-node/dist/config.js";
import { ClusterError } from "./errors.ts";
import { kubeconfigFiles, type KubeconfigSource } from "./kubeconfig-files.ts";

export type { KubeconfigSource } from "./kubeconfig-files.ts";

export interface LoadedKubeconfig {
  config: KubeConfig;
  files: string[];
  contexts: string[];
  currentContext: string;
}


export function loadKubeconfig(source: KubeconfigSource): LoadedKubeconfig {
  const files = kubeconfigFiles(source);
  const config = new KubeConfig();
  try {
    config.loadFromFile(files[0]!);
    for (const file of files.slice(1)) {
      const other = new KubeConfig();
      other.loadFromFile(file);
      config.mergeConfig(other, true);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ClusterError("kubeconfig", `The kubeconfig ${files.join(delimiter)} could not be read: ${reason}`);
  }
  const contexts = config.getContexts().map((context) => context.name);
  if (contexts.length === 0) throw new ClusterError("kubeconfig", `The kubeconfig ${files.join(delimiter)} defines no context. Add one, for example with "kubectl config set-context".`);
  return { config, files, contexts, currentContext: config.getCurrentContext() };
}
