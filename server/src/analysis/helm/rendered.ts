import type { Finding, SourceFile } from "../types.ts";
import { LineIndex } from "../documents/line-index.ts";

/**
 * Findings of rendered charts, mapped back to templates. `helm template` prints each
 * rendered template after a `# Source: <chart>/templates/<file>` comment; each part is
 * analysed as a manifest (by the caller, with the Kubernetes rules), and each finding is
 * moved to the template's line that wrote the rendered line: the same text, else the same
 * key, else the template's first line. Rendered findings carry no data and no fixes, since
 * a fix of the output is not an edit of the template.
 */
export interface RenderedPart {
  /** The template's path, as the analysis names files. */
  templatePath: string;
  text: string;
}

const SOURCE = /^# Source: (.+)$/;

/** The rendered output cut at its `# Source:` comments, each part with its template's path under `chartRoot`. */
export function splitRendered(output: string, chartRoot: string): RenderedPart[] {
  const parts: RenderedPart[] = [];
  let current: { source: string; lines: string[] } | undefined;
  const flush = () => {
    if (current && current.lines.some((line) => line.trim() !== "" && line.trim() !== "---")) {
      // The first segment is the chart's name; what follows is the path inside the chart (`charts/sub/templates/...` for a subchart).
      const inside = current.source.slice(current.source.indexOf("/") + 1);
      parts.push({ templatePath: `${chartRoot}/${inside}`, text: current.lines.join("\n") + "\n" });
    }
  };
  for (const line of output.split(/\r?\n/)) {
    const match = SOURCE.exec(line);
    if (match) {
      flush();
      current = { source: match[1]!.trim(), lines: [] };
      continue;
    }
    if (line === "---") {
      if (current) current.lines.push(line);
      continue;
    }
    current?.lines.push(line);
  }
  flush();
  return parts;
}

/**
 * Analyses each rendered part with `analyse` and returns the findings at their templates'
 * lines. `templateText` gives a template's current text; a part whose template is unknown is dropped.
 */
export function renderedFindings(parts: readonly RenderedPart[], analyse: (part: SourceFile) => Finding[], templateText: (path: string) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const part of parts) {
    const template = templateText(part.templatePath);
    if (template === undefined) continue;
    const templateLines = new LineIndex(template);
    const rendered = part.text.split("\n");
    for (const finding of analyse({ path: `${part.templatePath}.rendered.yaml`, text: part.text })) {
      const line = lineInTemplate(rendered[finding.range.start.line] ?? "", template);
      const start = template.split("\n")[line]!.length - template.split("\n")[line]!.trimStart().length;
      findings.push({
        ...finding,
        path: part.templatePath,
        message: `In the rendered chart: ${finding.message}`,
        range: { start: { line, character: start }, end: { line, character: templateLines.lineEnd(line) - templateLines.lineStarts[line]! } },
        data: null,
        fixes: [],
      });
    }
  }
  return findings;
}

/** The template line that most likely wrote a rendered line. */
export function lineInTemplate(renderedLine: string, template: string): number {
  const lines = template.split("\n");
  const wanted = renderedLine.trim();
  if (wanted !== "") {
    const exact = lines.findIndex((line) => line.trim() === wanted);
    if (exact >= 0) return exact;
    const key = /^(- )?([^\s:{}]+):/.exec(wanted)?.[2];
    if (key !== undefined) {
      const keyed = lines.findIndex((line) => new RegExp(`^\\s*(- )?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`).test(line));
      if (keyed >= 0) return keyed;
    }
  }
  return 0;
}
