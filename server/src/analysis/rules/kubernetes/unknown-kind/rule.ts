import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { schemaReportOf } from "../../../kubernetes/schema/document-issues.ts";
import { servedTypes, type ResourceNode } from "../../../kubernetes/resources.ts";
import { closestMatches } from "../../../text/similar.ts";
import type { KubernetesEnvironment } from "../../../kubernetes/environment.ts";
import type { TextEdit } from "../../../types.ts";
import { deprecatedApi } from "../../../kubernetes/api-versions/lifecycle.ts";

interface Data {
  fixes: Array<{ title: string; safe: boolean; edits: TextEdit[] }>;
}

export default defineRule<Data>({
  id: "kubernetes/unknown-kind",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A resource without `apiVersion` or `kind`, or with a pair the target Kubernetes version does not serve.",
    why:
      "kubectl refuses an object it cannot map to a served resource type, so a typo in `kind` or a Deployment under `v1` fails the whole apply. Custom resources are not reported here: their groups belong to CRDs.",
    invalid: {
      path: "deployment.yaml",
      text: "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n",
    },
    valid: {
      path: "deployment.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
  },
  check(context) {
    const { report, file, kubernetes } = context;
    for (const resource of schemaReportOf(context).resources) {
      const resolution = resource.resolution;
      if (resolution.status === "missing") {
        const fixes = resolution.fields.length === 1 && resolution.fields[0] === "apiVersion" ? insertApiVersion(resource, kubernetes, file.text, file.lines) : [];
        const anchor = (resource.kind?.pair.key ?? resource.apiVersion?.pair.key ?? resource.map.items[0]?.key ?? resource.map) as Node;
        report({
          at: [anchor.range![0], anchor.range![1]],
          message: `The resource has no ${resolution.fields.join(" and no ")}, so Kubernetes cannot tell what it is.`,
          data: { fixes },
        });
      } else if (resolution.status === "not-served" && !deprecatedApi(resolution.apiVersion, resolution.kind)) {
        // Removed APIs are the deprecated-api rule's, which knows their migration.
        const { message, fixes } = explainNotServed(resource, resolution.apiVersion, resolution.kind, kubernetes, file.lines);
        const at = resource.kind && !fixes.some((fix) => fix.title.startsWith("Change apiVersion")) ? resource.kind.at : resource.apiVersion!.at;
        report({ at, message, data: { fixes } });
      }
    }
  },
  fix(data) {
    return data.fixes;
  },
});

function explainNotServed(
  resource: ResourceNode,
  apiVersion: string,
  kind: string,
  kubernetes: KubernetesEnvironment,
  lines: { rangeOf(start: number, end: number): TextEdit["range"] },
): { message: string; fixes: Data["fixes"] } {
  // The schemas judged are the bundled version's, so that is the one named, with the request beside it.
  const version = kubernetes.requestedVersion ? `${kubernetes.version} (the nearest bundled to ${kubernetes.requestedVersion})` : kubernetes.version;
  const served = servedTypes(kubernetes);
  const homes = [...new Set(served.filter((type) => type.kind === kind).map((type) => type.apiVersion))];
  if (homes.length > 0) {
    return {
      message: `${kind} is not served as ${apiVersion} in Kubernetes ${version}; it is served as ${homes.join(" and ")}.`,
      fixes: homes.map((home) => ({
        title: `Change apiVersion to ${home}`,
        safe: homes.length === 1,
        edits: [{ range: lines.rangeOf(...resource.apiVersion!.at), newText: home }],
      })),
    };
  }
  const kindsHere = served.filter((type) => type.apiVersion === apiVersion).map((type) => type.kind);
  const candidates = kindsHere.length > 0 ? kindsHere : served.map((type) => type.kind);
  const suggestions = closestMatches(kind, new Set(candidates));
  const where = kindsHere.length > 0 ? `${apiVersion} has no kind ${kind}` : `${apiVersion} is not served`;
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions[0]}?` : "";
  return {
    message: `${where} in Kubernetes ${version}.${hint}`,
    fixes: suggestions.flatMap((suggestion) => {
      const edits: TextEdit[] = [{ range: lines.rangeOf(...resource.kind!.at), newText: suggestion }];
      const suggestionHomes = served.filter((type) => type.kind === suggestion).map((type) => type.apiVersion);
      if (!suggestionHomes.includes(apiVersion)) {
        if (suggestionHomes.length !== 1) return [];
        edits.push({ range: lines.rangeOf(...resource.apiVersion!.at), newText: suggestionHomes[0]! });
      }
      return [{ title: `Change kind to ${suggestion}`, safe: false, edits }];
    }),
  };
}

/** With only `apiVersion` missing, a kind served under exactly one apiVersion says which. */
function insertApiVersion(resource: ResourceNode, kubernetes: KubernetesEnvironment, text: string, lines: { rangeOf(start: number, end: number): TextEdit["range"]; eol: string }): Data["fixes"] {
  const kind = resource.kind!.value;
  const homes = [...new Set(servedTypes(kubernetes).filter((type) => type.kind === kind).map((type) => type.apiVersion))];
  if (homes.length !== 1) return [];
  const first = resource.map.items[0]!.key as Node;
  const start = first.range![0];
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return [];
  return [{ title: `Add apiVersion: ${homes[0]}`, safe: true, edits: [{ range: lines.rangeOf(start, start), newText: `apiVersion: ${homes[0]}${lines.eol}${indent}` }] }];
}
