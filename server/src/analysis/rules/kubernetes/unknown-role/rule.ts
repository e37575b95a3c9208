import type { Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { spanOf } from "../../../kubernetes/selector-nodes.ts";
import { absenceIsTelling, plainName, replacementFixes, suggestReplacements, type SuggestedReplacement } from "../../../kubernetes/reference-rules.ts";
import { closestMatches } from "../../../text/similar.ts";

interface Data {
  kind: string;
  name: string;
  suggestions: SuggestedReplacement[];
}

/** ClusterRoles every cluster has, which no workspace defines (besides `system:*`). */
const BUILT_IN_CLUSTER_ROLES = new Set(["cluster-admin", "admin", "edit", "view"]);

/** Roles the control plane creates in its namespaces (besides `system:*`). */
const BUILT_IN_ROLES: Readonly<Record<string, readonly string[]>> = { "kube-system": ["extension-apiserver-authentication-reader"] };

export default defineRule<Data>({
  id: "kubernetes/unknown-role",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A RoleBinding or ClusterRoleBinding refers to a Role or ClusterRole that is not in the workspace.",
    why:
      "A binding to a missing role grants nothing, and Kubernetes accepts it: the subjects' requests fail with 403 until someone reads the binding closely. The role may be created elsewhere, so a missing one is a note, given when a close name suggests a typo, or when the whole workspace is known and holds other roles of that kind (or this Role in another namespace); the built-in ClusterRoles (`cluster-admin`, `admin`, `edit`, `view`, `system:*`) and the control plane's Roles in `kube-system` always exist. A RoleBinding that names as a Role what is a ClusterRole is a warning, and a ClusterRoleBinding that names a Role is an error, because the API server rejects it.",
    invalid: {
      path: "rbac.yaml",
      text: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: pod-reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\nsubjects:\n  - kind: ServiceAccount\n    name: monitor\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pods-reader\n",
    },
    valid: {
      path: "rbac.yaml",
      text: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: pod-reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [pods]\n    verbs: [get, list]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\nsubjects:\n  - kind: ServiceAccount\n    name: monitor\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      if (resource.kind !== "RoleBinding" && resource.kind !== "ClusterRoleBinding") continue;
      const kindNode = plainName(getIn(resource.node, ["roleRef", "kind"]));
      const nameNode = plainName(getIn(resource.node, ["roleRef", "name"]));
      if (!kindNode || !nameNode || (kindNode.value !== "Role" && kindNode.value !== "ClusterRole")) continue;
      const kind = kindNode.value;
      const name = nameNode.value;
      const clusterRoleExists = isBuiltIn(name) || workspace.find("ClusterRole", "", name).length > 0;
      const toClusterRole = (at: Scalar) => suggestReplacements(at, ["ClusterRole"], () => `Refer to ClusterRole ${name}`, file.text);
      if (kind === "Role" && resource.kind === "ClusterRoleBinding") {
        report({
          at: spanOf(kindNode),
          message: `A ClusterRoleBinding can only refer to a ClusterRole; the API server rejects a Role here.`,
          data: { kind, name, suggestions: toClusterRole(kindNode) },
          severity: "error",
        });
        continue;
      }
      const namespace = kind === "Role" ? resource.namespace : "";
      if (kind === "ClusterRole" ? clusterRoleExists : isBuiltInRole(name, namespace) || workspace.find("Role", namespace, name).length > 0) continue;
      if (kind === "Role" && clusterRoleExists) {
        report({
          at: spanOf(kindNode),
          message: `There is no Role ${name} in namespace ${namespace}, but there is a ClusterRole of that name.`,
          data: { kind, name, suggestions: toClusterRole(kindNode) },
          severity: "warning",
        });
        continue;
      }
      const known = workspace.inNamespace(kind, namespace).map((role) => role.name);
      const names = closestMatches(name, new Set(kind === "ClusterRole" ? [...known, ...BUILT_IN_CLUSTER_ROLES] : known), 3, "name");
      const elsewhere = kind === "Role" ? [...new Set(workspace.ofKind("Role").filter((role) => role.name === name).map((role) => role.namespace))] : [];
      if (!absenceIsTelling(workspace, known.length, names.length > 0, elsewhere.length > 0)) continue;
      const where =
        elsewhere.length > 0 ? ` It exists in namespace ${elsewhere.join(", ")}, but a RoleBinding can only refer to a Role of its own.`
        : workspace.complete ? " It may be created outside this workspace."
        : "";
      report({
        at: spanOf(nameNode),
        message: `${kind} ${name} is not ${kind === "Role" ? `in namespace ${namespace} of` : "in"} this workspace, so this binding grants nothing.${where}${names.length > 0 ? ` Did you mean ${names[0]}?` : ""}`,
        data: { kind, name, suggestions: suggestReplacements(nameNode, names, (other) => `Refer to ${kind} ${other}`, file.text) },
      });
    }
  },
  fix(data, context) {
    return replacementFixes(data.suggestions, context);
  },
});

function isBuiltIn(name: string): boolean {
  return BUILT_IN_CLUSTER_ROLES.has(name) || name.startsWith("system:");
}

function isBuiltInRole(name: string, namespace: string): boolean {
  return name.startsWith("system:") || (BUILT_IN_ROLES[namespace] ?? []).includes(name);
}
