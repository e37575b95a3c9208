import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, scalarString } from "../../../documents/ast.ts";
import { deprecationAt, type ApiDeprecation } from "../../../kubernetes/api-versions/lifecycle.ts";
import { NEWEST_KNOWN_VERSION } from "../../../kubernetes/api-versions/deprecated-apis.ts";
import type { Fix } from "../../../types.ts";
import { migrationFor } from "./migrate.ts";

interface Data {
  apiVersion: string;
  kind: string;
  /** The migration, built at check time from the text it edits; absent when there is nothing to move to. */
  migration?: Fix;
}

export default defineRule<Data>({
  id: "kubernetes/deprecated-api",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A resource uses an apiVersion that the target Kubernetes version deprecates or no longer serves.",
    why:
      "Kubernetes stops serving beta API versions a few releases after their replacement ships, and from then on kubectl and Helm fail on every manifest that still uses them. " +
      "A removed version is an error, a deprecated one still served is a warning. The target is `kubernetesVersion` in `.shipshape.yaml`, the editor setting or `--kubernetes-version`, else the newest version Shipshape knows. " +
      "The quick-fix migrates the whole resource, not only the apiVersion: Ingress backends become `service.name`/`service.port` with a `pathType`, v2beta1 autoscaler metrics get `target` and `metric`, and apps/v1 workloads get the `spec.selector` they now require, copied from the pod labels. " +
      "A fix is marked safe only when the new version means the same thing: moving a PodDisruptionBudget to policy/v1 is not safe when its selector is empty, because an empty selector then selects every pod instead of none, and older workload versions had different defaults (update strategy, revision history). " +
      "PodSecurityPolicy has no successor; use Pod Security Admission instead.",
    invalid: {
      path: "ingress.yaml",
      text:
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            backend:\n              serviceName: shop\n              servicePort: 80\n",
    },
    valid: {
      path: "ingress.yaml",
      text:
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: shop\n                port:\n                  number: 80\n",
    },
  },
  check({ file, document, kubernetes, report }) {
    const root = document!.yaml.contents;
    const apiVersionNode = getNode(root, "apiVersion");
    const apiVersion = scalarString(apiVersionNode);
    const kind = scalarString(getNode(root, "kind"));
    if (!isScalar(apiVersionNode) || !apiVersionNode.range || apiVersion === undefined || kind === undefined) return;
    // The version asked for matters here, not the nearest one with bundled schemas.
    const target = kubernetes.requestedVersion ?? kubernetes.version ?? NEWEST_KNOWN_VERSION;
    const deprecation = deprecationAt(apiVersion, kind, target);
    if (!deprecation) return;

    const data: Data = { apiVersion, kind };
    if (deprecation.replacement) {
      const migration = migrationFor({
        root,
        apiVersion: apiVersionNode,
        from: apiVersion,
        to: deprecation.replacement,
        kind,
        hops: deprecation.hops,
        lines: file.lines,
      });
      if (migration) data.migration = migration;
    }
    report({
      at: [apiVersionNode.range[0], apiVersionNode.range[1]],
      message: messageFor(apiVersion, kind, deprecation),
      data,
      severity: deprecation.status === "removed" ? "error" : "warning",
      tags: ["deprecated"],
    });
  },
  fix(data) {
    return data.migration ? [data.migration] : [];
  },
});

function messageFor(apiVersion: string, kind: string, deprecation: ApiDeprecation): string {
  const { api, status, replacement, pending, instead } = deprecation;
  const state =
    status === "removed"
      ? `${kind} ${apiVersion} was removed in Kubernetes ${api.removedIn}`
      : `${kind} ${apiVersion} is deprecated since Kubernetes ${api.deprecatedIn} and removed in ${api.removedIn}`;
  if (replacement) return `${state}; use ${replacement}.`;
  if (pending) return `${state}; move to ${pending.apiVersion} once the cluster runs Kubernetes ${pending.since} or later.`;
  if (instead) return `${state} and has no replacement API; use ${instead} instead.`;
  return `${state}.`;
}
