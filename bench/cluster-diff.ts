import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { TestApiServer } from "../test/cluster/api-server.ts";
import { ClusterClient } from "../client/src/cluster/client.ts";
import { splitResources } from "../client/src/diff/documents.ts";
import { diffResources } from "../client/src/diff/live-diff.ts";
import type { JsonObject } from "../client/src/diff/objects.ts";
import type { Figure } from "./support/result.ts";
import { now, round, spread, summarize } from "./support/stats.ts";

/**
 * Diff with Live Cluster on a 50-resource file against the test API server (HTTPS on 127.0.0.1):
 * 20 Deployments, 15 ConfigMaps, 10 Services and 5 Secrets, of which some are changed and some new.
 * Each run is a fresh client, so discovery is included, at the editor's default concurrency (4).
 * The peer is `kubectl diff --server-side` of the same file against the same server.
 */
const RUNS = 5;
const CONCURRENCY = 4;

function manifests(): { live: JsonObject[]; local: string } {
  const live: JsonObject[] = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } }];
  const local: JsonObject[] = [];
  for (let i = 0; i < 20; i++) {
    const deployment = (image: string, replicas: number): JsonObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `app-${i}`, namespace: "bench", labels: { app: `app-${i}` } },
      spec: {
        replicas,
        selector: { matchLabels: { app: `app-${i}` } },
        template: {
          metadata: { labels: { app: `app-${i}` } },
          spec: { containers: [{ name: "app", image, ports: [{ containerPort: 8080 }], env: [{ name: "MODE", value: "fast" }] }] },
        },
      },
    });
    if (i < 18) live.push(deployment("example/app:1.0", 2));
    local.push(deployment(i % 3 === 0 ? "example/app:1.1" : "example/app:1.0", i % 4 === 0 ? 3 : 2));
  }
  for (let i = 0; i < 15; i++) {
    const configMap = (value: string): JsonObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `config-${i}`, namespace: "bench" }, data: { key: value, other: "x" } });
    live.push(configMap("a"));
    local.push(configMap(i % 5 === 0 ? "b" : "a"));
  }
  for (let i = 0; i < 10; i++) {
    const service = (port: number): JsonObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: `svc-${i}`, namespace: "bench" }, spec: { selector: { app: `app-${i}` }, ports: [{ name: "http", port }] } });
    if (i < 8) live.push(service(80));
    local.push(service(i % 2 === 0 ? 8080 : 80));
  }
  for (let i = 0; i < 5; i++) {
    const secret = (value: string): JsonObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: `secret-${i}`, namespace: "bench" }, data: { token: Buffer.from(value).toString("base64") } });
    live.push(secret("old"));
    local.push(secret(i === 0 ? "new" : "old"));
  }
  return { live, local: local.map((object) => stringify(object)).join("---\n") };
}

function kubectlDiff(file: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = now();
    execFile("kubectl", ["diff", "--server-side", "--force-conflicts", "--field-manager=shipshape", "-f", file], { env: { ...process.env, ...env } }, (error, _stdout, stderr) => {
      const code = (error as { code?: number } | null)?.code ?? 0;
      if (code > 1) reject(new Error(`kubectl diff exited ${code}: ${stderr.split("\n")[0]}`));
      else resolve(now() - started);
    });
  });
}

export async function measureClusterDiff(): Promise<Figure[]> {
  const { live, local } = manifests();
  const server = await TestApiServer.start({ objects: live });
  const dir = mkdtempSync(join(tmpdir(), "shipshape-bench-cluster-"));
  try {
    const env = { KUBECONFIG: server.writeKubeconfig(join(dir, "kubeconfig")), HOME: dir };
    const file = join(dir, "bench.yaml");
    writeFileSync(file, local);
    const times: number[] = [];
    const requests: number[] = [];
    let statuses = "";
    for (let run = 0; run < RUNS; run++) {
      const before = server.requests.length;
      const started = now();
      const client = ClusterClient.connect({ env, home: dir, trusted: true });
      const { resources } = splitResources(local);
      const diffs = await diffResources(client, resources, { concurrency: CONCURRENCY });
      times.push(now() - started);
      requests.push(server.requests.length - before);
      const count = (status: string) => diffs.filter((diff) => diff.status === status).length;
      statuses = `${count("changed")} changed, ${count("unchanged")} unchanged, ${count("new")} new, ${count("error")} error`;
    }
    const ours = summarize(times);
    let peer: number | null = null;
    let peerNote = "kubectl not on PATH";
    try {
      const peerTimes: number[] = [];
      const before = server.requests.length;
      for (let run = 0; run < 3; run++) peerTimes.push(await kubectlDiff(file, env));
      peer = summarize(peerTimes).median;
      peerNote = `kubectl diff --server-side ${spread(summarize(peerTimes))}, ${Math.round((server.requests.length - before) / 3)} requests`;
    } catch (error) {
      peerNote = `kubectl failed: ${(error as Error).message.split("\n")[0]}`;
    }
    return [
      {
        id: "cluster-diff.50-resources",
        figure: "Diff with Live Cluster, 50-resource file",
        shipshape: round(ours.median),
        peer: peer === null ? null : round(peer),
        peerName: "kubectl 1.32 diff --server-side",
        unit: "ms",
        notes: `${spread(ours)} over ${RUNS} runs (target < 2,000 ms), ${requests[0]} requests per run (discovery, 50 GETs, dry runs; concurrency ${CONCURRENCY}) against the test API server, which runs in the same process; ${statuses}. Peer: ${peerNote}.`,
        details: { times, requests },
      },
      {
        id: "cluster-diff.requests",
        figure: "Diff with Live Cluster, requests for 50 resources",
        shipshape: requests[0]!,
        peer: null,
        peerName: "",
        unit: "requests",
        notes: "Discovery once per group version, a GET per resource, then an apply dry run (or a create dry run for a new resource).",
      },
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
