/**
 * Which kubeconfig files, and a light reading of their contexts: the `shipshape.kubeconfig` setting,
 * else `KUBECONFIG` (a list of files), else `~/.kube/config`. This reads no credentials and needs no
 * @kubernetes/client-node, so the status bar can show the context without loading the cluster bundle.
 */
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { parse } from "yaml";
import { ClusterError } from "./errors.ts";

export interface KubeconfigSource {
  /** The `shipshape.kubeconfig` setting; empty means unset. */
  setting?: string;
  env: Record<string, string | undefined>;
  home: string;
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


export interface ContextSummary {
  contexts: string[];
  /** The kubeconfig's current-context (the first file that sets one wins, as in kubectl). */
  current: string;
  /** The namespace of each context that sets one. */
  namespaces: Record<string, string>;
}

/** The contexts of the kubeconfig files, without their credentials. */
export function readContexts(source: KubeconfigSource): ContextSummary {
  const summary: ContextSummary = { contexts: [], current: "", namespaces: {} };
  const files = kubeconfigFiles(source);
  for (const file of files) {
    let config: { "current-context"?: string; contexts?: { name?: string; context?: { namespace?: string } }[] } | undefined;
    try {
      config = parse(readFileSync(file, "utf8")) ?? {};
    } catch (error) {
      throw new ClusterError("kubeconfig", `The kubeconfig ${file} could not be read: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
    }
    if (!summary.current && config?.["current-context"]) summary.current = config["current-context"];
    for (const context of config?.contexts ?? []) {
      if (!context?.name || summary.contexts.includes(context.name)) continue;
      summary.contexts.push(context.name);
      if (context.context?.namespace) summary.namespaces[context.name] = context.context.namespace;
    }
  }
  if (summary.contexts.length === 0) throw new ClusterError("kubeconfig", `The kubeconfig ${files.join(delimiter)} defines no context. Add one, for example with "kubectl config set-context".`);
  return summary;
}
