import type { YAMLError } from "yaml";
import { defineRule } from "../../define-rule.ts";

interface Data {
  code: string;
  /** For tab indentation: the line whose leading tabs the fix turns into spaces. */
  tabLine?: number;
}

export default defineRule<Data>({
  id: "yaml/syntax-error",
  appliesTo: "all",
  scope: "file",
  severity: "error",
  recommended: true,
  docs: {
    summary: "The file is not valid YAML.",
    why: "kubectl, Helm and GitHub reject a file that does not parse, and every other check is blind to it until it does.",
    invalid: { path: "deploy.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  key: [unclosed\n" },
    valid: { path: "deploy.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  key: \"[closed]\"\n" },
  },
  check({ file, report }) {
    for (const document of file.documents) {
      for (const error of document.yaml.errors) {
        const [start, end] = spanOf(error, file.text.length);
        const data: Data = { code: error.code };
        if (error.code === "TAB_AS_INDENT") data.tabLine = file.lines.positionAt(start).line;
        report({ at: [start, end], message: messageFor(error), data });
      }
    }
  },
  fix(data, { lines }) {
    if (data.tabLine === undefined || data.tabLine >= lines.lineCount) return [];
    const text = lines.lineText(data.tabLine);
    const indentation = /^[ \t]*/.exec(text)![0];
    if (!indentation.includes("\t")) return [];
    const start = lines.lineStarts[data.tabLine]!;
    return [
      {
        title: "Indent with spaces instead of tabs",
        safe: false,
        edits: [{ range: lines.rangeOf(start, start + indentation.length), newText: indentation.replace(/\t/g, "  ") }],
      },
    ];
  },
});

/** Where the parser's own words are terse, a plainer sentence leads and the original follows. */
const CLEARER_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: "A tab is used for indentation. YAML allows only spaces there; replace the tab with spaces.",
  MULTILINE_IMPLICIT_KEY: "A key runs over more than one line. Check for a missing colon or quote above.",
};

function messageFor(error: YAMLError): string {
  const own = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "").trim();
  const clearer = CLEARER_MESSAGES[error.code];
  return clearer ? `${clearer} (${own})` : `Invalid YAML: ${own}.`.replace(/\.\.$/, ".");
}

/** The error's span, widened to one character so an editor can always show it. */
function spanOf(error: YAMLError, length: number): [number, number] {
  const start = Math.min(error.pos[0], length);
  const end = Math.min(Math.max(error.pos[1], start + 1), length);
  return [start, Math.max(end, start)];
}
