import type { CorpusCheck } from "./types.ts";

/**
 * The security rules' mapping to Polaris and kube-linter checks. Polaris's
 * `linuxHardening` is not mapped: it passes a pod that meets any one of seccomp, SELinux,
 * AppArmor or dropped capabilities, which none of our rules means on its own.
 */
export const SECURITY_CHECKS: CorpusCheck[] = [
  {
    rule: "kubernetes/privileged-container",
    polaris: ["runAsPrivileged"],
    kubeLinter: ["privileged-container"],
  },
  {
    rule: "kubernetes/privilege-escalation",
    polaris: ["privilegeEscalationAllowed"],
    kubeLinter: ["privilege-escalation-container"],
  },
  {
    rule: "kubernetes/run-as-root",
    polaris: ["runAsRootAllowed"],
    kubeLinter: ["run-as-non-root"],
  },
  {
    rule: "kubernetes/writable-root-filesystem",
    polaris: ["notReadOnlyRootFilesystem"],
    kubeLinter: ["no-read-only-root-fs"],
  },
  {
    rule: "kubernetes/capabilities-not-dropped",
    polaris: ["insecureCapabilities"],
    // kube-linter's check wants NET_RAW dropped and not added. It skips containers whose
    // `capabilities` is empty and reports the two containers that add NET_RAW twice each
    // (added, and not dropped); we report each of the four containers once for not
    // dropping ALL, and dangerous-capabilities reports the additions. The totals agree.
    kubeLinter: ["drop-net-raw-capability"],
    // Polaris accepts `All` and an explicit drop of every default capability; Pod Security
    // admission accepts neither, so only this option makes ours accept them.
    options: { requireAll: false },
  },
  {
    rule: "kubernetes/dangerous-capabilities",
    polaris: ["dangerousCapabilities"],
  },
  {
    rule: "kubernetes/host-namespaces",
    polaris: ["hostIPCSet", "hostPIDSet", "hostNetworkSet"],
    kubeLinter: ["host-ipc", "host-network", "host-pid"],
  },
  {
    rule: "kubernetes/host-path",
    polaris: ["hostPathSet"],
  },
  {
    rule: "kubernetes/sensitive-host-path",
    kubeLinter: ["sensitive-host-mounts", "docker-sock"],
  },
  {
    rule: "kubernetes/writable-host-path",
    kubeLinter: ["writable-host-mount"],
  },
  {
    rule: "kubernetes/host-port",
    polaris: ["hostPortSet"],
  },
  {
    rule: "kubernetes/service-account-token",
    polaris: ["automountServiceAccountToken"],
  },
  {
    rule: "kubernetes/secret-in-env",
    polaris: ["sensitiveContainerEnvVar"],
    kubeLinter: ["env-var-secret"],
  },
  {
    rule: "kubernetes/default-namespace",
    kubeLinter: ["use-namespace"],
  },
  {
    rule: "kubernetes/default-service-account",
    kubeLinter: ["default-service-account"],
  },
  {
    rule: "kubernetes/unmasked-proc-mount",
    polaris: ["procMount"],
    kubeLinter: ["unsafe-proc-mount"],
  },
  {
    rule: "kubernetes/windows-host-process",
    polaris: ["hostProcess"],
  },
];
