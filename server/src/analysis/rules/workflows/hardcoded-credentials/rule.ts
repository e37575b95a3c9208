import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, getNode } from "../../../documents/ast.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ where: string }>({
  id: "workflows/hardcoded-credentials",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A container or service sets its registry password as plain text.",
    why: "Anyone who can read the repository can read the password, and it stays in the git history after it is removed. Store it as a secret and write ${{ secrets.NAME }}.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/build:1\n      credentials:\n        username: bot\n        password: hunter2\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/build:1\n      credentials:\n        username: bot\n        password: ${{ secrets.REGISTRY_PASSWORD }}\n    steps:\n      - run: make\n" },
  },
  check(context) {
    for (const job of workflowOf(context).jobs) {
      const places: Array<[string, unknown]> = [["container", getNode(job.node, "container")]];
      for (const service of asMap(getNode(job.node, "services"))?.items ?? []) places.push([`service "${String((service.key as { value?: unknown })?.value)}"`, service.value]);
      for (const [where, node] of places) {
        const password = getNode(getNode(node, "credentials"), "password");
        if (!isScalar(password) || !password.range || password.value === null || password.value === "") continue;
        if (String(password.value).includes("${{")) continue;
        context.report({ at: [password.range[0], password.range[1]], message: `The ${where} of job "${job.id}" has its registry password in plain text, readable by anyone with access to the repository. Store it as a secret and use \${{ secrets.NAME }}.`, data: { where } });
      }
    }
  },
});
