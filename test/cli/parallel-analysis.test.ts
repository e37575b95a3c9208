import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultConfig } from "../../server/src/analysis/index.ts";
import { AnalysisService, type AnalysisEnvironment, type AnalysisTask } from "../../server/src/io/analysis-service.ts";
import { startAnalysis, workerThreadsFor, MIN_PARALLEL_BYTES, MIN_PARALLEL_FILES } from "../../server/src/io/parallel-analysis.ts";
import { mixedWorkspaceFiles } from "./mixed-workspace.ts";

/**
 * The analysis runner behind the CLI and the workspace scan: worker threads give what the
 * calling thread gives, and whatever a worker cannot do (its script is missing, it
 * crashes) is done in the calling thread instead of being lost.
 */
const WORKER_SCRIPT = resolve(__dirname, "../../dist/analysis-worker.js");
const scratch = mkdtempSync(join(tmpdir(), "shipshape-workers-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const environment: AnalysisEnvironment = { chartRoots: ["/w/charts/web"], customResources: [] };
const tasks: AnalysisTask[] = Object.entries(mixedWorkspaceFiles(2)).map(([path, text]) => ({
  environment: 0,
  config: defaultConfig("/w"),
  path: `/w/${path}`,
  text,
  fix: path.endsWith(".yml"),
}));

function inOneThread(): unknown[] {
  const service = new AnalysisService();
  service.handle({ kind: "environment", id: 0, environment });
  return tasks.map((task) => service.analyse(task));
}

test("two worker threads give what one thread gives, fixes included", async () => {
  const runner = startAnalysis(2, WORKER_SCRIPT);
  try {
    assert.equal(runner.threads, 2, `the worker script ${WORKER_SCRIPT} runs (npm run build first)`);
    assert.equal(await runner.environment(environment), 0);
    assert.deepEqual(await Promise.all(tasks.map((task) => runner.analyse(task))), inOneThread());
  } finally {
    await runner.close();
  }
});

test("without its worker script the runner works in the calling thread", async () => {
  const runner = startAnalysis(2, join(scratch, "missing.js"));
  assert.equal(runner.threads, 0);
  await runner.environment(environment);
  assert.deepEqual(await Promise.all(tasks.map((task) => runner.analyse(task))), inOneThread());
  await runner.close();
});

test("the work of a worker that crashes is done in the calling thread", async () => {
  const script = join(scratch, "crash.js");
  writeFileSync(script, 'require("node:worker_threads").parentPort.on("message", () => { throw new Error("boom"); });\n');
  const runner = startAnalysis(2, script);
  try {
    await runner.environment(environment);
    assert.deepEqual(await Promise.all(tasks.map((task) => runner.analyse(task))), inOneThread());
    assert.equal(runner.threads, 0, "the crashed workers take no more work");
  } finally {
    await runner.close();
  }
});

test("small runs stay in the calling thread, and SHIPSHAPE_WORKERS decides when set", () => {
  const saved = process.env.SHIPSHAPE_WORKERS;
  try {
    delete process.env.SHIPSHAPE_WORKERS;
    assert.equal(workerThreadsFor({ files: MIN_PARALLEL_FILES - 1, bytes: 10 * MIN_PARALLEL_BYTES }), 0);
    assert.equal(workerThreadsFor({ files: 1000, bytes: MIN_PARALLEL_BYTES - 1 }), 0);
    process.env.SHIPSHAPE_WORKERS = "0";
    assert.equal(workerThreadsFor({ files: 1000, bytes: 100 * MIN_PARALLEL_BYTES }), 0);
    process.env.SHIPSHAPE_WORKERS = "3";
    assert.equal(workerThreadsFor({ files: 2, bytes: 10 }), 2);
    assert.equal(workerThreadsFor({ files: 1000, bytes: 10 }), 3);
  } finally {
    if (saved === undefined) delete process.env.SHIPSHAPE_WORKERS;
    else process.env.SHIPSHAPE_WORKERS = saved;
  }
});
