import { defineRule } from "../../define-rule.ts";
import { chartMap, keySpan } from "../../../helm/metadata-fields.ts";
import { dependencyEntries, isVendored } from "../../../helm/dependencies.ts";

interface Data {
  name: string;
}

export default defineRule<Data>({
  id: "helm/dependency-not-found",
  appliesTo: ["chart-metadata"],
  scope: "document",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A chart dependency is neither in `charts/` nor locked in `Chart.lock`.",
    why:
      "`helm install` and `helm template` fail with a missing dependency until `helm dependency build` (or `update`) fetches it. The values this chart gives the dependency cannot be checked until it is there.",
    invalid: { path: "chart/Chart.yaml", text: "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n" },
    valid: {
      path: "chart/Chart.yaml",
      text: "apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n    repository: oci://registry-1.docker.io/bitnamicharts\n",
      files: [{ path: "chart/Chart.lock", text: "dependencies:\n  - name: redis\n    repository: oci://registry-1.docker.io/bitnamicharts\n    version: 18.1.0\n" }],
    },
  },
  check({ document, chart, report }) {
    const map = chartMap(document!);
    if (!map) return;
    for (const entry of dependencyEntries(map)) {
      if (entry.name === undefined || entry.repository === undefined) continue;
      // A `file://` dependency is a folder beside the chart, which `helm dependency build` copies.
      if (entry.repository.startsWith("file://")) continue;
      if (isVendored(chart, entry.name) || chart?.lockedDependencies?.includes(entry.name)) continue;
      report({
        at: keySpan(entry.anchor),
        message: `The dependency ${entry.name} is not in charts/ and not in Chart.lock, so Helm cannot render the chart until helm dependency build fetches it.`,
        data: { name: entry.name },
      });
    }
  },
});
