import { readFileSync } from "node:fs";
import { LspClient, uriOf } from "../../test/lsp/support/lsp-client.ts";
import { LspSession } from "./lsp-session.ts";
import { peerFile, type Peer } from "./peers.ts";

/**
 * One way to drive each language server the benchmark compares, Shipshape's and Red Hat's
 * yaml-language-server, behind the same small interface: start, open a file and wait for
 * its first diagnostics, then edit and wait for the edit's diagnostics. Both are driven
 * over real JSON-RPC on stdio, the way an editor drives them.
 */
export interface Driver {
  /** Starts the server, opens `path` and resolves once its first diagnostics arrived; returns the session. */
  startAndOpen(folder: string, path: string): Promise<Session>;
}

export interface Session {
  /** Sends one ranged change and resolves once the diagnostics for the changed text arrived. */
  edit(path: string, line: number, start: number, end: number, text: string): Promise<void>;
  /** How many diagnostics were last published for `path`, as evidence that the server really analysed it. */
  diagnosticCount(path: string): number;
  /** The messages of the diagnostics last published for `path`. */
  messages(path: string): string[];
  shutdown(): Promise<void>;
  kill(): void;
}

export const TIMEOUT_MS = 60_000;

/** yaml-language-server's own debounce (`validationDelayMs` in its yamlSettings.js); it applies to didOpen as well as didChange. */
export const PEER_DEBOUNCE_MS = 200;

/**
 * Shipshape's server, from `dist/server.js`. `debounceMs` fixes its change debounce through
 * `SHIPSHAPE_CHANGE_DEBOUNCE_MS`, so that the time from a change to its diagnostics can be
 * measured without the wait; by default the server chooses the wait itself.
 */
export function shipshapeDriver(options: { debounceMs?: number } = {}): Driver {
  return {
    async startAndOpen(folder, path) {
      const client = await withEnvironment({ SHIPSHAPE_CHANGE_DEBOUNCE_MS: options.debounceMs?.toString() }, () => LspClient.start({ folders: [folder] }));
      const uri = uriOf(path);
      try {
        await client.open(uri, readFileSync(path, "utf8"));
        await client.waitForDiagnostics(uri, () => true, TIMEOUT_MS);
      } catch (error) {
        client.kill();
        throw error;
      }
      return {
        async edit(editPath, line, start, end, text) {
          const editUri = uriOf(editPath);
          const version = await client.change(editUri, [{ range: { start: { line, character: start }, end: { line, character: end } }, text }]);
          // Shipshape puts the document version on its diagnostics, so a stale publication cannot be mistaken for this one.
          await client.waitForDiagnostics(editUri, (_, params) => params.version === version, TIMEOUT_MS);
        },
        diagnosticCount: (countPath) => client.diagnostics.get(uriOf(countPath))?.diagnostics.length ?? 0,
        messages: (countPath) => client.diagnostics.get(uriOf(countPath))?.diagnostics.map((diagnostic) => diagnostic.message) ?? [],
        async shutdown() {
          await client.shutdown();
        },
        kill: () => client.kill(),
      };
    },
  };
}

/** yaml-language-server with the given settings (see `peerSettings`). */
export function peerDriver(peer: Peer, settings: (section: string | undefined) => unknown): Driver {
  const bin = peerFile(peer, "bin/yaml-language-server");
  return {
    async startAndOpen(folder, path) {
      const session = await LspSession.start({ command: process.execPath, args: [bin, "--stdio"], folders: [folder], settings });
      const uri = uriOf(path);
      try {
        const before = session.publicationCount(uri);
        await session.open(uri, readFileSync(path, "utf8"));
        await session.waitForPublication(uri, before, TIMEOUT_MS);
      } catch (error) {
        session.kill();
        throw error;
      }
      return {
        async edit(editPath, line, start, end, text) {
          const editUri = uriOf(editPath);
          // yaml-language-server publishes without a version; every edit waits for the previous one's diagnostics, so the next publication is this edit's.
          const before = session.publicationCount(editUri);
          await session.change(editUri, [{ range: { start: { line, character: start }, end: { line, character: end } }, text }]);
          await session.waitForPublication(editUri, before, TIMEOUT_MS);
        },
        diagnosticCount: (countPath) => session.diagnostics.get(uriOf(countPath))?.diagnostics.length ?? 0,
        messages: (countPath) => session.diagnostics.get(uriOf(countPath))?.diagnostics.map((diagnostic) => diagnostic.message) ?? [],
        shutdown: () => session.shutdown(),
        kill: () => session.kill(),
      };
    },
  };
}

/**
 * The peer's settings: validation on, every store that would reach the network off, and
 * `schemas` (schema URI to globs) as given. The proxy points at a closed local port so
 * that a fetch the settings did not foresee fails at once instead of waiting on a network
 * this machine does not have.
 */
export function peerSettings(schemas: Record<string, string[]> = {}): (section: string | undefined) => unknown {
  return (section) => {
    switch (section) {
      case "yaml":
        return {
          validate: true,
          schemas,
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
          hover: false,
          completion: false,
          format: { enable: false },
        };
      case "http":
        return { proxy: "http://127.0.0.1:9", proxyStrictSSL: false };
      default:
        return {};
    }
  };
}

/** Runs `body` with environment variables set (or removed, for `undefined`), restoring them afterwards; child processes spawned inside inherit them. */
async function withEnvironment<T>(variables: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(variables);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}
