/**
 * Live against local for each resource of a file: the live object (GET), and what an apply would make
 * of it (a server-side apply dry run, or a dry-run create for a resource the cluster does not have),
 * both normalised and masked. No vscode: the commands show what this returns.
 */
import { describeResource, type JsonObject } from "./objects.ts";
import { changedPaths } from "./paths.ts";
import { maskSecrets } from "./mask.ts";
import { normalise } from "./normalise.ts";
import { renderYaml } from "./render.ts";
import type { LocalResource } from "./documents.ts";

/** What the diff needs of a cluster; client/src/cluster's ClusterClient is the one implementation. */
export interface LiveSource {
  namespaceOf(ref: LocalResource["identity"], signal?: AbortSignal): Promise<string | undefined>;
  get(ref: LocalResource["identity"], signal?: AbortSignal): Promise<JsonObject | undefined>;
  dryRunApply(object: JsonObject, signal?: AbortSignal): Promise<JsonObject>;
  dryRunCreate(object: JsonObject, signal?: AbortSignal): Promise<JsonObject>;
}

export type DiffStatus = "changed" | "unchanged" | "new" | "error";

export interface ResourceDiff {
  /** `Deployment shop/web`. */
  label: string;
  status: DiffStatus;
  resource: LocalResource;
  /** The texts of the two sides, as shown: normalised and masked YAML ("" for a side that does not exist). */
  liveText: string;
  afterText: string;
  paths: string[];
  /** For status "error": the message, which names the context, the server and the resource. */
  error?: string;
}

export async function diffResource(source: LiveSource, resource: LocalResource, signal?: AbortSignal): Promise<ResourceDiff> {
  const { identity } = resource;
  let label = describeResource(identity.kind, identity.name, identity.namespace);
  try {
    label = describeResource(identity.kind, identity.name, await source.namespaceOf(identity, signal));
    const live = await source.get(identity, signal);
    const after = live ? await source.dryRunApply(resource.object, signal) : await source.dryRunCreate(resource.object, signal);
    const [left, right] = maskSecrets(live && normalise(live), normalise(after));
    const paths = changedPaths(left, right);
    return {
      label,
      status: !live ? "new" : paths.length === 0 ? "unchanged" : "changed",
      resource,
      liveText: renderYaml(left),
      afterText: renderYaml(right),
      paths,
    };
  } catch (error) {
    if ((error as { kind?: string }).kind === "cancelled") throw error;
    return { label, status: "error", resource, liveText: "", afterText: "", paths: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export interface DiffManyOptions {
  /** At most this many resources are in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
  onDone?: (diff: ResourceDiff, done: number, total: number) => void;
}

/** Diffs every resource with bounded concurrency; the results keep the resources' order. Cancelling rejects with a `cancelled` fault. */
export async function diffResources(source: LiveSource, resources: LocalResource[], options: DiffManyOptions): Promise<ResourceDiff[]> {
  const results: ResourceDiff[] = new Array(resources.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < resources.length) {
      // Cancelled between resources: the same fault as a cancelled request.
      if (options.signal?.aborted) throw Object.assign(new Error("Cancelled."), { kind: "cancelled" });
      const index = next++;
      results[index] = await diffResource(source, resources[index]!, options.signal);
      options.onDone?.(results[index]!, ++done, resources.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, resources.length)) }, worker));
  return results;
}

/** Both sides of many diffs as one pair of texts, each resource headed by a comment, for "all in file". */
export function combine(diffs: ResourceDiff[]): { liveText: string; afterText: string } {
  const section = (diff: ResourceDiff, text: string) => {
    const note = diff.status === "error" ? `# error: ${diff.error}\n` : text === "" ? `# (not on the cluster)\n` : "";
    return `# ${diff.label}\n${note}${text}`;
  };
  return {
    liveText: diffs.map((diff) => section(diff, diff.liveText)).join("---\n"),
    afterText: diffs.map((diff) => section(diff, diff.afterText)).join("---\n"),
  };
}
