import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CHANGE_DEBOUNCE_MS } from "../server/src/lsp/open-document-diagnostics.ts";
import { LspClient, uriOf } from "../test/lsp/support/lsp-client.ts";
import { writeManifest, type GeneratedManifest } from "./support/manifest-generator.ts";
import { findPeer, peerFile, peerLabel, REPO_ROOT, type Peer } from "./support/peers.ts";
import { LspSession } from "./support/lsp-session.ts";
import type { Figure } from "./support/result.ts";
import { now, round, sleep, spread, summarize } from "./support/stats.ts";

/**
 * Language-server latency, Shipshape against Red Hat's yaml-language-server on the same files:
 * a cold start until the first diagnostics for an opened manifest, and the re-analysis after a
 * one-character edit of a 5,000-line manifest. Both servers are driven over real JSON-RPC on
 * stdio, the way an editor drives them.
 */

const EXAMPLES = join(REPO_ROOT, "examples");
const SMALL_FILE = join(EXAMPLES, "k8s", "deployment.yaml");
const COLD_STARTS = 5;
const EDIT_SESSIONS = 3;
const WARMUP_EDITS = 2;
const MEASURED_EDITS = 8;
const TIMEOUT_MS = 60_000;

/** yaml-language-server's own debounce (`validationDelayMs` in its yamlSettings.js); it applies to didOpen as well as didChange. */
const PEER_DEBOUNCE_MS = 200;
const PEER_PACKAGE = "yaml-language-server";

/**
 * The peer's settings: validation on, no schemas, and every store that would reach the network
 * off. The proxy points at a closed local port so that a fetch the settings did not foresee fails
 * at once instead of waiting on a network this machine does not have.
 */
function peerSettings(section: string | undefined): unknown {
  switch (section) {
    case "yaml":
      return {
        validate: true,
        schemas: {},
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
}

/** What one server is asked to do; the two implementations differ only in how they talk to it. */
interface Driver {
  /** Starts the server, opens `path` and resolves once its first diagnostics arrived; returns the session. */
  startAndOpen(folder: string, path: string): Promise<Session>;
}

interface Session {
  /** Sends one ranged change and resolves once the diagnostics for the changed text arrived. */
  edit(path: string, line: number, start: number, end: number, text: string): Promise<void>;
  /** How many diagnostics were last published for `path`, as evidence that the server really analysed it. */
  diagnosticCount(path: string): number;
  shutdown(): Promise<void>;
  kill(): void;
}

const shipshapeDriver: Driver = {
  async startAndOpen(folder, path) {
    const client = await LspClient.start({ folders: [folder] });
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
      async shutdown() {
        await client.shutdown();
      },
      kill: () => client.kill(),
    };
  },
};

function peerDriver(peer: Peer): Driver {
  const bin = peerFile(peer, "bin/yaml-language-server");
  return {
    async startAndOpen(folder, path) {
      const session = await LspSession.start({ command: process.execPath, args: [bin, "--stdio"], folders: [folder], settings: peerSettings });
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
        shutdown: () => session.shutdown(),
        kill: () => session.kill(),
      };
    },
  };
}

interface Samples {
  cold: number[];
  open: number[];
  edits: number[];
  /** Diagnostics in the last publication for the small example and for the big manifest. */
  smallDiagnostics: number;
  bigDiagnostics: number;
}

/** Cold start: spawn, initialize, open the small example, first diagnostics. */
async function coldStarts(driver: Driver, samples: Samples): Promise<void> {
  for (let run = 0; run < COLD_STARTS; run++) {
    const start = now();
    const session = await driver.startAndOpen(EXAMPLES, SMALL_FILE);
    samples.cold.push(now() - start);
    samples.smallDiagnostics = session.diagnosticCount(SMALL_FILE);
    await session.shutdown();
  }
}

