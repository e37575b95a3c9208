import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { CHROMIUM_PATH, CODE_SERVER_BIN, launchBrowser, openWorkbench, startCodeServer } from "../test/e2e/harness/index.ts";
import { REPO_ROOT } from "./support/peers.ts";
import type { Figure } from "./support/result.ts";
import { now, round, sleep, spread, summarize } from "./support/stats.ts";
import { buildVsix } from "./support/vsix.ts";

/**
 * Activation in a real VS Code (code-server in headless Chromium), with the production .vsix
 * installed and the repository's examples/ open. The extension writes its own timings to its
 * log channel ("Activated in X ms." and "Language server ready N ms after activation."), which
 * the benchmark reads from the log file; the time until the first finding shows in the Problems
 * panel is measured from outside, as a user would see it.
 */

const EXAMPLES = join(REPO_ROOT, "examples");
const RUNS = 3;
const WORK_DIR = join(REPO_ROOT, "bench", ".work", "code-server");
/** A Problems row of a Shipshape finding shows the source and the rule id, as "shipshape yaml/duplicate-key". */
const SHIPSHAPE_ROW = /shipshape\W+[a-z]+\/[a-z0-9-]+/i;
const ACTIVATED = /Activated in ([\d.]+) ms\./;
const SERVER_READY = /Language server ready (\d+) ms after activation\./;

interface Sample {
  activateMs: number;
  serverReadyMs: number;
  workbenchMs: number;
  firstProblemMs: number;
}

/**
 * The log channel's file: <user-data>/logs/<session>/exthost<N>/shipshape.shipshape/Shipshape.log.
 * The session folder is named by its start time, so it is searched rather than built.
 */
function findLogFile(userDataDir: string): string | undefined {
  const logs = join(userDataDir, "logs");
  if (!existsSync(logs)) return undefined;
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session))) {
      const file = join(logs, session, host, "shipshape.shipshape", "Shipshape.log");
      if (host.startsWith("exthost") && existsSync(file)) return file;
    }
  }
  return undefined;
}

/** VS Code writes log files lazily, so the lines may land a while after the event; this waits for both. */
async function readTimings(userDataDir: string, timeoutMs = 30_000): Promise<{ activateMs: number; serverReadyMs: number }> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    const file = findLogFile(userDataDir);
    text = file === undefined ? "" : readFileSync(file, "utf8");
    const activated = ACTIVATED.exec(text);
    const ready = SERVER_READY.exec(text);
    if (activated && ready) return { activateMs: Number(activated[1]), serverReadyMs: Number(ready[1]) };
    await sleep(250);
  }
  throw new Error(`The Shipshape log never showed both timing lines within ${timeoutMs} ms. Log so far:\n${text}`);
}

async function oneRun(browser: Browser, vsix: string): Promise<Sample> {
  const server = await startCodeServer({ vsix: [vsix], workDir: WORK_DIR });
  try {
    const start = now();
    const workbench = await openWorkbench(browser, server.folderUrl(EXAMPLES));
    const workbenchMs = now() - start;
    try {
      // The panel is polled every 250 ms by the harness; that is the resolution of this figure.
      await workbench.waitForProblems((rows) => rows.some((row) => SHIPSHAPE_ROW.test(row)), 120_000);
      const firstProblemMs = now() - start;
      return { ...(await readTimings(server.userDataDir)), workbenchMs, firstProblemMs };
    } finally {
      await workbench.close();
    }
  } finally {
    await server.stop();
  }
}

function skippedFigures(reason: string): Figure[] {
  return [
    { id: "activation.activate", figure: "Extension activate() duration", shipshape: null, peer: null, peerName: "", unit: "ms", notes: reason },
    { id: "activation.server-ready", figure: "Language server ready after activation", shipshape: null, peer: null, peerName: "", unit: "ms", notes: reason },
    { id: "activation.first-problem", figure: "Page navigation → first finding in Problems", shipshape: null, peer: null, peerName: "", unit: "ms", notes: reason },
  ];
}

export async function measureActivation(): Promise<Figure[]> {
  if (!existsSync(CODE_SERVER_BIN)) return skippedFigures("skipped: code-server not installed (bash scripts/install-code-server.sh)");
  if (!existsSync(CHROMIUM_PATH)) return skippedFigures(`skipped: ${CHROMIUM_PATH} not installed (bash scripts/install-code-server.sh)`);
  // code-server is there: the harness must not run the install script, which may call apt.
  process.env.CODE_SERVER_SKIP_INSTALL = "1";

  const vsix = await buildVsix();
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  const failures: string[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      try {
        samples.push(await oneRun(browser, vsix));
      } catch (error) {
        failures.push((error as Error).message.split("\n")[0]!);
      }
    }
  } finally {
    await browser.close();
  }
  if (samples.length === 0) return skippedFigures(`failed: ${failures.join(" | ")}`);

  const failureNote = failures.length > 0 ? `; ${failures.length} run(s) failed: ${failures.join(" | ")}` : "";
  const noPeer = "no peer: another extension's .vsix would need Open VSX or the Marketplace, which this machine cannot reach";
  const figure = (id: string, name: string, pick: (sample: Sample) => number, notes: string): Figure => {
    const summary = summarize(samples.map(pick));
    return {
      id,
      figure: name,
      shipshape: round(summary.median),
      peer: null,
      peerName: "",
      unit: "ms",
      notes: `${notes}; median of ${summary.runs} fresh code-server runs; ${spread(summary)}${failureNote}`,
      details: { runs: samples.map((sample) => round(pick(sample))) },
    };
  };
  const workbench = summarize(samples.map((sample) => sample.workbenchMs));
  return [
    figure("activation.activate", "Extension activate() duration", (s) => s.activateMs,
      `from the extension's log ("Activated in X ms."): the synchronous part of activate(), the server starts in the background; production .vsix in code-server 4.100.3; ${noPeer}`),
    figure("activation.server-ready", "Language server ready after activation", (s) => s.serverReadyMs,
      `from the extension's log ("Language server ready N ms after activation."): server process spawned and initialized`),
    figure("activation.first-problem", "Page navigation → first finding in Problems", (s) => s.firstProblemMs,
      `wall time from page.goto of the workbench (folder examples/) to a Shipshape row in the Problems panel, headless Chromium; workbench visible after ${round(workbench.median, 0)} ms (median), the remainder is the extension host starting, activation, the server's first analysis and the Problems panel opening`),
  ];
}
