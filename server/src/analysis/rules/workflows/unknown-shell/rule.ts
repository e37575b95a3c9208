import { isMap, isScalar, isSeq } from "yaml";
import { defineRule } from "../../define-rule.ts";
import type { AnyNode } from "../../../documents/ast.ts";
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
    const visit = (node: AnyNode): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const value = pair.value as AnyNode;
          if (isScalar(pair.key) && pair.key.value === "shell" && isScalar(value) && typeof value.value === "string" && value.range) {
            const shell = value.value.trim();
            if (shell.includes("{0}") || shell.includes("${{") || SHELLS.includes(shell.toLowerCase())) continue;
            const suggestion = closestMatches(shell, SHELLS, 1)[0];
            context.report({ at: [value.range[0], value.range[1]], message: `"${shell}" is not a shell the runner knows, and without {0} for the script's path it cannot be a command either, so the step fails.${suggestion ? ` Did you mean "${suggestion}"?` : ` Use one of ${SHELLS.join(", ")}.`}`, data: { shell } });
          } else visit(value);
        }
      } else if (isSeq(node)) node.items.forEach((item) => visit(item as AnyNode));
    };
    const model = workflowOf(context);
    visit(model.root);
  },
});