/** Opens the big manifest in a fresh server, then toggles one value near its middle, one edit at a time. */
async function editSessions(driver: Driver, manifest: GeneratedManifest, samples: Samples): Promise<void> {
  const values = [manifest.editValue, String(Number(manifest.editValue) + 1)];
  for (let run = 0; run < EDIT_SESSIONS; run++) {
    const openStart = now();
    const session = await driver.startAndOpen(manifest.dir, manifest.path);
    samples.open.push(now() - openStart);
    try {
      let current = 0;
      for (let edit = 0; edit < WARMUP_EDITS + MEASURED_EDITS; edit++) {
        const next = 1 - current;
        // The replaced range is the current value's, which has the same length in both states.
        const end = manifest.editStart + values[current]!.length;
        const start = now();
        await session.edit(manifest.path, manifest.editLine, manifest.editStart, end, values[next]!);
        const elapsed = now() - start;
        current = next;
        // The first edits pay for the JIT warming up; an editor session is long past that.
        if (edit >= WARMUP_EDITS) samples.edits.push(elapsed);
        // A pause like a typist's, so that no edit lands while the server is still busy with the last.
        await sleep(100);
      }
      samples.bigDiagnostics = session.diagnosticCount(manifest.path);
    } finally {
      await session.shutdown();
    }
  }
}

async function measure(driver: Driver, manifest: GeneratedManifest): Promise<Samples> {
  const samples: Samples = { cold: [], open: [], edits: [], smallDiagnostics: 0, bigDiagnostics: 0 };
  await coldStarts(driver, samples);
  await editSessions(driver, manifest, samples);
  return samples;
}

export async function measureServerLatency(): Promise<Figure[]> {
  const peer = findPeer(PEER_PACKAGE);
  const peerName = peerLabel(peer, PEER_PACKAGE);
  const manifest = writeManifest(5000);
  try {
    const ours = await measure(shipshapeDriver, manifest);
    let theirs: Samples | undefined;
    let peerNote = "peer not installed";
    if (peer !== undefined) {
      try {
        theirs = await measure(peerDriver(peer), manifest);
        peerNote = `peer from ${peer.source}; peer runs YAML syntax validation only (no schemas, schema store off, offline)`;
      } catch (error) {
        peerNote = `peer failed: ${(error as Error).message.split("\n")[0]}`;
      }
    }

    const counts = (pick: (s: Samples) => number) =>
      `diagnostics published: Shipshape ${pick(ours)}${theirs === undefined ? "" : `, peer ${pick(theirs)}`}`;
    const row = (id: string, figure: string, pick: (s: Samples) => number[], notes: string, minusDebounce = false): Figure => {
      const ourSummary = summarize(pick(ours));
      const theirSummary = theirs === undefined ? undefined : summarize(pick(theirs));
      const ourAdjust = minusDebounce ? CHANGE_DEBOUNCE_MS : 0;
      const theirAdjust = minusDebounce ? PEER_DEBOUNCE_MS : 0;
      return {
        id,
        figure,
        shipshape: round(ourSummary.median - ourAdjust),
        peer: theirSummary === undefined ? null : round(theirSummary.median - theirAdjust),
        peerName,
        unit: "ms",
        notes: [notes, `Shipshape ${spread(ourSummary)}`, theirSummary ? `peer ${spread(theirSummary)}` : "", peerNote].filter(Boolean).join("; "),
        details: { shipshapeRuns: pick(ours).map((v) => round(v)), peerRuns: theirs ? pick(theirs).map((v) => round(v)) : null },
      };
    };

    return [
      row("server.start-to-first-diagnostics", "Server start → first diagnostics (examples/k8s/deployment.yaml)", (s) => s.cold,
        `spawn to first publishDiagnostics for the file, median of ${COLD_STARTS} cold starts; workspace folder examples/; Shipshape analyses on open at once, the peer after its ${PEER_DEBOUNCE_MS} ms debounce; ${counts((s) => s.smallDiagnostics)}`),
      row("server.open-5000", "Server start → first diagnostics (5,000-line manifest)", (s) => s.open,
        `same, for the generated 5,000-line manifest, median of ${EDIT_SESSIONS} cold starts; ${counts((s) => s.bigDiagnostics)}`),
      row("server.edit-5000.raw", "Edit 5,000-line manifest → diagnostics (raw)", (s) => s.edits,
        `didChange sent to publishDiagnostics received, one-value edit near line ${manifest.editLine + 1}, median of ${EDIT_SESSIONS}×${MEASURED_EDITS} edits after ${WARMUP_EDITS} warm-up edits per session`),
      row("server.edit-5000.minus-debounce", "Edit 5,000-line manifest → diagnostics (minus debounce)", (s) => s.edits,
        `raw minus each server's debounce: Shipshape ${CHANGE_DEBOUNCE_MS} ms (CHANGE_DEBOUNCE_MS), peer ${PEER_DEBOUNCE_MS} ms (validationDelayMs)`, true),
    ];
  } finally {
    rmSync(manifest.dir, { recursive: true, force: true });
  }
}
