/**
 * Fidelity of the test API server, proved with the real kubectl on PATH: `kubectl get`,
 * `kubectl apply --server-side --dry-run=server -o yaml` and `kubectl diff --server-side` work against
 * it, and for each fixture scenario our diff and kubectl's name the same changed paths (and the paths
 * the scenario expects). Skipped with a message when kubectl is missing.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { TestApiServer } from "./api-server.ts";
import { scenarios } from "./support/scenarios.ts";
import { ClusterClient } from "../../client/src/cluster/client.ts";
import { splitResources } from "../../client/src/diff/documents.ts";
import { diffResources } from "../../client/src/diff/live-diff.ts";
import { normalise } from "../../client/src/diff/normalise.ts";
import { changedPaths } from "../../client/src/diff/paths.ts";
import { describeResource, type JsonObject } from "../../client/src/diff/objects.ts";

const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const skip = kubectl.status === 0 ? false : "kubectl is not on PATH";
if (skip) console.log(`# kubectl fidelity skipped: ${skip}`);
const CAPTURE = join(__dirname, "support", "capture-diff.mjs");

/** kubectl runs KUBECTL_EXTERNAL_DIFF with flags only, so the capture program is wrapped in one executable. */
function captureProgram(dir: string): string {
  const file = join(dir, "capture-diff");
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${CAPTURE}" "$@"\n`, { mode: 0o755 });
  return file;
}

/** Runs kubectl without blocking: the test API server answers from this same process. */
function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("kubectl", args, { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

for (const scenario of scenarios()) {
  describe(`kubectl against the test API server: ${scenario.name}`, { skip }, () => {
    let server: TestApiServer;
    let dir: string;
    let env: Record<string, string>;
    before(async () => {
      server = await TestApiServer.start({ state: [scenario.live] });
      dir = mkdtempSync(join(tmpdir(), "shipshape-kubectl-"));
      env = { KUBECONFIG: server.writeKubeconfig(join(dir, "kubeconfig")), HOME: dir };
    });
    after(async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test("kubectl get reads every live resource of the scenario", async () => {
      const local = splitResources(readFileSync(scenario.local, "utf8")).resources;
      for (const { identity } of local) {
        const live = server.object(identity.apiVersion, identity.kind, identity.name, identity.namespace);
        if (!live) continue;
        const group = identity.apiVersion.includes("/") ? identity.apiVersion.split("/")[0] : "";
        const args = ["get", group ? `${identity.kind.toLowerCase()}.${group}` : identity.kind.toLowerCase(), identity.name, "-o", "yaml"];
        if (identity.namespace || (live.metadata as JsonObject).namespace) args.push("-n", String((live.metadata as JsonObject).namespace));
        const result = await run(args, env);
        assert.equal(result.status, 0, result.stderr);
        assert.equal((parse(result.stdout) as JsonObject).kind, identity.kind);
      }
      const table = await run(["get", "namespaces,configmaps,deployments,services,secrets", "-A"], env);
      assert.equal(table.status, 0, table.stderr);
    });

    test("kubectl apply --server-side --dry-run=server -o yaml succeeds and stores nothing", async () => {
      const requestsBefore = server.requests.length;
      const result = await run(["apply", "--server-side", "--force-conflicts", "--field-manager=shipshape", "--dry-run=server", "-o", "yaml", "-f", scenario.local], env);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /kind:/);
      const patches = server.requests.slice(requestsBefore).filter((request) => request.method === "PATCH");
      assert.ok(patches.length > 0, "kubectl should have sent an apply PATCH");
      for (const patch of patches) assert.equal(patch.query.dryRun, "All");
    });

    test("our diff and kubectl diff --server-side name the same changed paths", async () => {
      const capture = mkdtempSync(join(dir, "capture-"));
      const result = await run(["diff", "--server-side", "--force-conflicts", "--field-manager=shipshape", "-f", scenario.local], {
        ...env,
        KUBECTL_EXTERNAL_DIFF: captureProgram(dir),
        SHIPSHAPE_DIFF_CAPTURE: capture,
      });
      const changed = scenario.expected.paths.length > 0;
      assert.equal(result.status, changed ? 1 : 0, `kubectl diff exit code; stderr: ${result.stderr}`);
      const kubectlPaths = kubectlDiffPaths(capture);

      const client = ClusterClient.connect({ env, home: dir, trusted: true });
      const diffs = await diffResources(client, splitResources(readFileSync(scenario.local, "utf8")).resources, { concurrency: 4 });
      const ours = diffs.flatMap((diff) => {
        assert.equal(diff.error, undefined);
        // No Secret value of any fixture reaches the text shown, in base64 or decoded.
        assert.doesNotMatch(diff.liveText + diff.afterText, /b2xkLXBhc3N3b3Jk|bmV3LXBhc3N3b3Jk|YWRtaW4=|old-password|new-password/);
        const left = diff.liveText ? (parse(diff.liveText) as JsonObject) : undefined;
        const right = parse(diff.afterText) as JsonObject;
        return changedPaths(left, right).map((path) => `${diff.label}: ${path}`);
      });
      assert.deepEqual(ours.sort(), kubectlPaths, "our diff and kubectl's");
      assert.deepEqual(kubectlPaths, [...scenario.expected.paths].sort(), "kubectl's diff and the scenario's expected paths");
      assert.deepEqual(Object.fromEntries(diffs.map((diff) => [diff.label, diff.status])), scenario.expected.resources);
      // The same diff with the plain diff program works too, as a person would run it.
      const plain = await run(["diff", "--server-side", "--force-conflicts", "-f", scenario.local], env);
      assert.equal(plain.status, changed ? 1 : 0, plain.stderr);
    });
  });
}

/** The changed paths between kubectl's LIVE and MERGED files, normalised as we normalise. */
function kubectlDiffPaths(capture: string): string[] {
  const liveDir = join(capture, "live");
  const mergedDir = join(capture, "merged");
  if (!existsSync(mergedDir)) return [];
  return readdirSync(mergedDir).flatMap((name) => {
    const merged = parse(readFileSync(join(mergedDir, name), "utf8")) as JsonObject;
    const liveText = existsSync(join(liveDir, name)) ? readFileSync(join(liveDir, name), "utf8") : "";
    const live = liveText.trim() ? (parse(liveText) as JsonObject) : undefined;
    const metadata = merged.metadata as JsonObject;
    const label = describeResource(String(merged.kind), String(metadata.name), metadata.namespace as string | undefined);
    return changedPaths(live && normalise(live), normalise(merged)).map((path) => `${label}: ${path}`);
  }).sort();
}
