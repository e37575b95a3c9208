/**
 * Starts and stops a real VS Code (code-server 4.100.3, VS Code 1.100.x) for
 * end-to-end tests. code-server is installed into <repo>/.code-server by
 * scripts/install-code-server.sh (see ensureCodeServer()).
 *
 *   const cs = await startCodeServer({ vsix: ['/abs/shipshape.vsix'] });
 *   const url = cs.folderUrl('/abs/workspace');
 *   ... drive it with ./browser.ts ...
 *   await cs.stop();
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Scratch space for e2e runs (gitignored). */
export const E2E_WORK_DIR = path.join(REPO_ROOT, 'test', 'e2e', '.work');
export const CODE_SERVER_PREFIX = process.env.CODE_SERVER_PREFIX ?? path.join(REPO_ROOT, '.code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_PREFIX, 'node_modules', '.bin', 'code-server');
export const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-code-server.sh');

/** Settings written to the temporary user-data-dir so the workbench starts quiet. */
export const DEFAULT_USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

export interface CodeServerOptions {
  /** .vsix files (or marketplace-free extension ids already on disk) installed with --install-extension before start. */
  vsix?: string[];
  /** Merged over DEFAULT_USER_SETTINGS into <user-data-dir>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server (and so for the remote extension host). */
  env?: Record<string, string>;
  /** Extra code-server CLI args. */
  extraArgs?: string[];
  /** Port to bind on 127.0.0.1 (default: a free one). */
  port?: number;
  /** How long to wait for /healthz (default 90 s). */
  startTimeoutMs?: number;
  /** Parent of the temp dir (default test/e2e/.work). */
  workDir?: string;
  /** Keep the temp dir (user data, extensions, log) after stop() (default: keep only if KEEP_E2E_WORK=1). */
  keepWorkDir?: boolean;
  /** Echo code-server's output to this process's stderr as it comes (default: E2E_VERBOSE=1). */
  verbose?: boolean;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly port: number;
  /** Authority used in vscode-remote:// URIs (host:port). */
  readonly authority: string;
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  readonly process: ChildProcess;
  /**
   * Workbench URL opening `folder` (absolute path). `payload` entries are passed
   * through VS Code web's ?payload= (e.g. [['extensionDevelopmentPath', uri]]).
   */
  folderUrl(folder: string, payload?: Array<[string, string]>): string;
  /** code-server's combined stdout/stderr so far. */
  log(): string;
  /** Kill the process group (SIGTERM, then SIGKILL after 5 s) and clean up. */
  stop(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

let ensured: Promise<string> | undefined;
/**
 * Runs scripts/install-code-server.sh (fast no-op when already installed) and
 * returns the code-server binary path. Memoised per process.
 */
export function ensureCodeServer(): Promise<string> {
  ensured ??= new Promise<string>((resolve, reject) => {
    if (process.env.CODE_SERVER_SKIP_INSTALL === '1' && fs.existsSync(CODE_SERVER_BIN)) {
      resolve(CODE_SERVER_BIN);
      return;
    }
    const child = spawn('bash', [INSTALL_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && fs.existsSync(CODE_SERVER_BIN)) resolve(CODE_SERVER_BIN);
      else reject(new Error(`${INSTALL_SCRIPT} exited with ${code}`));
    });
  });
  return ensured;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function baseArgs(dir: string): string[] {
  return [
    '--config', path.join(dir, 'config.yaml'),
    '--user-data-dir', path.join(dir, 'user-data'),
    '--extensions-dir', path.join(dir, 'extensions'),
  ];
}

function cleanEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // Never let code-server pick up a password / a parent VS Code's IPC hooks.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * `code-server --install-extension <vsix>` into the given dir layout (a
 * separate CLI run; the server must not be running on the same dirs yet).
 */
export async function installExtension(vsixPath: string, dir: string, timeoutMs = 120_000): Promise<string> {
  const bin = await ensureCodeServer();
  const args = [...baseArgs(dir), '--install-extension', path.resolve(vsixPath), '--force'];
  return new Promise<string>((resolve, reject) => {
    execFile(bin, args, { timeout: timeoutMs, env: cleanEnv(), maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (err || /Failed Installing|Unable to install|not found/i.test(out)) {
        reject(new Error(`code-server --install-extension ${vsixPath} failed: ${err?.message ?? ''}\n${out}`));
      } else {
        resolve(out);
      }
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode}, signal ${child.signalCode}). Log:\n${log()}`);
    }
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(5_000) });
      if (res.ok) {
        // The workbench page itself must also be served.
        const page = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
        if (page.ok) return;
        lastErr = `GET / -> ${page.status}`;
      } else {
        lastErr = `GET /healthz -> ${res.status}`;
      }
    } catch (e) {
      lastErr = String(e);
    }
    await sleep(250);
  }
  throw new Error(`code-server did not become ready at ${url} within ${timeoutMs} ms (${lastErr}). Log:\n${log()}`);
}

/** Start code-server on a free loopback port with throwaway user data / extensions dirs. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const bin = await ensureCodeServer();
  const workDir = opts.workDir ?? E2E_WORK_DIR;
  fs.mkdirSync(workDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(workDir, 'cs-'));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...opts.userSettings }, null, 2),
  );

  for (const vsix of opts.vsix ?? []) await installExtension(vsix, dir);

  const port = opts.port ?? (await freePort());
  const logFile = path.join(dir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [
    ...baseArgs(dir),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log', 'info',
    ...(opts.extraArgs ?? []),
  ];
  const verbose = opts.verbose ?? process.env.E2E_VERBOSE === '1';
  const child = spawn(bin, args, {
    cwd: dir,
    env: cleanEnv({ XDG_DATA_HOME: path.join(dir, 'xdg-data'), XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), ...opts.env }),
    detached: true, // own process group, so stop() can kill the whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout!, child.stderr!]) {
    s.on('data', (b: Buffer) => {
      fs.writeSync(logFd, b);
      if (verbose) process.stderr.write(b);
    });
  }
  const log = () => {
    try {
      return fs.readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const exited = once(child, 'exit').catch(() => undefined);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
      if (timedOut) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await Promise.race([exited, sleep(2_000)]);
      }
    }
    // Children (extension host, pty host) share the group; make sure none linger.
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* group empty */
    }
    fs.closeSync(logFd);
    if (!(opts.keepWorkDir ?? process.env.KEEP_E2E_WORK === '1')) {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  };

  try {
    await waitHealthy(url, child, opts.startTimeoutMs ?? 90_000, log);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    url,
    port,
    authority: `127.0.0.1:${port}`,
    dir,
    userDataDir,
    extensionsDir,
    logFile,
    process: child,
    folderUrl(folder: string, payload?: Array<[string, string]>) {
      const u = new URL(url);
      u.searchParams.set('folder', path.resolve(folder));
      if (payload?.length) u.searchParams.set('payload', JSON.stringify(payload));
      return u.toString();
    },
    log,
    stop,
  };
}

/** Make a fresh temp folder under test/e2e/.work with the given files (relative path -> content). */
export function makeWorkspace(files: Record<string, string>, prefix = 'ws-'): string {
  fs.mkdirSync(E2E_WORK_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(E2E_WORK_DIR, prefix));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}
