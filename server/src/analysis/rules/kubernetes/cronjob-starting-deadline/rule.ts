import { defineRule } from "../../define-rule.ts";
import { getIn } from "../../../documents/ast.ts";
import { editsOf, replaceScalar, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { integerOf, objectsIn } from "../../../kubernetes/reliability/objects.ts";

interface Data {
  seconds: number;
  replacement?: Replacement;
}

/** The CronJob controller's documented resolution: a deadline below it can pass between two looks. */
const MINIMUM_SECONDS = 10;

export default defineRule<Data>({
  id: "kubernetes/cronjob-starting-deadline",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A CronJob's `startingDeadlineSeconds` is below 10, so runs can be skipped.",
    why:
      "`startingDeadlineSeconds` is how late a run may start before it is skipped. The CronJob controller looks at CronJobs about every 10 seconds, so a deadline under 10 seconds can pass before the controller sees that a run is due, and the run is skipped, possibly every time. Use at least 10 seconds, or leave it out to never skip a late run.",
    invalid: {
      path: "cron.yaml",
      text: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: \"*/5 * * * *\"\n  startingDeadlineSeconds: 5\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: example/report:2.1\n",
    },
    valid: {
      path: "cron.yaml",
      text: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: \"*/5 * * * *\"\n  startingDeadlineSeconds: 60\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: example/report:2.1\n",
    },
  },
  check({ file, document, report }) {
    for (const object of objectsIn(document)) {
      if (object.kind !== "CronJob") continue;
      const node = getIn(object.map, ["spec", "startingDeadlineSeconds"]);
      const seconds = integerOf(node);
      // A negative deadline is the schema's and the API server's to reject.
      if (seconds === undefined || seconds < 0 || seconds >= MINIMUM_SECONDS) continue;
      const data: Data = { seconds };
      const replacement = replaceScalar(node as Parameters<typeof replaceScalar>[0], String(MINIMUM_SECONDS), file.text, true);
      if (replacement) data.replacement = replacement;
      report({
        at: [node!.range![0], node!.range![1]],
        message: `startingDeadlineSeconds is ${seconds}: the CronJob controller looks about every ${MINIMUM_SECONDS} seconds, so a run can be past its deadline before it is noticed, and is then skipped.`,
        data,
      });
    }
  },
  fix(data, context) {
    const edits = data.replacement ? editsOf([data.replacement], context) : undefined;
    return edits ? [{ title: `Set startingDeadlineSeconds to ${MINIMUM_SECONDS}`, safe: false, edits }] : [];
  },
});
