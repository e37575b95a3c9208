import { rmSync } from "node:fs";
import { join } from "node:path";
import { writeManifest, type GeneratedManifest } from "./support/manifest-generator.ts";
import { PEER_DEBOUNCE_MS, peerDriver, peerSettings, shipshapeDriver, type Driver } from "./support/lsp-drivers.ts";
import { findPeer, peerLabel, REPO_ROOT } from "./support/peers.ts";
import type { Figure } from "./support/result.ts";
import { now, round, sleep, spread, summarize } from "./support/stats.ts";

/**
 * Language-server latency, Shipshape against Red Hat's yaml-language-server on the same files:
 * a cold start until the first diagnostics for an opened manifest, and the re-analysis after a
 * one-character edit of a 5,000-line manifest. Both servers are driven over real JSON-RPC on
 * stdio, the way an editor drives them. Shipshape chooses its debounce from how long the
 * document takes to analyse, so the figure without it is measured, in sessions where the
 * debounce is fixed at 0, rather than computed.
 */

const EXAMPLES = join(REPO_ROOT, "examples");
const SMALL_FILE = join(EXAMPLES, "k8s", "deployment.yaml");
const COLD_STARTS = 5;
const EDIT_SESSIONS = 3;
const WARMUP_EDITS = 2;
const MEASURED_EDITS = 8;
const PEER_PACKAGE = "yaml-language-server";

interface Samples {
  cold: number[];
  open: number[];
  edits: number[];
  /** The same edits with the debounce removed: measured for Shipshape, computed for the peer. */
  editsWithoutDebounce: number[];
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
async function editSessions(driver: Driver, manifest: GeneratedManifest, samples: Samples, edits: number[], opens?: number[]): Promise<void> {
  const values = [manifest.editValue, String(Number(manifest.editValue) + 1)];
  for (let run = 0; run < EDIT_SESSIONS; run++) {
    const openStart = now();
    const session = await driver.startAndOpen(manifest.dir, manifest.path);
    opens?.push(now() - openStart);
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
        if (edit >= WARMUP_EDITS) edits.push(elapsed);
        // A pause like a typist's, so that no edit lands while the server is still busy with the last.
        await sleep(100);
      }
      samples.bigDiagnostics = session.diagnosticCount(manifest.path);
    } finally {
      await session.shutdown();
    }
  }
}

async function measure(driver: Driver, manifest: GeneratedManifest, withoutDebounce: Driver | number): Promise<Samples> {
  const samples: Samples = { cold: [], open: [], edits: [], editsWithoutDebounce: [], smallDiagnostics: 0, bigDiagnostics: 0 };
  await coldStarts(driver, samples);
  await editSessions(driver, manifest, samples, samples.edits, samples.open);
  if (typeof withoutDebounce === "number") samples.editsWithoutDebounce = samples.edits.map((ms) => ms - withoutDebounce);
  else await editSessions(withoutDebounce, manifest, samples, samples.editsWithoutDebounce);
  return samples;
}

export async function measureServerLatency(): Promise<Figure[]> {
  const peer = findPeer(PEER_PACKAGE);
  const peerName = peerLabel(peer, PEER_PACKAGE);
  const manifest = writeManifest(5000);
  try {
    const ours = await measure(shipshapeDriver(), manifest, shipshapeDriver({ debounceMs: 0 }));
    let theirs: Samples | undefined;
    let peerNote = "peer not installed";
    if (peer !== undefined) {
      try {
        theirs = await measure(peerDriver(peer, peerSettings()), manifest, PEER_DEBOUNCE_MS);
        peerNote = `peer from ${peer.source}; peer runs YAML syntax validation only (no schemas, schema store off, offline)`;
      } catch (error) {
        peerNote = `peer failed: ${(error as Error).message.split("\n")[0]}`;
      }
    }

    const counts = (pick: (s: Samples) => number) =>
      `diagnostics published: Shipshape ${pick(ours)}${theirs === undefined ? "" : `, peer ${pick(theirs)}`}`;
    const row = (id: string, figure: string, pick: (s: Samples) => number[], notes: string): Figure => {
      const ourSummary = summarize(pick(ours));
      const theirSummary = theirs === undefined ? undefined : summarize(pick(theirs));
      return {
        id,
        figure,
        shipshape: round(ourSummary.median),
        peer: theirSummary === undefined ? null : round(theirSummary.median),
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
      row("server.edit-5000.minus-debounce", "Edit 5,000-line manifest → diagnostics (minus debounce)", (s) => s.editsWithoutDebounce,
        `Shipshape: measured in ${EDIT_SESSIONS} more sessions with SHIPSHAPE_CHANGE_DEBOUNCE_MS=0 (by default a fast document is analysed at once, at most once per three analysis times; a slow one waits 150 ms); peer: raw minus its ${PEER_DEBOUNCE_MS} ms validationDelayMs`),
    ];
  } finally {
    rmSync(manifest.dir, { recursive: true, force: true });
  }
}
