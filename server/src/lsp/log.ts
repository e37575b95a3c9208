import type { Connection } from "vscode-languageserver/node";

/**
 * Logging and the guard around every handler. The server must never crash on any input,
 * so each handler runs inside `guarded`: an exception is logged to the client's output
 * channel and the handler returns an empty result instead of taking the server down.
 */
export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function connectionLog(connection: Connection): Log {
  return {
    info: (message) => connection.console.info(message),
    error: (message, error) => connection.console.error(error === undefined ? message : `${message}\n${describeError(error)}`),
  };
}

/** Wraps a handler so that a throw or a rejection is logged and `fallback` is returned. */
export function guarded<Args extends unknown[], Result>(
  log: Log,
  name: string,
  fallback: Result,
  handler: (...args: Args) => Result | Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      log.error(`The ${name} handler failed; it returned an empty result.`, error);
      return fallback;
    }
  };
}

/** Starts work without awaiting it, so that a failure is logged rather than left unhandled. */
export function runDetached(log: Log, name: string, work: () => Promise<unknown>): void {
  work().catch((error) => log.error(`${name} failed.`, error));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
