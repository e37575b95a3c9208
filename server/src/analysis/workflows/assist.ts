import type { Position, Range, SourceFile } from "../types.ts";
import { LineIndex } from "../documents/line-index.ts";
import { propertiesAt, propertyAt } from "./schema.ts";
import { actionInterface, currentMajor, METADATA_SOURCE, parseActionRef, POPULAR_ACTIONS, TABLE_DATE } from "./popular-actions.ts";
import { CONTEXTS, GITHUB_PROPERTIES } from "./contexts.ts";

/**
 * Hover and completion in workflows: keys from GitHub's own workflow schema (its descriptions
 * are the docs), the contexts of `${{ }}`, and the inputs of popular actions. Cursor positions
 * are read from the text line by line, so a half-typed line that does not parse still gets help.
 * Pure, and never throws.
 */
export interface WorkflowHover {
  markdown: string;
  range: Range;
}

export interface WorkflowCompletionItem {
  label: string;
  kind: "field" | "value";
  newText: string;
  detail?: string;
  documentation?: string;
  required: boolean;
  deprecated: boolean;
  sortText: string;
}

export interface WorkflowCompletionList {
  range: Range;
  items: WorkflowCompletionItem[];
}


export function workflowHover(source: SourceFile, position: Position): WorkflowHover | undefined {
  try {
    const lines = new LineIndex(source.text);
    const line = lines.lineText(position.line);
    const lineStart = lines.lineStarts[position.line]!;
    const expression = expressionWordAt(line, position.character);
    if (expression) {
      const markdown = contextMarkdown(expression.word);
      return markdown ? { markdown, range: lines.rangeOf(lineStart + expression.start, lineStart + expression.end) } : undefined;
    }
    const entry = /^(\s*)(-\s+)?([^\s:#'"][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/.exec(line);
    if (!entry) return undefined;
    const keyStart = entry[1]!.length + (entry[2]?.length ?? 0);
    const key = entry[3]!.replace(/^['"]|['"]$/g, "");
    const keyEnd = keyStart + entry[3]!.length;
    const path = parentPath(lines, position.line, keyStart, entry[2] !== undefined);
    if (position.character >= keyStart && position.character <= keyEnd) {
      const withInputs = path[path.length - 1] === "with" ? actionOfStep(lines, position.line, keyStart) : undefined;
      if (withInputs) {
        const markdown = inputMarkdown(withInputs, key);
        if (markdown) return { markdown, range: lines.rangeOf(lineStart + keyStart, lineStart + keyEnd) };
      }
      const property = propertyAt(path, key);
      if (!property?.description) return undefined;
      return { markdown: `**${[...path.filter((part) => part !== "[]"), key].join(".")}**\n\n${property.description}`, range: lines.rangeOf(lineStart + keyStart, lineStart + keyEnd) };
    }
    if (key === "uses") {
      const value = line.slice(entry[0].length).trim().replace(/\s+#.*$/, "").replace(/^['"]|['"]$/g, "");
      const markdown = actionMarkdown(value);
      if (!markdown) return undefined;
      const valueStart = line.indexOf(value, keyEnd);
      return { markdown, range: lines.rangeOf(lineStart + valueStart, lineStart + valueStart + value.length) };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

export function workflowCompletion(source: SourceFile, position: Position): WorkflowCompletionList | undefined {
  try {
    const lines = new LineIndex(source.text);
    const line = lines.lineText(position.line);
    const lineStart = lines.lineStarts[position.line]!;
    const before = line.slice(0, position.character);
    const open = before.lastIndexOf("${{");
    if (open >= 0 && before.indexOf("}}", open) < 0) {
      const word = /([A-Za-z0-9_.-]*)$/.exec(before)![1]!;
      const dot = word.lastIndexOf(".");
      const start = position.character - (word.length - dot - 1);
      const items = contextCompletions(source.text, lines, position.line, word.slice(0, Math.max(0, dot)));
      return items.length > 0 ? { range: lines.rangeOf(lineStart + start, lineStart + position.character), items } : undefined;
    }
    const typing = /^(\s*)(-\s+)?([A-Za-z0-9_-]*)$/.exec(before);
    if (!typing) return undefined;
    const keyStart = typing[1]!.length + (typing[2]?.length ?? 0);
    const path = parentPath(lines, position.line, keyStart, typing[2] !== undefined);
    const present = siblingKeys(lines, position.line, keyStart);
    const range = lines.rangeOf(lineStart + keyStart, lineStart + position.character);
    if (path[path.length - 1] === "with") {
      const actionOf = actionOfStep(lines, position.line, keyStart);
      const action = actionOf && actionInterface(actionOf);
      if (actionOf && action) {
        const items = [...action.inputs].filter(([name]) => !present.has(name)).map(([name, input], index) => ({
          label: name,
          kind: "field" as const,
          newText: `${name}: `,
          detail: `input of ${actionOf.name}${input.default !== undefined ? `, default ${input.default}` : ""}`,
          documentation: input.description,
          required: input.required,
          deprecated: false,
          sortText: `${input.required ? "0" : "1"}${String(index).padStart(3, "0")}`,
        }));
        return { range, items };
      }
    }
    const properties = propertiesAt(path);
    if (properties.size === 0) return undefined;
    const items: WorkflowCompletionItem[] = [];
    for (const [name, property] of properties) {
      if (present.has(name)) continue;
      const item: WorkflowCompletionItem = { label: name, kind: "field", newText: `${name}: `, required: property.required, deprecated: false, sortText: `${property.required ? "0" : "1"}${name}` };
      if (property.description) item.documentation = property.description;
      items.push(item);
    }
    return { range, items };
  } catch {
    return undefined;
  }
}

interface Entry {
  line: number;
  /** Column of the key. */
  keyIndent: number;
  /** Column of the `-` when the line starts a sequence item. */
  dashIndent: number | undefined;
  key: string;
}

function entryOf(lines: LineIndex, line: number): Entry | undefined {
  const text = lines.lineText(line);
  const match = /^(\s*)(-\s+)?([^\s:#'"-][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/.exec(text);
  if (match) return { line, keyIndent: match[1]!.length + (match[2]?.length ?? 0), dashIndent: match[2] !== undefined ? match[1]!.length : undefined, key: match[3]!.replace(/^['"]|['"]$/g, "") };
  const dash = /^(\s*)-(\s|$)/.exec(text);
  if (dash) return { line, keyIndent: dash[0].length, dashIndent: dash[1]!.length, key: "" };
  return undefined;
}

function isContent(lines: LineIndex, line: number): boolean {
  const text = lines.lineText(line).trim();
  return text !== "" && !text.startsWith("#");
}

/**
 * The keys that lead to a key written at `indent` on `line`, read upwards through the lines with
 * less indentation; `[]` stands for a sequence item.
 */
function parentPath(lines: LineIndex, line: number, indent: number, startsItem: boolean): string[] {
  const path: string[] = [];
  let need = indent;
  if (startsItem) {
    path.push("[]");
    need = lines.lineText(line).search(/\S/);
  }
  for (let at = line - 1; at >= 0 && need > 0; at--) {
    if (!isContent(lines, at)) continue;
    const entry = entryOf(lines, at);
    if (!entry) continue;
    if (entry.keyIndent === need && entry.dashIndent !== undefined) {
      // A sibling key that opens the same sequence item.
      path.push("[]");
      need = entry.dashIndent;
    } else if (entry.keyIndent < need && entry.key !== "") {
      path.push(entry.key);
      need = entry.keyIndent;
      if (entry.dashIndent !== undefined) {
        path.push("[]");
        need = entry.dashIndent;
      }
    } else if (entry.keyIndent < need && entry.dashIndent !== undefined) {
      path.push("[]");
      need = entry.dashIndent;
    }
  }
  return path.reverse();
}

/** The keys already written in the mapping the cursor's line belongs to. */
function siblingKeys(lines: LineIndex, line: number, indent: number): Set<string> {
  const keys = new Set<string>();
  for (const direction of [-1, 1]) {
    for (let at = line + direction; at >= 0 && at < lines.lineCount; at += direction) {
      if (!isContent(lines, at)) continue;
      const entry = entryOf(lines, at);
      const column = lines.lineText(at).search(/\S/);
      if (entry && entry.keyIndent === indent) {
        keys.add(entry.key);
        if (entry.dashIndent !== undefined && direction === -1) break;
        if (entry.dashIndent !== undefined && direction === 1) break;
        continue;
      }
      if (column < indent) break;
    }
  }
  return keys;
}

/** The action a `with:` block's step uses: its `uses:` sits in the same step, at the indent of `with:`. */
function actionOfStep(lines: LineIndex, line: number, inputIndent: number): ReturnType<typeof parseActionRef> {
  let withIndent: number | undefined;
  for (let at = line - 1; at >= 0; at--) {
    if (!isContent(lines, at)) continue;
    const entry = entryOf(lines, at);
    if (entry && entry.key === "with" && entry.keyIndent < inputIndent) {
      withIndent = entry.keyIndent;
      break;
    }
  }
  if (withIndent === undefined) return undefined;
  for (const direction of [-1, 1]) {
    for (let at = line + direction; at >= 0 && at < lines.lineCount; at += direction) {
      if (!isContent(lines, at)) continue;
      const entry = entryOf(lines, at);
      const column = lines.lineText(at).search(/\S/);
      if (entry?.key === "uses" && entry.keyIndent === withIndent) {
        const value = lines.lineText(at).slice(lines.lineText(at).indexOf("uses") + 5).trim().replace(/\s+#.*$/, "").replace(/^['"]|['"]$/g, "");
        return parseActionRef(value);
      }
      if (column < withIndent || (entry?.dashIndent !== undefined && entry.keyIndent === withIndent)) {
        if (entry?.dashIndent !== undefined && entry.key === "uses") {
          const value = lines.lineText(at).slice(lines.lineText(at).indexOf("uses") + 5).trim().replace(/\s+#.*$/, "").replace(/^['"]|['"]$/g, "");
          return parseActionRef(value);
        }
        break;
      }
    }
  }
  return undefined;
}

function inputMarkdown(action: NonNullable<ReturnType<typeof parseActionRef>>, name: string): string | undefined {
  const input = actionInterface(action)?.inputs.get(name);
  if (!input) return undefined;
  const parts = [`**${name}**: input of \`${action.name}@v${action.major}\`${input.required ? " (required)" : ""}`];
  if (input.description) parts.push(input.description);
  if (input.default !== undefined) parts.push(`Default: \`${input.default}\``);
  return parts.join("\n\n");
}

function actionMarkdown(uses: string): string | undefined {
  const action = parseActionRef(uses);
  const repo = action?.name.split("/").slice(0, 2).join("/");
  const entry = repo ? POPULAR_ACTIONS[repo] : undefined;
  const known = action && actionInterface(action);
  const current = repo ? currentMajor(repo) : undefined;
  if (!action || current === undefined) return undefined;
  const parts = [`**${action.name}**@${action.ref}${known?.release ? ` (metadata of ${known.release})` : ""}`];
  const outdated = action.major !== undefined ? entry?.outdated[action.major] : undefined;
  if (outdated) parts.push(`This major ${outdated === "retired" ? "relies on a retired service" : `runs on ${outdated}`}; use v${current}.`);
  else parts.push(`Current major: v${current}.`);
  if (known) {
    const inputs = [...known.inputs].map(([name, input]) => (input.required ? `\`${name}\` (required)` : `\`${name}\``));
    parts.push(`Inputs: ${inputs.join(", ") || "none"}${known.acceptsAnyInput ? ", and any other name" : ""}`);
    if (known.outputs) parts.push(`Outputs: ${known.outputs.map((name) => `\`${name}\``).join(", ") || "none"}`);
  }
  parts.push(`_From ${METADATA_SOURCE} and Shipshape's table of popular actions, ${TABLE_DATE}._`);
  return parts.join("\n\n");
}

/** The dotted word under the cursor inside `${{ }}`, cut at the cursor's part. */
function expressionWordAt(line: string, character: number): { word: string; start: number; end: number } | undefined {
  const open = line.lastIndexOf("${{", character);
  if (open < 0) return undefined;
  const close = line.indexOf("}}", open);
  if (close >= 0 && close < character) return undefined;
  let start = character;
  while (start > 0 && /[A-Za-z0-9_.-]/.test(line[start - 1]!)) start--;
  let end = character;
  while (end < line.length && /[A-Za-z0-9_-]/.test(line[end]!)) end++;
  if (start === end) return undefined;
  return { word: line.slice(start, end), start, end };
}

function contextMarkdown(word: string): string | undefined {
  const [context, property] = word.split(".");
  if (!context) return undefined;
  if (context === "github" && property && GITHUB_PROPERTIES[property]) return `**github.${property}**\n\n${GITHUB_PROPERTIES[property]}`;
  const description = CONTEXTS[context];
  return description ? `**${context}**\n\n${description}` : undefined;
}

/** What may follow `prefix.` in an expression: contexts, github's properties, this workflow's step ids, needs, matrix keys and inputs. */
function contextCompletions(text: string, lines: LineIndex, line: number, prefix: string): WorkflowCompletionItem[] {
  const item = (label: string, documentation?: string, index = 0): WorkflowCompletionItem => {
    const completion: WorkflowCompletionItem = { label, kind: "value", newText: label, required: false, deprecated: false, sortText: String(index).padStart(3, "0") + label };
    if (documentation) completion.documentation = documentation;
    return completion;
  };
  if (prefix === "") return Object.entries(CONTEXTS).map(([name, doc], index) => item(name, doc, index));
  if (prefix === "github") return Object.entries(GITHUB_PROPERTIES).map(([name, doc]) => item(name, doc));
  const jobLines = enclosingJob(lines, line);
  if (prefix === "steps" && jobLines) {
    const ids: string[] = [];
    for (let at = jobLines.start; at < Math.min(jobLines.end, line); at++) {
      const match = /^\s*(?:-\s+)?id:\s*['"]?([A-Za-z_][\w-]*)/.exec(lines.lineText(at));
      if (match) ids.push(match[1]!);
    }
    return ids.map((id) => item(id, "A step of this job that runs before this one."));
  }
  if (prefix === "needs" && jobLines) {
    const needs = /^\s*needs:\s*(.*)$/m.exec(lines.text.slice(lines.lineStarts[jobLines.start], lines.lineStarts[Math.min(jobLines.end, lines.lineCount - 1)]));
    const names = needs ? needs[1]!.replace(/[[\]'"]/g, "").split(",").map((name) => name.trim()).filter(Boolean) : [];
    return names.map((name) => item(name, "A job this job needs."));
  }
  if (prefix === "matrix" && jobLines) {
    const keys = new Set<string>();
    let matrixIndent: number | undefined;
    for (let at = jobLines.start; at < jobLines.end; at++) {
      const entry = isContent(lines, at) ? entryOf(lines, at) : undefined;
      if (!entry) continue;
      if (entry.key === "matrix") matrixIndent = entry.keyIndent;
      else if (matrixIndent !== undefined && entry.keyIndent <= matrixIndent) matrixIndent = undefined;
      else if (matrixIndent !== undefined && (entry.keyIndent === matrixIndent + 2 || entry.dashIndent !== undefined) && entry.key !== "include" && entry.key !== "exclude") keys.add(entry.key);
    }
    return [...keys].map((key) => item(key, "A key of this job's matrix."));
  }
  if (prefix === "inputs") {
    const names = new Set<string>();
    const match = /^ {2,}inputs:\s*$/m.exec(text);
    if (match) {
      const start = lines.positionAt(match.index).line;
      const indent = lines.lineText(start).search(/\S/);
      for (let at = start + 1; at < lines.lineCount; at++) {
        if (!isContent(lines, at)) continue;
        const column = lines.lineText(at).search(/\S/);
        if (column <= indent) break;
        const entry = entryOf(lines, at);
        if (entry && column === indent + 2) names.add(entry.key);
      }
    }
    return [...names].map((name) => item(name, "An input this workflow declares."));
  }
  return [];
}

/** Lines [start, end) of the job the line is in. */
function enclosingJob(lines: LineIndex, line: number): { start: number; end: number } | undefined {
  let jobsLine = -1;
  for (let at = line; at >= 0; at--) if (/^jobs:\s*(#.*)?$/.test(lines.lineText(at))) { jobsLine = at; break; }
  if (jobsLine < 0) return undefined;
  let start = -1;
  for (let at = line; at > jobsLine; at--) if (/^ {2}[^\s#][^:]*:/.test(lines.lineText(at))) { start = at; break; }
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.lineCount && !/^ {0,2}[^\s#]/.test(lines.lineText(end))) end++;
  return { start, end };
}
