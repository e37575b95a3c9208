import { isMap, type Pair, type Scalar, type YAMLMap } from "yaml";
import { getNode, getPair, scalarString, type AnyNode } from "../../documents/ast.ts";
import { plainString } from "../values/scalars.ts";
import { mapsOf } from "../values/walk.ts";
import type { PodSite } from "./pods.ts";

/** A volume of a pod that mounts a path of the node. */
export interface HostPathVolume {
  name: string | undefined;
  volume: YAMLMap<Scalar, AnyNode>;
  /** The `hostPath` entry of the volume. */
  pair: Pair<Scalar, AnyNode>;
  /** The `path` scalar, when it is a plain string. */
  path: (Scalar & { value: string }) | undefined;
}

/** Why a path of the node is sensitive, and whether it hands over the node outright. */
export interface Sensitivity {
  what: string;
  nodeTakeover: boolean;
}

/** The pod's `hostPath` volumes. */
export function hostPathVolumesOf(pod: PodSite): HostPathVolume[] {
  return mapsOf(getNode(pod.spec, "volumes")).flatMap((volume) => {
    const pair = getPair(volume, "hostPath");
    if (!pair || !pair.key?.range) return [];
    const path = plainString(getNode(pair.value, "path"));
    return [{ name: scalarString(getNode(volume, "name")), volume, pair, path: isMap(pair.value) ? path : undefined }];
  });
}

/** Why mounting a node path is dangerous, or `undefined` for paths that are not known to be. */
export function sensitivityOf(path: string): Sensitivity | undefined {
  const normalized = normalize(path);
  if (SOCKET_NAMES.some((name) => normalized === name || normalized.endsWith(`/${name}`))) {
    return { what: "the container runtime's socket: whoever can reach it can start a privileged container on the node", nodeTakeover: true };
  }
  for (const entry of SENSITIVE_PATHS) {
    if (normalized === entry.path || (entry.below && normalized.startsWith(`${entry.path}/`))) return { what: entry.what, nodeTakeover: entry.nodeTakeover };
  }
  return undefined;
}

const SOCKET_NAMES = ["docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "podman.sock", "dockershim.sock"];

/** Node paths whose contents control the node or hold its secrets; `below` covers everything under them too. */
const SENSITIVE_PATHS: ReadonlyArray<{ path: string; below: boolean; nodeTakeover: boolean; what: string }> = [
  { path: "/", below: false, nodeTakeover: true, what: "the node's whole filesystem" },
  { path: "/var/run", below: false, nodeTakeover: true, what: "the node's runtime directory, with the container runtime's socket" },
  { path: "/run", below: false, nodeTakeover: true, what: "the node's runtime directory, with the container runtime's socket" },
  { path: "/var/run/docker", below: true, nodeTakeover: true, what: "the Docker daemon's runtime directory" },
  { path: "/run/containerd", below: true, nodeTakeover: true, what: "containerd's runtime directory, with its socket" },
  { path: "/var/run/containerd", below: true, nodeTakeover: true, what: "containerd's runtime directory, with its socket" },
  { path: "/run/crio", below: true, nodeTakeover: true, what: "CRI-O's runtime directory, with its socket" },
  { path: "/var/run/crio", below: true, nodeTakeover: true, what: "CRI-O's runtime directory, with its socket" },
  { path: "/var/lib/kubelet", below: true, nodeTakeover: false, what: "the kubelet's directory, with the kubelet's credentials and every pod's secrets" },
  { path: "/etc/kubernetes", below: true, nodeTakeover: true, what: "the node's Kubernetes configuration, with cluster certificates and kubeconfigs" },
  { path: "/var/lib/etcd", below: true, nodeTakeover: true, what: "etcd's data, which holds every Secret of the cluster" },
  { path: "/etc", below: false, nodeTakeover: false, what: "the node's configuration, with its users, passwords and SSH settings" },
  { path: "/root", below: true, nodeTakeover: false, what: "the home of the node's root user" },
  { path: "/home", below: false, nodeTakeover: false, what: "the home directories of the node's users" },
  { path: "/proc", below: true, nodeTakeover: false, what: "the node's process and kernel interface" },
  { path: "/sys", below: true, nodeTakeover: false, what: "the node's kernel and device interface" },
  { path: "/dev", below: false, nodeTakeover: false, what: "the node's devices" },
  { path: "/boot", below: false, nodeTakeover: false, what: "the node's kernel and boot loader" },
  { path: "/var/lib", below: false, nodeTakeover: false, what: "the state of every service on the node" },
  ...["/usr", "/bin", "/sbin", "/lib", "/lib64"].map((path) => ({ path, below: false, nodeTakeover: false, what: "the node's system programs and libraries" })),
];

/** `/etc/` and `//etc` are `/etc`. */
function normalize(path: string): string {
  const collapsed = path.trim().replace(/\/{2,}/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, "") : collapsed;
}
