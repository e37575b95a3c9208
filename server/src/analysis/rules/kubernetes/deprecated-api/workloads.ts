import { isMap } from "yaml";
import { asMap, getNode, getPair } from "../../../documents/ast.ts";
import { insertEntriesAfter, insertEntriesBefore, moved, removeEntry } from "../../../edits/map-entries.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { BodyEdits } from "./migrate.ts";

/** The workload kinds that apps/v1 took over from extensions/v1beta1, apps/v1beta1 and apps/v1beta2. */
export const APPS_KINDS: ReadonlySet<string> = new Set(["DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"]);

/**
 * Rewrites a workload body for apps/v1, which requires `spec.selector`: a missing one is
 * copied from the pod template's labels, which is what the older versions defaulted it
 * to, so existing objects keep their (immutable) selector. Fields that apps/v1 dropped
 * (`rollbackTo`, `templateGeneration`) are removed. Returns `undefined` when there are no
 * template labels to copy: a selector must then be written by hand.
 */
export function migrateWorkload(root: unknown, lines: LineIndex): (BodyEdits & { addedSelector: boolean }) | undefined {
  const spec = asMap(getNode(root, "spec"));
  if (!spec) return undefined;
  const result = { edits: [] as BodyEdits["edits"], safe: true, addedSelector: false };
  if (!getPair(spec, "selector")) {
    const template = getPair(spec, "template");
    const labels = getPair(getNode(template?.value, "metadata"), "labels");
    if (!template || !labels || !isMap(labels.value) || labels.value.items.length === 0) return undefined;
    const entries = { selector: { matchLabels: moved(labels) } };
    // After the entry above the template, so that comments introducing the template stay with it.
    const index = spec.items.indexOf(template);
    const insertion = index > 0 ? insertEntriesAfter(spec, spec.items[index - 1]!, entries, lines) : insertEntriesBefore(spec, template, entries, lines);
    if (!insertion) return undefined;
    result.edits.push(insertion);
    result.addedSelector = true;
  }
  for (const dropped of ["rollbackTo", "templateGeneration"]) {
    const pair = getPair(spec, dropped);
    if (pair) result.edits.push(removeEntry(spec, pair, lines));
  }
  return result;
}
