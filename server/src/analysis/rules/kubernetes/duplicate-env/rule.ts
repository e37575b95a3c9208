import { isScalar, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asSeq, getNode } from "../../../documents/ast.ts";
import { containersOf } from "../../../kubernetes/workloads.ts";
import { plainString } from "../../../kubernetes/values/scalars.ts";
import { workloadsIn } from "../../../kubernetes/reliability/objects.ts";
import { containerName } from "../../../kubernetes/reliability/containers.ts";
import { removeSequenceItem } from "../../../kubernetes/reliability/sequence-edits.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  name: string;
  container: string;
  /** Removes the shadowed entry. */
  removal?: PlannedEdits;
  /** Whether an entry between the two reads the shadowed value through `$(NAME)`, so removing it changes that entry. */
  referenced: boolean;
}

export default defineRule<Data>({
  id: "kubernetes/duplicate-env",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A container sets the same environment variable twice.",
    why:
      "When `env` names a variable twice, the container gets the later value and the earlier entry does nothing, yet a reader who finds the first one believes it. It is usually a merge or copy-paste slip, and editing the dead entry changes nothing. The fix removes the earlier entry, which leaves the container's environment as it is.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          value: info\n        - name: LOG_LEVEL\n          value: debug\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          value: debug\n",
    },
  },
  check({ file, document, report }) {
    for (const workload of workloadsIn(document)) {
      for (const { container } of containersOf(workload.podSpec)) {
        const env = asSeq(getNode(container, "env"));
        if (!env) continue;
        const items = env.items;
        items.forEach((item, index) => {
          const name = plainString(getNode(item, "name"));
          if (!name || !item) return;
          const later = items.findIndex((other, at) => at > index && plainString(getNode(other, "name"))?.value === name.value);
          if (later < 0) return;
          // Kubernetes expands `$(NAME)` in a value with the variables defined before it.
          const reference = `$(${name.value})`;
          const referenced = items.slice(index + 1, later).some((between) => {
            const value = getNode(between, "value");
            return isScalar(value) && typeof value.value === "string" && value.value.includes(reference);
          });
          const containerLabel = containerName(container);
          const data: Data = { name: name.value, container: containerLabel, referenced };
          const removal = planEdits(removeSequenceItem(env, item as Node, file.lines), item as Node, file.text);
          if (removal) data.removal = removal;
          const line = file.lines.positionAt(getNode(items[later], "name")!.range![0]).line + 1;
          report({
            at: [name.range![0], name.range![1]],
            message: `Container "${containerLabel}" sets ${name.value} again on line ${line}, and the later value wins, so this entry has no effect.`,
            tags: ["unnecessary"],
            data,
          });
        });
      }
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.removal, context);
    // Removing the entry keeps the final environment; only a `$(NAME)` read in between saw the earlier value.
    return edits ? [{ title: `Remove the earlier ${data.name}`, safe: !data.referenced, edits }] : [];
  },
});
