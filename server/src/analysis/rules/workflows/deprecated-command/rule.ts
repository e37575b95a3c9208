import { isMap, isScalar, Scalar, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asMap, asSeq, getNode, scalarString } from "../../../documents/ast.ts";
import type { Range } from "../../../types.ts";

type Command = "set-output" | "save-state" | "set-env" | "add-path";

interface Data {
  command: Command;
  /** The rewritten statement and where it goes; absent when no rewrite is certain. */
  rewrite?: { range: Range; newText: string; safe: boolean };
}

/** The file each deprecated command now writes to. */
const TARGET_FILE: Record<Command, string> = {
  "set-output": "GITHUB_OUTPUT",
  "save-state": "GITHUB_STATE",
  "set-env": "GITHUB_ENV",
  "add-path": "GITHUB_PATH",
};

export default defineRule<Data>({
  id: "workflows/deprecated-command",
  appliesTo: ["workflow", "action-metadata"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A step uses a deprecated workflow command such as ::set-output.",
    why:
      "GitHub deprecated set-output and save-state for leaking values into logs, and disabled set-env and add-path for letting any log line inject variables; runs print warnings or fail. The environment files replace them.",
    invalid: {
      path: ".github/workflows/ci.yml",
      text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: version\n        run: echo "::set-output name=tag::v1"\n',
    },
    valid: {
      path: ".github/workflows/ci.yml",
      text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: version\n        run: echo "tag=v1" >> "$GITHUB_OUTPUT"\n',
    },
  },
  check({ file, document, report }) {
    // Every command starts with "::"; most files have none, and then there is nothing to walk.
    const [from, to] = document!.yaml.range;
    if (file.text.indexOf("::", from) < 0 || file.text.indexOf("::", from) >= to) return;
    const root = document!.yaml.contents;
    for (const { step, defaultShell } of stepsOf(root)) {
      const run = getNode(step, "run");
      if (!isScalar(run) || typeof run.value !== "string" || !run.range) continue;
      const shell = scalarString(getNode(step, "shell")) ?? defaultShell;
      // Only in plain and literal scalars does each source line equal a script line.
      const rewritable = run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.PLAIN;
      const [start, end] = run.range;
      const source = file.text.slice(start, end);
      for (const match of source.matchAll(/::(set-output|save-state|set-env|add-path)\b/g)) {
        const command = match[1] as Command;
        const at = start + match.index!;
        // A shell comment does not run, so a commented-out command is not reported.
        if (isInShellComment(file.text, at)) continue;
        const data: Data = { command };
        const rewrite = rewritable ? rewriteLine(file.text, at, end, command, shell) : undefined;
        if (rewrite) {
          data.rewrite = { range: file.lines.rangeOf(rewrite.start, rewrite.end), newText: rewrite.text, safe: rewrite.safe };
        }
        report({ at: [at, at + match[0].length], message: messageFor(command), data });
      }
    }
  },
  fix(data) {
    if (!data.rewrite) return [];
    const { range, newText, safe } = data.rewrite;
    return [{ title: `Replace ${data.command} with $${TARGET_FILE[data.command]}`, safe, edits: [{ range, newText }] }];
  },
});

function messageFor(command: Command): string {
  const file = `$${TARGET_FILE[command]}`;
  const disabled = command === "set-env" || command === "add-path";
  return disabled
    ? `The ::${command} command is disabled on GitHub runners because any log line could inject it, so this step fails. Append to the ${file} file instead.`
    : `The ::${command} command is deprecated and GitHub warns on every run. Append "name=value" to the ${file} file instead.`;
}

interface StepInfo {
  step: Node;
  defaultShell: string;
}

/** Steps of every job of a workflow, or of a composite action, with the shell their job defaults to. */
function stepsOf(root: unknown): StepInfo[] {
  const found: StepInfo[] = [];
  const workflowShell = scalarString(getNode(getNode(getNode(root, "defaults"), "run"), "shell"));
  for (const job of asMap(getNode(root, "jobs"))?.items ?? []) {
    const jobShell = scalarString(getNode(getNode(getNode(job.value, "defaults"), "run"), "shell")) ?? workflowShell;
    const runsOn = JSON.stringify(isMap(job.value) ? getNode(job.value, "runs-on")?.toJSON() ?? "" : "");
    const defaultShell = jobShell ?? (/windows/i.test(runsOn) ? "pwsh" : "bash");
    for (const step of asSeq(getNode(job.value, "steps"))?.items ?? []) if (step) found.push({ step, defaultShell });
  }
  for (const step of asSeq(getNode(getNode(root, "runs"), "steps"))?.items ?? []) if (step) found.push({ step, defaultShell: "bash" });
  return found;
}

/**
 * Rewrites the `echo ...::command...` statement that ends the line, for shells whose
 * syntax is known. Returns `undefined` when the statement is not a plain echo.
 */
function rewriteLine(text: string, commandAt: number, scalarEnd: number, command: Command, shell: string): { start: number; end: number; text: string; safe: boolean } | undefined {
  const lineStart = text.lastIndexOf("\n", commandAt) + 1;
  let lineEnd = text.indexOf("\n", commandAt);
  if (lineEnd < 0 || lineEnd > scalarEnd) lineEnd = scalarEnd;
  if (text[lineEnd - 1] === "\r") lineEnd--;
  const line = text.slice(lineStart, lineEnd);
  const statement = /(^|;\s*|&&\s*|\|\|\s*|\s)(echo|Write-Output)\s+(["']?)::([a-z-]+)(?: name=([^:\s"']+))?::(.*?)\3(\s*)$/.exec(line);
  if (!statement || statement[4] !== command) return undefined;
  const [, lead, verb, quote, , name, value, trailing] = statement;
  if ((command === "add-path") !== (name === undefined)) return undefined;
  const payload = command === "add-path" ? value! : `${name}=${value}`;
  const target = TARGET_FILE[command];
  const shellName = shell.split(/\s/)[0]!;
  let rewritten: string;
  if (shellName === "bash" || shellName === "sh") rewritten = `${verb} ${quote || ""}${payload}${quote || ""} >> "$${target}"`;
  else if (shellName === "pwsh") rewritten = `${verb} ${quote || '"'}${payload}${quote || '"'} >> $env:${target}`;
  else if (shellName === "powershell") rewritten = `${verb} ${quote || '"'}${payload}${quote || '"'} | Out-File -FilePath $env:${target} -Encoding utf8 -Append`;
  else return undefined;
  const start = lineStart + statement.index + lead!.length;
  // Encoded newlines (%0A) need the multi-line delimiter syntax, which a person should write.
  const safe = !value!.includes("%");
  return { start, end: lineEnd - trailing!.length, text: rewritten, safe };
}

function isInShellComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at) + 1;
  return text.slice(lineStart, at).trimStart().startsWith("#");
}
