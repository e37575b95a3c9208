import type { CorpusCheck } from "./types.ts";

const NO_PORT_PROBE =
  "The failure file's container declares no port, and without one we cannot write a probe that is sure to pass: we only add a TCP check of a declared port. Polaris writes an exec probe that runs `cat /tmp/healthy`, which fails, and so restarts or never readies, any container without that file.";

/**
 * The reliability rules' mapping to Polaris and kube-linter checks. Polaris checks one
 * resource setting per check, so `container-resources` appears once per setting, told by
 * its `require` option to ask for that setting alone.
 */
export const RELIABILITY_CHECKS: CorpusCheck[] = [
  {
    rule: "kubernetes/container-resources",
    polaris: ["cpuRequestsMissing"],
    kubeLinter: ["unset-cpu-requirements"],
    options: { require: ["requests.cpu"] },
  },
  {
    rule: "kubernetes/container-resources",
    polaris: ["cpuLimitsMissing"],
    // Our own default CPU limit is 500m; the `defaults` option writes what Polaris writes.
    options: { require: ["limits.cpu"], defaults: { limits: { cpu: "100m" } } },
  },
  {
    rule: "kubernetes/container-resources",
    polaris: ["memoryRequestsMissing"],
    options: { require: ["requests.memory"] },
  },
  {
    rule: "kubernetes/container-resources",
    polaris: ["memoryLimitsMissing"],
    kubeLinter: ["unset-memory-requirements"],
    options: { require: ["limits.memory"] },
  },
  {
    rule: "kubernetes/missing-liveness-probe",
    polaris: ["livenessProbeMissing"],
    kubeLinter: ["no-liveness-probe"],
    // By default only containers that declare a port are judged; both tools judge every container.
    options: { onlyWithPorts: false },
    noFix: NO_PORT_PROBE,
  },
  {
    rule: "kubernetes/missing-readiness-probe",
    polaris: ["readinessProbeMissing"],
    kubeLinter: ["no-readiness-probe"],
    options: { onlyWithPorts: false },
    noFix: NO_PORT_PROBE,
  },
  {
    rule: "kubernetes/latest-image-tag",
    polaris: ["tagNotSpecified"],
    kubeLinter: ["latest-tag"],
  },
  {
    rule: "kubernetes/image-pull-policy",
    polaris: ["pullPolicyNotAlways"],
    // By default the rule only reports IfNotPresent on a mutable tag; Polaris wants Always everywhere.
    options: { always: true },
  },
  {
    rule: "kubernetes/min-replicas",
    polaris: ["deploymentMissingReplicas"],
    mutatedDiffers: "Polaris raises replicas to 3; the fix raises them to the configured minimum, 2 by default, the fewest that survive losing one pod.",
  },
  {
    rule: "kubernetes/min-replicas",
    kubeLinter: ["minimum-three-replicas"],
    options: { minReplicas: 3 },
  },
  {
    rule: "kubernetes/job-ttl",
    kubeLinter: ["job-ttl-seconds-after-finished"],
  },
  {
    rule: "kubernetes/duplicate-env",
    kubeLinter: ["duplicate-env-var"],
  },
];
