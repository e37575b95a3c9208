import type { Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, getIn, getNode, getPair } from "../../../documents/ast.ts";
import { removeEntry } from "../../../edits/map-entries.ts";
import { addEntry } from "../../../kubernetes/reliability/add-entry.ts";
import { isUnset, objectsIn } from "../../../kubernetes/reliability/objects.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  /** `missing` on a standalone Job, `cronjob` on a CronJob's Job template that sets one. */
  problem: "missing" | "cronjob";
  seconds?: number;
  edits?: PlannedEdits;
}

const DEFAULT_SECONDS = 86400;

/** Annotations by which Helm and Argo CD delete the Jobs they run as hooks. */
const DELETED_BY_TOOL = ["helm.sh/hook-delete-policy", "argocd.argoproj.io/hook-delete-policy"];

export default defineRule<Data>({
  id: "kubernetes/job-ttl",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A Job is never cleaned up after it finishes (no `ttlSecondsAfterFinished`).",
    why:
      "A finished Job and its pods stay in the cluster until someone deletes them, and a Job whose template changed cannot be applied again over the finished one. `ttlSecondsAfterFinished` deletes it a while after it finishes. Jobs that Helm or Argo CD delete as hooks are not reported, and neither are a CronJob's Jobs, which its history limits clean up; a TTL there as well is reported as a hint, since it can remove a failed run before anyone looks at it. The rule is not in the recommended set because a GitOps tool may re-create a Job that its TTL deleted. The fix writes one day, or the option `seconds`.",
    invalid: {
      path: "job.yaml",
      text: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: example/migrate:1.0\n",
    },
    valid: {
      path: "job.yaml",
      text: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: example/migrate:1.0\n",
    },
  },
  check({ file, document, options, report }) {
    const seconds = typeof options.seconds === "number" && Number.isInteger(options.seconds) && options.seconds >= 0 ? options.seconds : DEFAULT_SECONDS;
    for (const object of objectsIn(document)) {
      if (object.kind === "Job") {
        const specPair = getPair(object.map, "spec");
        const spec = asMap(specPair?.value);
        if (!spec || !isUnset(getNode(spec, "ttlSecondsAfterFinished"))) continue;
        const annotations = getIn(object.map, ["metadata", "annotations"]);
        if (DELETED_BY_TOOL.some((key) => getPair(annotations, key) !== undefined)) continue;
        // First in the spec, where the Kubernetes docs show it, and away from comments that describe the template.
        const first = spec.items[0];
        const edits = addEntry(spec, "ttlSecondsAfterFinished", seconds, file.lines, first && { before: first });
        const data: Data = { problem: "missing", seconds };
        const planned = planEdits(edits, spec, file.text);
        if (planned) data.edits = planned;
        const key = specPair!.key as Node;
        report({
          at: [key.range![0], key.range![1]],
          message: "This Job sets no ttlSecondsAfterFinished, so it and its pods stay in the cluster after it finishes until someone deletes them.",
          data,
        });
      } else if (object.kind === "CronJob") {
        const jobSpec = asMap(getIn(object.map, ["spec", "jobTemplate", "spec"]));
        const ttl = getPair(jobSpec, "ttlSecondsAfterFinished");
        if (!jobSpec || !ttl || isUnset(ttl.value)) continue;
        const data: Data = { problem: "cronjob" };
        const planned = planEdits(removeEntry(jobSpec, ttl, file.lines), jobSpec, file.text);
        if (planned) data.edits = planned;
        const key = ttl.key as Node;
        report({
          at: [key.range![0], key.range![1]],
          message: "This CronJob's history limits already delete its old Jobs; a TTL as well deletes each one after a fixed time, whichever comes first, so a failed run can vanish before anyone looks at it.",
          severity: "hint",
          data,
        });
      }
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.edits, context);
    if (!edits) return [];
    const title = data.problem === "missing" ? `Delete the Job ${data.seconds} seconds after it finishes` : "Remove ttlSecondsAfterFinished and leave clean-up to the history limits";
    return [{ title, safe: false, edits }];
  },
});
