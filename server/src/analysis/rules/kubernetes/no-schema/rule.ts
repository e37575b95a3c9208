import { defineRule } from "../../define-rule.ts";
import { resourcesOf } from "../../../kubernetes/resources.ts";

interface Data {
  group: string;
  kind: string;
}

export default defineRule<Data>({
  id: "kubernetes/no-schema",
  appliesTo: ["manifest"],
  scope: "file",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A custom resource whose schema is unknown: no CRD in the workspace defines its group and kind.",
    why:
      "Shipshape validates custom resources against the CRDs it finds in the workspace. Without one, typos in the resource go unnoticed until the API server sees them; this note says so once per kind and file instead of staying silent.",
    invalid: {
      path: "certificate.yaml",
      text: "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n",
    },
    valid: {
      path: "certificate.yaml",
      text:
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: certificates.cert-manager.io\nspec:\n  group: cert-manager.io\n  names:\n    kind: Certificate\n    plural: certificates\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          x-kubernetes-preserve-unknown-fields: true\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n",
    },
  },
  check({ file, kubernetes, report }) {
    const seen = new Set<string>();
    for (const document of file.documents) {
      if (document.kind !== "manifest" || document.yaml.errors.length > 0) continue;
      for (const resource of resourcesOf(document.yaml.contents, kubernetes)) {
        const resolution = resource.resolution;
        if (resolution.status !== "unknown-custom" || !resource.apiVersion) continue;
        const key = `${resolution.group}/${resolution.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({
          at: resource.apiVersion.at,
          message: `No schema for ${resolution.group}/${resolution.kind}: add its CustomResourceDefinition to the workspace to have it validated.`,
          data: { group: resolution.group, kind: resolution.kind },
        });
      }
    }
  },
});
