import { defineRule } from "../../define-rule.ts";
import { getPair } from "../../../documents/ast.ts";
import { insertEntriesBefore } from "../../../edits/map-entries.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ plan?: PlannedEdits }>({
  id: "workflows/missing-permissions",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "info",
  recommended: true,
  docs: {
    summary: "A workflow sets no top-level permissions, so its jobs get the repository's default token scopes.",
    why: "The default GITHUB_TOKEN may write to contents, packages and pull requests; a compromised step or dependency can then push code. Setting `permissions: contents: read` at the top and widening per job keeps each token to what it needs.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const { root, jobs } = workflowOf(context);
    if (!root || getPair(root, "permissions")) return;
    const jobsPair = getPair(root, "jobs");
    if (!jobsPair?.key.range) return;
    // Jobs that each set their own permissions are already scoped.
    if (jobs.length > 0 && jobs.every((job) => getPair(job.node, "permissions"))) return;
    // The edit goes just before `jobs:`, so the fix stays valid while that key reads the same at its place.
    const plan = planEdits(insertEntriesBefore(root as never, jobsPair as never, { permissions: { contents: "read" } }, context.file.lines), jobsPair.key, context.file.text);
    context.report({
      at: [jobsPair.key.range[0], jobsPair.key.range[1]],
      message: "This workflow sets no top-level permissions, so every job gets the repository's default GITHUB_TOKEN scopes, which may include write access. Add `permissions: contents: read` and widen it only in the jobs that need more.",
      data: plan ? { plan } : {},
    });
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.plan, context);
    return edits ? [{ title: "Add permissions: contents: read", safe: false, edits }] : [];
  },
});
