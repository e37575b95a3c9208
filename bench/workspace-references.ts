import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { LspClient, uriOf } from "../test/lsp/support/lsp-client.ts";
import { REPO_ROOT } from "./support/peers.ts";
import { Skipped, type Figure } from "./support/result.ts";
import { now, round, sleep, spread, summarize } from "./support/stats.ts";

/**
 * Cross-file references at workspace scale, the two targets of issue #4:
 *
 * - `workspace`: `shipshape check` on 5,000 manifests made by replicating the k8s-examples
 *   corpus into a temporary folder: every file indexed, then every file analysed against the
 *   whole index, as CI runs it (a fresh process, default threads). Wall seconds and the
 *   process's peak RSS (target: under 5 s on the 2-core bench machine).
 * - `refs-edit`: in the language server, an unsaved edit to an open ConfigMap that files on
 *   disk read a key of: the time from `didChange` until every dependent's diagnostics are
 *   re-published with the edit's effect (target: under 50 ms at the median).
 */
const CLI = join(REPO_ROOT, "dist", "cli.js");
const RSS_WRAPPER = join(__dirname, "support", "max-rss.cjs");
const CORPUS = join(process.env.BENCH_CORPORA_DIR ?? "/work/shared/corpora", "k8s-examples");
const MANIFESTS = 5000;
const CLI_RUNS = 3;
const WORKSPACE_TARGET_S = 5;

const LSP_COPIES = 4;
const DEPENDENTS = 20;
const WARMUP_EDITS = 4;
const MEASURED_EDITS = 30;
const PAUSE_MS = 100;
const EDIT_TARGET_MS = 50;
const MISSING_KEY = "kubernetes/unknown-config-key";

function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) throw new Skipped(`${CORPUS} not found`);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) found.push(path);
    }
  };
  walk(CORPUS);
  return found;
}

