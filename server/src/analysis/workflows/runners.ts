/**
 * GitHub-hosted runner labels, hand-curated on 2026-12-01 from GitHub's "GitHub-hosted runners"
 * reference, and the labels GitHub has retired (jobs that ask for them never start).
 */
export const HOSTED_LABELS = new Set([
  "ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "ubuntu-slim",
  "windows-latest", "windows-2025", "windows-2022", "windows-11-arm",
  "macos-latest", "macos-26", "macos-15", "macos-14", "macos-13", "macos-15-intel",
  "macos-latest-large", "macos-26-large", "macos-15-large", "macos-14-large", "macos-13-large",
  "macos-latest-xlarge", "macos-26-xlarge", "macos-15-xlarge", "macos-14-xlarge", "macos-13-xlarge",
]);

export const RETIRED_LABELS: Record<string, string> = {
  "ubuntu-16.04": "ubuntu-latest", "ubuntu-18.04": "ubuntu-latest", "ubuntu-20.04": "ubuntu-latest",
  "windows-2016": "windows-latest", "windows-2019": "windows-latest",
  "macos-10.15": "macos-latest", "macos-11": "macos-latest", "macos-12": "macos-latest",
};

/** Labels of self-hosted runners that GitHub's runner application sets itself. */
export const SELF_HOSTED_LABELS = new Set(["self-hosted", "linux", "windows", "macos", "x64", "x86", "arm", "arm64"]);
