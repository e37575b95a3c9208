import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Runs `helm template` on a chart, for the rendered-chart checks. Only the edges call it,
 * and only when the user allowed it: the CLI with `--render`, the server in a trusted
 * workspace. Never rejects: a missing binary, a timeout or a chart that does not render
 * come back as `ok: false` with Helm's own message.
 */
export type RenderResult = { ok: true; output: string } | { ok: false; error: string };

export const RENDER_TIMEOUT_MS = 20_000;

/** The helm binary: the configured path when it is executable, else `helm` on PATH, else `undefined`. */
export function findHelm(configured?: string, path = process.env.PATH ?? ""): string | undefined {
  const candidates = configured ? [configured] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, process.platform === "win32" ? "helm.exe" : "helm"));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there, or not executable: the next one.
    }
  }
  return undefined;
}

export function renderChart(helm: string, chartRoot: string, timeoutMs = RENDER_TIMEOUT_MS): Promise<RenderResult> {
  return new Promise((resolve) => {
    try {
      execFile(helm, ["template", "shipshape", chartRoot], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true, env: { ...process.env, HELM_NO_PLUGINS: "1" } }, (error, stdout, stderr) => {
        if (error) {
          const killed = (error as { killed?: boolean }).killed === true;
          resolve({ ok: false, error: killed ? `helm template did not finish within ${Math.round(timeoutMs / 1000)} s` : (stderr || error.message).trim() });
        } else {
          resolve({ ok: true, output: stdout });
        }
      });
    } catch (error) {
      resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
