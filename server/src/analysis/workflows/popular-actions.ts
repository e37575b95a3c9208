/**
 * Popular actions, hand-curated on 2026-12-01 from each action's release notes and action.yml:
 * the major to move to, the majors whose runtime (node12, node16) GitHub's runners no longer
 * provide or whose backing service is retired, and the inputs of current majors.
 * Re-check this table when a popular action releases a new major.
 */
export const TABLE_DATE = "2026-12-01";

export interface PopularAction {
  /** A supported major to bump to. */
  current: number;
  /** Majors that no longer run: node12/node16 runtimes, or a service GitHub shut down. */
  outdated: Record<number, "node12" | "node16" | "retired">;
  /** Inputs of majors >= `inputsSince`; `required` ones have no default. */
  inputs?: { since: number; names: string[]; required?: string[]; acceptsAny?: boolean };
  /** Outputs of majors >= `inputs.since`. */
  outputs?: string[];
}

const node = (n12: number[], n16: number[]): Record<number, "node12" | "node16"> => Object.fromEntries([...n12.map((major) => [major, "node12"]), ...n16.map((major) => [major, "node16"])]);
const retired = (majors: number[]): Record<number, "retired"> => Object.fromEntries(majors.map((major) => [major, "retired"]));

export const POPULAR_ACTIONS: Record<string, PopularAction> = {
  "actions/checkout": {
    outputs: ["ref", "commit"],
    current: 5,
    outdated: node([1, 2], [3]),
    inputs: {
      since: 4,
      names: ["repository", "ref", "token", "ssh-key", "ssh-known-hosts", "ssh-strict", "ssh-user", "persist-credentials", "path", "clean", "filter", "sparse-checkout", "sparse-checkout-cone-mode", "fetch-depth", "fetch-tags", "show-progress", "lfs", "submodules", "set-safe-directory", "github-server-url"],
    },
  },
  "actions/setup-node": {
    outputs: ["cache-hit", "node-version"],
    current: 5,
    outdated: node([1, 2], [3]),
    inputs: { since: 4, names: ["always-auth", "node-version", "node-version-file", "architecture", "check-latest", "registry-url", "scope", "token", "cache", "package-manager-cache", "cache-dependency-path", "mirror", "mirror-token"] },
  },
  "actions/setup-python": {
    outputs: ["python-version", "cache-hit", "python-path", "pip-version"],
    current: 5,
    outdated: node([1, 2], [3, 4]),
    inputs: { since: 5, names: ["python-version", "python-version-file", "cache", "architecture", "check-latest", "token", "cache-dependency-path", "update-environment", "allow-prereleases", "freethreaded", "pip-version", "pip-install"] },
  },
  "actions/setup-go": {
    outputs: ["go-version", "cache-hit"],
    current: 5,
    outdated: node([1, 2], [3]),
    inputs: { since: 5, names: ["go-version", "go-version-file", "check-latest", "token", "cache", "cache-dependency-path", "architecture", "download-base-url"] },
  },
  "actions/setup-java": {
    outputs: ["distribution", "version", "path", "cache-hit"],
    current: 4,
    outdated: node([1], [2, 3]),
    inputs: {
      since: 4,
      names: ["java-version", "java-version-file", "distribution", "java-package", "architecture", "jdkFile", "check-latest", "server-id", "server-username", "server-password", "settings-path", "overwrite-settings", "gpg-private-key", "gpg-passphrase", "cache", "cache-dependency-path", "job-status", "token", "mvn-toolchain-id", "mvn-toolchain-vendor"],
      required: ["distribution"],
    },
  },
  "actions/setup-dotnet": { current: 4, outdated: node([1], [2, 3]) },
  "actions/cache": {
    outputs: ["cache-hit"],
    current: 4,
    outdated: { ...node([1, 2], [3]) },
    inputs: { since: 4, names: ["path", "key", "restore-keys", "upload-chunk-size", "enableCrossOsArchive", "fail-on-cache-miss", "lookup-only", "save-always"], required: ["path", "key"] },
  },
  "actions/upload-artifact": {
    outputs: ["artifact-id", "artifact-url", "artifact-digest"],
    current: 4,
    outdated: retired([1, 2, 3]),
    inputs: { since: 4, names: ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files"], required: ["path"] },
  },
  "actions/download-artifact": {
    outputs: ["download-path"],
    current: 4,
    outdated: retired([1, 2, 3]),
    inputs: { since: 4, names: ["name", "path", "pattern", "merge-multiple", "github-token", "repository", "run-id", "artifact-ids"] },
  },
  "actions/github-script": {
    // No outputs list: a script sets any output it likes through core.setOutput.
    current: 7,
    outdated: node([1, 2, 3, 4, 5], [6]),
    inputs: { since: 7, names: ["script", "github-token", "debug", "user-agent", "previews", "result-encoding", "retries", "retry-exempt-status-codes", "base-url"], required: ["script"] },
  },
  "octokit/request-action": {
    // Every input besides route is a parameter of the request, so any name is right; the outputs are fixed.
    outputs: ["data", "status", "headers"],
    current: 2,
    outdated: {},
    inputs: { since: 2, names: ["route"], required: ["route"], acceptsAny: true },
  },
  "actions/stale": { current: 9, outdated: node([1, 2, 3], [4, 5, 6, 7, 8]) },
  "actions/labeler": { current: 5, outdated: node([1, 2, 3], [4]) },
  "actions/upload-pages-artifact": { current: 3, outdated: retired([1, 2]) },
  "actions/deploy-pages": { current: 4, outdated: node([], [1, 2, 3]) },
  "actions/configure-pages": { current: 5, outdated: node([1], [2, 3]) },
  "github/codeql-action": { current: 3, outdated: retired([1, 2]) },
  "docker/build-push-action": { current: 6, outdated: node([1, 2], [3, 4]) },
  "docker/login-action": { current: 3, outdated: node([1], [2]) },
  "docker/setup-buildx-action": { current: 3, outdated: node([1], [2]) },
  "docker/setup-qemu-action": { current: 3, outdated: node([1], [2]) },
  "docker/metadata-action": { current: 5, outdated: node([1, 2, 3], [4]) },
  "peter-evans/create-pull-request": { current: 7, outdated: node([1, 2, 3], [4, 5]) },
  "aws-actions/configure-aws-credentials": { current: 4, outdated: node([1], [2, 3]) },
  "azure/login": { current: 2, outdated: node([], [1]) },
  "google-github-actions/auth": { current: 2, outdated: node([0], [1]) },
};

export interface ActionRef {
  /** `owner/repo`, lower-cased, without a sub-path. */
  name: string;
  /** The major of a `vN`, `vN.M`, `vN.M.P` or `vN.x` ref; `undefined` for another branch or a SHA. */
  major: number | undefined;
  ref: string;
  /** Offset of the ref inside the `uses` string. */
  refAt: number;
}

export function parseActionRef(uses: string): ActionRef | undefined {
  const match = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(\/[^@]*)?@(.+)$/.exec(uses);
  if (!match || uses.startsWith("./") || uses.startsWith("docker://")) return undefined;
  const ref = match[3]!;
  const version = /^v(\d+)((\.\d+){0,2}|\.x)$/.exec(ref);
  return { name: (match[1]! + (match[2] ?? "")).toLowerCase(), major: version ? Number(version[1]) : undefined, ref, refAt: uses.length - ref.length };
}
