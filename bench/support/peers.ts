import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Where the peers come from. The intended home is a devDependency of the repository; until
 * it is added, a trial install in a scratch folder (`npm i --prefix /tmp/peers ...`) is used,
 * and without either the peer column says "peer not installed" instead of failing the run.
 */
export const REPO_ROOT = resolve(__dirname, "..", "..");
export const SCRATCH_PEERS = process.env.BENCH_PEERS_DIR ?? "/tmp/peers";

export interface Peer {
  name: string;
  version: string;
  /** The package's folder. */
  dir: string;
  /** Where it was found: "devDependency" or the scratch folder. */
  source: string;
}

/** Finds an installed package by name, preferring the repository's own node_modules. */
export function findPeer(name: string): Peer | undefined {
  const candidates: Array<[string, string]> = [
    [join(REPO_ROOT, "node_modules", name), "devDependency"],
    [join(SCRATCH_PEERS, "node_modules", name), SCRATCH_PEERS],
  ];
  for (const [dir, source] of candidates) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? "?";
    return { name, version, dir, source };
  }
  return undefined;
}

export function peerLabel(peer: Peer | undefined, fallbackName: string): string {
  return peer === undefined ? fallbackName : `${peer.name}@${peer.version}`;
}

/** A file inside a peer's package; a missing one means the install is broken, which the run should say plainly. */
export function peerFile(peer: Peer, relative: string): string {
  const path = join(peer.dir, relative);
  if (!existsSync(path)) throw new Error(`${peer.name}@${peer.version} in ${peer.dir} has no ${relative}.`);
  return path;
}
