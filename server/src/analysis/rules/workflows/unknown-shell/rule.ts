import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode, type AnyNode } from "../../../documents/ast.ts";
import { closestMatches } from "../../../text/similar.ts";
import { workflowOf } from "../../../workflows/index.ts";

const SHELLS = ["bash", "sh", "pwsh", "powershell", "python", "cmd"];

export default defineRule<{ shell: string }>({
  id: "workflows/unknown-shell",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "shell names a shell the runner does not know and gives no {0} command template.",
    why: "The runner knows bash, sh, pwsh, powershell, python and cmd; any other shell must be a command with {0} where the script's path goes, or the step fails.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        shell: bsh\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        shell: bash\n" },
  },
  check(context) {
    const check = (value: AnyNode): void => {
      if (!isScalar(value) || typeof value.value !== "string" || !value.range) return;
      const shell = value.value.trim();
      if (shell.includes("{0}") || shell.includes("${{") || SHELLS.includes(shell.toLowerCase())) return;
      const suggestion = closestMatches(shell, SHELLS, 1)[0];
      context.report({ at: [value.range[0], value.range[1]], message: `"${shell}" is not a shell the runner knows, and without {0} for the script's path it cannot be a command either, so the step fails.${suggestion ? ` Did you mean "${suggestion}"?` : ` Use one of ${SHELLS.join(", ")}.`}`, data: { shell } });
    };
    // A shell is set in defaults.run (of the workflow or a job) and on steps.
    const model = workflowOf(context);
    check(getNode(getNode(getNode(model.root, "defaults"), "run"), "shell"));
    for (const job of model.jobs) {
      check(getNode(getNode(getNode(job.node, "defaults"), "run"), "shell"));
      for (const step of job.steps) check(getNode(step.node, "shell"));
    }
  },
});
