import { defineRule } from "../../define-rule.ts";
import { asMap, getNode, getPair } from "../../../documents/ast.ts";
import { addEntry } from "../../../kubernetes/reliability/add-entry.ts";
import { isUnset, objectsIn } from "../../../kubernetes/reliability/objects.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";

interface Data {
  /** Adds `concurrencyPolicy: Forbid` after `schedule`. */
  insertion?: PlannedEdits;
}

export default defineRule<Data>({
  id: "kubernetes/cronjob-concurrency",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "info",
  recommended: false,
  docs: {
    summary: "A CronJob does not say whether its runs may overlap.",
    why:
      "Without `concurrencyPolicy` a CronJob uses `Allow`: when a run outlasts the interval, the next one starts beside it. A backup, a migration or a report that sends mail then runs twice at once, and a slow run that keeps overlapping piles up pods. Write `Forbid` to skip a run while the last one is still going, `Replace` to stop the old run, or `Allow` to say that overlapping is fine. The rule is not in the recommended set because many jobs are short and harmless to overlap.",
    invalid: {
      path: "cron.yaml",
      text: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: \"0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: example/backup:3.2\n",
    },
    valid: {
      path: "cron.yaml",
      text: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: \"0 * * * *\"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: example/backup:3.2\n",
    },
  },
  check({ file, document, report }) {
    for (const object of objectsIn(document)) {
      if (object.kind !== "CronJob") continue;
      const spec = asMap(getNode(object.map, "spec"));
      const schedule = getPair(spec, "schedule");
      if (!spec || !schedule || !isUnset(getNode(spec, "concurrencyPolicy"))) continue;
      const data: Data = {};
      const insertion = planEdits(addEntry(spec, "concurrencyPolicy", "Forbid", file.lines, { after: schedule }), spec, file.text);
      if (insertion) data.insertion = insertion;
      const key = schedule.key!;
      report({
        at: [key.range![0], key.range![1]],
        message: "This CronJob sets no concurrencyPolicy, so it is Allow: a run that outlasts the interval overlaps the next one. Say Forbid, Replace or Allow.",
        data,
      });
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.insertion, context);
    return edits ? [{ title: "Skip a run while the previous one is still going (concurrencyPolicy: Forbid)", safe: false, edits }] : [];
  },
});
