import type { CheckContext } from "../../rules/define-rule.ts";
import { schemaReportOf } from "../schema/document-issues.ts";

/**
 * The value nodes that the schema rules already report, as a value of the wrong type
 * (`version: 1.0` where a string belongs) or one outside an enum (`protocol: tcp`). The
 * value rules skip them, so that one mistake gives one finding.
 */
export function schemaReportedValues(context: Pick<CheckContext<unknown>, "document" | "kubernetes" | "remember">): ReadonlySet<unknown> {
  return context.remember("kubernetes/values/schema-reported", () => {
    const nodes = new Set<unknown>();
    for (const issue of schemaReportOf(context).issues) {
      if (issue.kind === "wrong-type" || issue.kind === "invalid-enum") nodes.add(issue.node);
    }
    return nodes;
  });
}
