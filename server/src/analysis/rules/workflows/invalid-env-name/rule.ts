import { isMap, isScalar, isSeq } from "yaml";
import { defineRule } from "../../define-rule.ts";
import type { AnyNode } from "../../../documents/ast.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ name: string }>({
  id: "workflows/invalid-env-name",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "An env: key is not a valid environment variable name: it holds =, a space or a character a shell cannot name.",
    why: "The runner cannot set such a variable (or the shell cannot read it), so the step fails or sees another variable than the one written.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      BUILD MODE: release\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      BUILD_MODE: release\n    steps:\n      - run: make\n" },
  },
  check(context) {
    const visit = (node: AnyNode, key: string | undefined): void => {
      if (isMap(node)) {
        if (key === "env") {
          for (const pair of node.items) {
            if (!isScalar(pair.key) || typeof pair.key.value !== "string" || !pair.key.range) continue;
            const name = pair.key.value;
            if (name.includes("${{") || /^[^=\s\0&"'`$\\]+$/.test(name)) continue;
            context.report({ at: [pair.key.range[0], pair.key.range[1]], message: `"${name}" cannot be an environment variable name: it holds ${/\s/.test(name) ? "white space" : /=/.test(name) ? "=" : "a character a shell cannot name"}. Use letters, digits and _, as ${name.replace(/[^A-Za-z0-9_]/g, "_")}.`, data: { name } });
          }
          return;
        }
        for (const pair of node.items) visit(pair.value as AnyNode, isScalar(pair.key) ? String(pair.key.value) : undefined);
      } else if (isSeq(node)) node.items.forEach((item) => visit(item as AnyNode, undefined));
    };
    visit(workflowOf(context).root, undefined);
  },
});