/** `count` manifests: the corpus copied again and again, each copy in its own folder, so that relative layouts (kustomizations) hold. */
function replicate(root: string, count: number): number {
  const files = corpusFiles();
  let written = 0;
  for (let copy = 0; written < count; copy++) {
    for (const file of files) {
      if (written >= count) break;
      const target = join(root, `copy-${copy}`, relative(CORPUS, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      written++;
    }
  }
  return written;
}

interface CliRun {
  ms: number;
  maxRssKb: number;
  summary: { files: number; findings: number };
  references: Record<string, number>;
}

const REFERENCE_RULES = new Set([
  "kubernetes/unresolved-reference",
  "kubernetes/unknown-config-key",
  "kubernetes/selector-mismatch",
  "kubernetes/service-selects-nothing",
  "kubernetes/selector-matches-nothing",
  "kubernetes/unknown-port-name",
  "kubernetes/ingress-backend",
  "kubernetes/hpa-target",
  "kubernetes/hpa-replicas",
  "kubernetes/unknown-role",
  "kubernetes/statefulset-service",
  "kubernetes/missing-pdb",
]);

function checkOnce(target: string): Promise<CliRun> {
  const rssFile = join(tmpdir(), `shipshape-bench-rss-${process.pid}`);
  return new Promise((resolveRun, reject) => {
    const start = now();
    const child = spawn(process.execPath, [RSS_WRAPPER, CLI, "check", target, "--format", "json"], {
      cwd: target,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", BENCH_RSS_FILE: rssFile },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = now() - start;
      if (code !== 0 && code !== 1) return reject(new Error(`shipshape check exited with ${code}: ${stderr.trim().split("\n")[0]}`));
      const report = JSON.parse(stdout) as { summary: { files: number; findings: number }; findings: Array<{ rule: string }> };
      const references: Record<string, number> = {};
      for (const finding of report.findings) if (REFERENCE_RULES.has(finding.rule)) references[finding.rule] = (references[finding.rule] ?? 0) + 1;
      const maxRssKb = Number(readFileSync(rssFile, "utf8"));
      rmSync(rssFile, { force: true });
      resolveRun({ ms, maxRssKb, summary: report.summary, references });
    });
  });
}

export async function measureWorkspaceCheck(): Promise<Figure[]> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run npm run build first.`);
  const root = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-bench-workspace-")));
  try {
    const files = replicate(root, MANIFESTS);
    const runs: CliRun[] = [];
    // The first run warms the file-system cache and is not counted.
    for (let index = 0; index <= CLI_RUNS; index++) {
      const run = await checkOnce(root);
      if (index > 0) runs.push(run);
    }
    const seconds = summarize(runs.map((run) => run.ms / 1000));
    const rss = summarize(runs.map((run) => run.maxRssKb / 1024));
    const last = runs[runs.length - 1]!;
    const input = `${files} files replicated from k8s-examples (${Math.ceil(files / corpusFiles().length)} copies, each in its own folder), ${last.summary.findings} findings, reference findings ${JSON.stringify(last.references)}`;
    return [
      {
        id: "workspace.check-5000.seconds",
        figure: `CLI check ${files.toLocaleString("en-US")} manifests, index + analysis (wall)`,
        shipshape: round(seconds.median, 2),
        peer: null,
        peerName: "",
        unit: "s",
        notes: `node dist/cli.js check --format json in a fresh process, default threads; every file's facts first, then every file analysed against the whole index; ${seconds.median < WORKSPACE_TARGET_S ? "meets" : "misses"} the target of < ${WORKSPACE_TARGET_S} s; median of ${CLI_RUNS} after 1 warm-up; ${spread(seconds, "s")}; ${input}`,
        details: { runs: runs.map((run) => round(run.ms)) },
      },
      {
        id: "workspace.check-5000.peak-rss",
        figure: `CLI check ${files.toLocaleString("en-US")} manifests, peak RSS`,
        shipshape: round(rss.median, 0),
        peer: null,
        peerName: "",
        unit: "MB",
        notes: `process.resourceUsage().maxRSS at exit, worker threads included (bench/support/max-rss.cjs); ${spread(rss, "MB")}`,
        details: { runs: runs.map((run) => round(run.maxRssKb / 1024, 0)) },
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const SETTINGS = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: refs\ndata:\n  mode: fast\n";
const ADDED_LINE = "  colour: red\n";

function dependent(index: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: reader-${index}
  namespace: refs
spec:
  containers:
    - name: reader
      image: nginx:1.27
      env:
        - name: COLOUR
          valueFrom:
            configMapKeyRef:
              name: settings
              key: colour
`;
}

export async function measureReferenceEdit(): Promise<Figure[]> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "shipshape-bench-refs-")));
  let client: LspClient | undefined;
  try {
    const background = replicate(join(root, "corpus"), corpusFiles().length * LSP_COPIES);
    const settingsPath = join(root, "refs", "settings.yaml");
    mkdirSync(dirname(settingsPath), { recursive: true });
    writeFileSync(settingsPath, SETTINGS);
    const dependents = Array.from({ length: DEPENDENTS }, (_, index) => join(root, "refs", `reader-${index}.yaml`));
    dependents.forEach((path, index) => writeFileSync(path, dependent(index)));

    client = await LspClient.start({ folders: [root] });
    const started = now();
    await client.waitUntil(() => client!.progress.find((event) => event.value.kind === "end"), 120_000, () => "the end of the startup scan");
    const scanMs = now() - started;
    const settingsUri = uriOf(settingsPath);
    const dependentUris = dependents.map(uriOf);
    await client.open(settingsUri, SETTINGS);
    await client.waitForDiagnostics(settingsUri, (_, params) => params.version === 1, 10_000);

    const hasMissingKey = (uri: string) => client!.diagnostics.get(uri)?.diagnostics.some((diagnostic) => diagnostic.code === MISSING_KEY) === true;
    const allDependents = (missing: boolean) => dependentUris.every((uri) => hasMissingKey(uri) === missing);
    await client.waitUntil(() => (allDependents(true) ? true : undefined), 10_000, () => "every dependent's missing-key error");

    const samples: number[] = [];
    const ownSamples: number[] = [];
    const addAt = { line: SETTINGS.split("\n").length - 1, character: 0 };
    let added = false;
    for (let edit = 0; edit < WARMUP_EDITS + MEASURED_EDITS; edit++) {
      const range = added ? { start: addAt, end: { line: addAt.line + 1, character: 0 } } : { start: addAt, end: addAt };
      const before = client.published.length;
      const start = now();
      const version = await client.change(settingsUri, [{ range, text: added ? "" : ADDED_LINE }]);
      added = !added;
      const missing = !added;
      let ownMs: number | undefined;
      await client.waitUntil(
        () => {
          const recent = client!.published.slice(before);
          ownMs ??= recent.some((params) => params.uri === settingsUri && params.version === version) ? now() - start : undefined;
          const republished = new Set(recent.map((params) => params.uri));
          return dependentUris.every((uri) => republished.has(uri)) && allDependents(missing) ? true : undefined;
        },
        10_000,
        () => `the dependents re-published after edit ${edit + 1}`,
      );
      const ms = now() - start;
      if (edit >= WARMUP_EDITS) {
        samples.push(ms);
        if (ownMs !== undefined) ownSamples.push(ownMs);
      }
      await sleep(PAUSE_MS);
    }
    const all = summarize(samples);
    const own = summarize(ownSamples);
    return [
      {
        id: "server.refs-edit.dependents",
        figure: `Edit open ConfigMap → ${DEPENDENTS} dependents re-published`,
        shipshape: round(all.median),
        peer: null,
        peerName: "",
        unit: "ms",
        notes: `didChange adding or removing a key of an open ConfigMap that ${DEPENDENTS} Pods on disk read, until every one of them is re-published with the missing-key error gone or back; debounce included (the server's default); ${all.median < EDIT_TARGET_MS ? "meets" : "misses"} the target of < ${EDIT_TARGET_MS} ms; workspace of ${background + DEPENDENTS + 1} files (k8s-examples ×${LSP_COPIES}), startup scan ${round(scanMs / 1000, 1)} s; median of ${MEASURED_EDITS} edits after ${WARMUP_EDITS} warm-ups, ${PAUSE_MS} ms apart; ${spread(all)}`,
        details: { runs: samples.map((v) => round(v)) },
      },
      {
        id: "server.refs-edit.own",
        figure: "Edit open ConfigMap → its own diagnostics",
        shipshape: round(own.median),
        peer: null,
        peerName: "",
        unit: "ms",
        notes: `the same edits, until the edited file's own publication; ${spread(own)}`,
        details: { runs: ownSamples.map((v) => round(v)) },
      },
    ];
  } finally {
    if (client) await client.shutdown().catch(() => client!.kill());
    rmSync(root, { recursive: true, force: true });
  }
}
