import { defineRule } from "../../define-rule.ts";
import { parseConfig } from "../../../config/config.ts";
import { ALL_RULE_IDS } from "../../rule-ids.ts";

export default defineRule<{ problem: string }>({
  id: "shipshape/invalid-config",
  appliesTo: ["shipshape-config"],
  scope: "file",
  severity: "error",
  recommended: true,
  docs: {
    summary: "The .shipshape.yaml configuration has a setting Shipshape does not understand.",
    why: "A misspelt rule id or severity is otherwise ignored, and the rule you meant to change keeps running as before.",
    invalid: { path: ".shipshape.yaml", text: "rules:\n  yaml/duplicate-keys: off\n" },
    valid: { path: ".shipshape.yaml", text: "rules:\n  yaml/duplicate-key: off\n" },
  },
  check({ file, report }) {
    const { problems } = parseConfig(file.text, "", ALL_RULE_IDS);
    for (const problem of problems) report({ at: problem.at, message: problem.message, data: { problem: problem.message } });
  },
});
