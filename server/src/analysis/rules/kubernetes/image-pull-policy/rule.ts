import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { insertIntoBlockMap } from "../../../edits/block-map.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { editsOf, plainString, replaceScalar, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { workloadsIn, isUnset } from "../../../kubernetes/reliability/objects.ts";
import { imageOf, isMutableImage } from "../../../kubernetes/reliability/image.ts";
import { containerAnchor, containerName } from "../../../kubernetes/reliability/containers.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  container: string;
  /** The policy written, when there is one. */
  policy?: string;
  /** Rewrites the written policy to `Always`. */
  replacement?: Replacement;
  /** Adds `imagePullPolicy: Always` to a container that has none. */
  insertion?: PlannedEdits;
}

const POLICIES = new Set(["Always", "IfNotPresent", "Never"]);

export default defineRule<Data>({
  id: "kubernetes/image-pull-policy",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: false,
  docs: {
    summary: "A container pulls a `latest` or untagged image only when the node does not have it yet.",
    why:
      "With `imagePullPolicy: IfNotPresent`, a node runs whatever image it pulled first under a tag. For a pinned tag that is right and saves a pull; for `latest` or no tag, each node keeps its own old build, so a push reaches only new nodes and pods of one workload run different code. Kubernetes already pulls such images on every start when no policy is written. The rule is not in the recommended set because the image tag rule reports these images already, and local clusters (kind, minikube) use this very setting on purpose. With the option `always: true` it asks every container for `imagePullPolicy: Always`, which makes each start check the registry's credentials too.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: example/web:latest\n      imagePullPolicy: IfNotPresent\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: example/web:2.4.1\n      imagePullPolicy: IfNotPresent\n",
    },
  },
  check({ file, document, options, report }) {
    const always = options.always === true;
    for (const workload of workloadsIn(document)) {
      for (const { container } of containersOf(workload.podSpec)) {
        const name = containerName(container);
        const policyNode = getNode(container, "imagePullPolicy");
        if (isUnset(policyNode)) {
          // Kubernetes pulls `latest` and untagged images on every start when no policy is written.
          if (!always) continue;
          const data: Data = { container: name };
          const insertion = planEdits(insertIntoBlockMap(container, { imagePullPolicy: "Always" }, file.lines), container, file.text);
          if (insertion) data.insertion = insertion;
          report({ at: containerAnchor(container), message: `Container "${name}" does not set imagePullPolicy; this workspace asks for Always, so that every start pulls the image and checks the registry's credentials.`, data });
          continue;
        }
        const policy = plainString(policyNode);
        // An unknown policy is the enum rule's to report.
        if (!policy || policy.value === "Always" || !POLICIES.has(policy.value)) continue;
        const data: Data = { container: name, policy: policy.value };
        const replacement = replaceScalar(policy, "Always", file.text);
        if (replacement) data.replacement = replacement;
        if (always) {
          report({ at: [policy.range![0], policy.range![1]], message: `Container "${name}" pulls its image with ${policy.value}; this workspace asks for Always, so that every start pulls the image and checks the registry's credentials.`, data });
          continue;
        }
        const image = imageOf(getNode(container, "image"));
        if (policy.value !== "IfNotPresent" || !image || !isMutableImage(image.value)) continue;
        report({
          at: [policy.range![0], policy.range![1]],
          message: `Container "${name}" pulls "${image.value}" only if the node lacks it: each node keeps the build it pulled first under that tag, so pods can run different code and a push never reaches nodes that have an older one.`,
          data,
        });
      }
    }
  },
  fix(data, context) {
    const edits = data.replacement ? editsOf([data.replacement], context) : plannedEditsIn(data.insertion, context);
    return edits ? [{ title: "Set imagePullPolicy to Always", safe: false, edits }] : [];
  },
});
