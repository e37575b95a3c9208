import { existsSync } from "node:fs";
import { parentPort, Worker } from "node:worker_threads";

/**
 * A fixed set of worker threads that run one script and answer requests. A request goes
 * to the worker with the fewest requests in flight; each worker answers its requests in
 * the order it got them. A worker that fails (an uncaught error, an unexpected exit)
 * rejects what it still owed with `WorkerFailed` and takes no more requests, so the caller
 * can do that work itself; the other workers carry on.
 *
 * The script speaks a small protocol: it receives `{ id, body }` messages and answers each
 * with `{ id, ok: true, value }` or `{ id, ok: false, error }` (see `serveRequests`).
 */
export class WorkerPool<Request, Response> {
  private readonly workers: PoolWorker<Response>[];
  private nextId = 0;

  private constructor(script: string, size: number) {
    this.workers = Array.from({ length: size }, () => new PoolWorker<Response>(script));
  }

  /** Starts `size` workers running `script`; `undefined` when the script is not there (running from sources). */
  static start<Request, Response>(script: string, size: number): WorkerPool<Request, Response> | undefined {
    if (size < 1 || !existsSync(script)) return undefined;
    return new WorkerPool<Request, Response>(script, size);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Whether any worker can still take requests. */
  get alive(): boolean {
    return this.workers.some((worker) => worker.alive);
  }

  /** Sends a request to the least busy live worker. Rejects with `WorkerFailed` when none can answer it. */
  request(body: Request): Promise<Response> {
    let chosen: PoolWorker<Response> | undefined;
    for (const worker of this.workers) {
      if (worker.alive && (chosen === undefined || worker.inFlight < chosen.inFlight)) chosen = worker;
    }
    if (chosen === undefined) return Promise.reject(new WorkerFailed("no worker thread is left"));
    return chosen.send(this.nextId++, body);
  }

  /** Sends the same request to every live worker, as a setting each of them must know; resolves when all answered. */
  broadcast(body: Request): Promise<Response[]> {
    return Promise.all(this.workers.filter((worker) => worker.alive).map((worker) => worker.send(this.nextId++, body)));
  }

  /** Stops every worker; requests still in flight are rejected. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }
}

/**
 * The worker side of the protocol: answers each request from the pool with `handle`. A
 * request that throws is answered with the error's message rather than ending the thread.
 */
export function serveRequests<Request, Response>(handle: (request: Request) => Response): void {
  const port = parentPort;
  if (port === null) throw new Error("serveRequests runs in a worker thread only");
  port.on("message", ({ id, body }: { id: number; body: Request }) => {
    try {
      port.postMessage({ id, ok: true, value: handle(body) });
    } catch (error) {
      port.postMessage({ id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/** The pool could not answer a request because its worker failed; the work can be done in the calling thread. */
export class WorkerFailed extends Error {
  override readonly name = "WorkerFailed";
}

interface Pending<Response> {
  resolve(value: Response): void;
  reject(error: unknown): void;
}

type Answer<Response> = { id: number; ok: true; value: Response } | { id: number; ok: false; error: string };

class PoolWorker<Response> {
  alive = true;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending<Response>>();

  constructor(script: string) {
    this.worker = new Worker(script);
    // An idle pool must not keep the process alive; requests in flight do (see `send`).
    this.worker.unref();
    this.worker.on("message", (answer: Answer<Response>) => this.answer(answer));
    this.worker.on("error", (error) => this.fail(`a worker thread failed: ${error.message}`));
    this.worker.on("exit", (code) => this.fail(`a worker thread exited with code ${code}`));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  send(id: number, body: unknown): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, body });
    });
  }

  async stop(): Promise<void> {
    this.fail("the pool was closed");
    await this.worker.terminate();
  }

  private answer(answer: Answer<Response>): void {
    const pending = this.pending.get(answer.id);
    if (pending === undefined) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (answer.ok) pending.resolve(answer.value);
    else pending.reject(new Error(answer.error));
  }

  private fail(reason: string): void {
    if (!this.alive) return;
    this.alive = false;
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.worker.unref();
    for (const { reject } of pending) reject(new WorkerFailed(reason));
  }
}
