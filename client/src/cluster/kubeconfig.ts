/**
 * Which kubeconfig, which context, and what it says: the `shipshape.kubeconfig` setting, else
 * `KUBECONFIG` (a list of files), else `~/.kube/config`. Credentials stay inside the KubeConfig and
 * the TLS options made from it; nothing here logs them.
 */
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node/dist/config.js";
import { ClusterError } from "./errors.ts";

export interface KubeconfigSource {
  /** The `shipshape.kubeconfig` setting; empty means unset. */
  setting?: string;
  env: Record<string, string | undefined>;
  home: string;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  files: string[];
  contexts: string[];
  currentContext: string;
}

export const NO_KUBECONFIG_MESSAGE =
  'No kubeconfig found. Set "shipshape.kubeconfig" to your kubeconfig file, set the KUBECONFIG environment variable, or create ~/.kube/config (for example with your cloud\'s "get-credentials" command or "kind create cluster").';

export function kubeconfigFiles(source: KubeconfigSource): string[] {
  if (source.setting) {
    const file = source.setting.startsWith("~/") ? join(source.home, source.setting.slice(2)) : source.setting;
    if (!existsSync(file)) throw new ClusterError("no-kubeconfig", `The kubeconfig "${file}" named by the setting shipshape.kubeconfig does not exist. Fix the setting or clear it to use KUBECONFIG or ~/.kube/config.`);
    return [file];
  }
  const fromEnv = (source.env.KUBECONFIG ?? "").split(delimiter).filter((file) => file !== "");
  if (fromEnv.length > 0) {
    const present = fromEnv.filter((file) => existsSync(file));
    if (present.length === 0) throw new ClusterError("no-kubeconfig", `None of the kubeconfig files in KUBECONFIG exists (${fromEnv.join(delimiter)}). ${NO_KUBECONFIG_MESSAGE}`);
    return present;
  }
  const file = join(source.home, ".kube", "config");
  if (!existsSync(file)) throw new ClusterError("no-kubeconfig", NO_KUBECONFIG_MESSAGE);
  return [file];
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
