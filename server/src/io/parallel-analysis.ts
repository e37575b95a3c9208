import { availableParallelism } from "node:os";
import { join } from "node:path";
import { AnalysisService, type AnalysisEnvironment, type AnalysisRequest, type AnalysisResult, type AnalysisTask, type FactsRequest, type FileFacts } from "./analysis-service.ts";
import { WorkerFailed, WorkerPool } from "./worker-pool.ts";

/**
 * Runs analyses on several cores: the CLI and the workspace scan hand their files to a pool
 * of worker threads, each running the bundled `dist/analysis-worker.js`. Small inputs, and
 * machines with too few cores (see `CORES_PER_THREAD`), stay in the calling thread, where
 * starting threads would cost more than it saves. Results
 * come back per request, so the caller decides the order in which it reports them.
 *
 * Whatever a worker cannot do (it failed, or the worker script is missing because the
 * code runs from sources) is done in the calling thread, with the same `AnalysisService`.
 */
export interface AnalysisRunner {
  /** Worker threads in use; 0 when everything runs in the calling thread. */
  readonly threads: number;
  /** Makes an environment known to every thread; tasks name it by the returned id. */
  environment(environment: AnalysisEnvironment): Promise<number>;
  /** A file's CRDs and resources, for the environment every file is then analysed in. */
  facts(file: FactsRequest): Promise<FileFacts>;
  analyse(task: AnalysisTask): Promise<AnalysisResult>;
  close(): Promise<void>;
}

/** The bundled worker script, beside the bundle that runs this code. */
export const ANALYSIS_WORKER_SCRIPT = join(__dirname, "analysis-worker.js");

/**
 * Starting a worker (a thread, the bundle, the schemas, a cold JIT) costs about 100 ms of
 * one core, the analysis of some 100 KB of YAML. Below these sizes the calling thread
 * finishes first on its own; above them each thread gets at least this much work.
 */
export const MIN_PARALLEL_FILES = 8;
export const MIN_PARALLEL_BYTES = 256 * 1024;
const BYTES_PER_THREAD = 128 * 1024;
const MAX_THREADS = 8;
/**
 * On two cores worker threads do not pay. Each one starts cold (the bundle compiled, the
 * JIT warmed up, the schemas read again: about 0.35 s of CPU each on the k8s-examples
 * corpus, a quarter of the whole check), and the second core is not free anyway: V8's
 * garbage-collector threads beside a single analysing thread use up to 0.4 of it on large
 * manifests. Measured on a two-core machine, the bench corpora checked 6 to 16% slower on
 * two worker threads than in one thread. So a thread is counted per one and a half cores,
 * and threads are used from two up, that is from three cores.
 */
const CORES_PER_THREAD = 1.5;

/**
 * How many worker threads a run of `files` files, `bytes` long in all, should use: 0 (the
 * calling thread alone) for small runs and for machines with fewer than three cores, else
 * one per one and a half cores. The `SHIPSHAPE_WORKERS` environment variable overrides the
 * choice (0 keeps everything in the calling thread), for machines whose cores are spoken
 * for and for measurements.
 */
export function workerThreadsFor(work: { files: number; bytes: number }): number {
  const requested = requestedThreads();
  if (requested !== undefined) return Math.min(requested, work.files);
  const threads = Math.floor(availableParallelism() / CORES_PER_THREAD);
  if (threads < 2 || work.files < MIN_PARALLEL_FILES || work.bytes < MIN_PARALLEL_BYTES) return 0;
  return Math.min(threads, MAX_THREADS, work.files, Math.ceil(work.bytes / BYTES_PER_THREAD));
}

/** An analysis runner with `threads` worker threads, or the calling thread alone for 0 (or when the worker script is missing). */
export function startAnalysis(threads: number, script = ANALYSIS_WORKER_SCRIPT): AnalysisRunner {
  return new ParallelAnalysis(threads > 0 ? WorkerPool.start<AnalysisRequest, unknown>(script, threads) : undefined);
}

class ParallelAnalysis implements AnalysisRunner {
  /** Does what no worker can, and knows every environment so that it can. */
  private readonly local = new AnalysisService();
  private nextEnvironment = 0;

  constructor(private readonly pool: WorkerPool<AnalysisRequest, unknown> | undefined) {}

  get threads(): number {
    return this.pool?.alive ? this.pool.size : 0;
  }

  async environment(environment: AnalysisEnvironment): Promise<number> {
    const request: AnalysisRequest = { kind: "environment", id: this.nextEnvironment++, environment };
    this.local.handle(request);
    // A worker that fails here takes no further requests, so its answer is not needed.
    if (this.pool?.alive) await this.pool.broadcast(request).catch(() => undefined);
    return request.id;
  }

  facts(file: FactsRequest): Promise<FileFacts> {
    return this.run({ kind: "facts", file }) as Promise<FileFacts>;
  }

  analyse(task: AnalysisTask): Promise<AnalysisResult> {
    return this.run({ kind: "analyse", task }) as Promise<AnalysisResult>;
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private async run(request: AnalysisRequest): Promise<unknown> {
    if (this.pool?.alive) {
      try {
        return await this.pool.request(request);
      } catch (error) {
        if (!(error instanceof WorkerFailed)) throw error;
      }
    }
    return this.local.handle(request);
  }
}

function requestedThreads(): number | undefined {
  const value = process.env.SHIPSHAPE_WORKERS;
  if (value === undefined || value.trim() === "") return undefined;
  const threads = Number(value);
  return Number.isInteger(threads) && threads >= 0 ? Math.min(threads, MAX_THREADS) : undefined;
}
