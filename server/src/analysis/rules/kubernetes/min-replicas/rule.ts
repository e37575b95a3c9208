import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { editsOf, replaceScalar, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { integerOf, objectsIn } from "../../../kubernetes/reliability/objects.ts";

interface Data {
  kind: string;
  replicas: number;
  minimum: number;
  replacement?: Replacement;
}

const DEFAULT_MINIMUM = 2;

/** Kinds whose replicas are interchangeable copies; a StatefulSet of one is usually a database meant to be single. */
const KINDS = new Set(["Deployment", "DeploymentConfig"]);

export default defineRule<Data>({
  id: "kubernetes/min-replicas",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A Deployment asks for fewer replicas than the minimum (2 by default).",
    why:
      "With one replica, every node drain, eviction, crash or rollout of a Recreate strategy leaves the Deployment with no pod to serve. Two replicas on different nodes survive the loss of one. Only a `replicas` that is written is judged: when it is left out an autoscaler usually owns it, and `replicas: 0` is a deliberate scale-down. The rule is not in the recommended set because single replicas are the norm in development; set the option `minReplicas` to ask for more than 2.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
  },
  check({ file, document, options, report }) {
    const minimum = typeof options.minReplicas === "number" && Number.isInteger(options.minReplicas) && options.minReplicas > 0 ? options.minReplicas : DEFAULT_MINIMUM;
    for (const object of objectsIn(document)) {
      if (!KINDS.has(object.kind)) continue;
      const node = getIn(object.map, ["spec", "replicas"]);
      const replicas = integerOf(node);
      if (replicas === undefined || replicas <= 0 || replicas >= minimum) continue;
      const data: Data = { kind: object.kind, replicas, minimum };
      const replacement = replaceScalar(node as Parameters<typeof replaceScalar>[0], String(minimum), file.text, true);
      if (replacement) data.replacement = replacement;
      const loss = replicas === 1 ? "a node drain or a crash that takes its only pod leaves nothing to serve" : `losing a pod to a node drain or a crash leaves ${replicas - 1} to carry the load`;
      report({
        at: [node!.range![0], node!.range![1]],
        message: `This ${object.kind} runs ${replicas} ${replicas === 1 ? "replica" : "replicas"}, fewer than ${minimum}: ${loss}.`,
        data,
      });
    }
  },
  fix(data, context) {
    const edits = data.replacement ? editsOf([data.replacement], context) : undefined;
    return edits ? [{ title: `Set replicas to ${data.minimum}`, safe: false, edits }] : [];
  },
});
