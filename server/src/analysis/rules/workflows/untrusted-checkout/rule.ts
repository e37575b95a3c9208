import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { workflowOf } from "../../../workflows/index.ts";
import { parseActionRef } from "../../../workflows/popular-actions.ts";

/** A ref that names the pull request's own code rather than the base repository's. */
const PR_HEAD = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(sha|branch)|refs\/pull\/|github\.event\.pull_request\.merge_commit_sha|github\.event\.number/;

export default defineRule<{ trigger: string }>({
  id: "workflows/untrusted-checkout",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A pull_request_target or workflow_run workflow checks out the pull request's code.",
    why: "These triggers run with the base repository's secrets and a write token, even for pull requests from forks. Checking out and building the pull request's code lets anyone who opens one run code with those secrets (a \"pwn request\"). Check out the base branch, or move the build to a pull_request workflow.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: pull_request_target\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: pull_request\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n" },
  },
  check(context) {
    const model = workflowOf(context);
    const trigger = model.events.find((event) => event.name === "pull_request_target" || event.name === "workflow_run")?.name;
    if (!trigger) return;
    for (const job of model.jobs) {
      for (const step of job.steps) {
        const uses = typeof step.uses?.value === "string" ? parseActionRef(step.uses.value) : undefined;
        if (uses?.name !== "actions/checkout") continue;
        const ref = getNode(step.with, "ref");
        const repository = getNode(step.with, "repository");
        const named = [ref, repository].find((node) => isScalar(node) && typeof node.value === "string" && (PR_HEAD.test(node.value) || /github\.event\.pull_request\.head\.repo/.test(node.value)));
        if (!named || !isScalar(named) || !named.range) continue;
        context.report({
          at: [named.range[0], named.range[1]],
          message: `This ${trigger} workflow checks out the pull request's code while it holds the repository's secrets and a write token, so whoever opens a pull request can run code with them. Check out the base branch, or build the pull request in a pull_request workflow.`,
          data: { trigger },
        });
      }
    }
  },
});
