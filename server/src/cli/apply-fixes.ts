import { randomBytes } from "node:crypto";
import { chmod, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LineIndex, applyEdits, fixesForFinding, normalizePath, type Finding, type SourceFile, type TextEdit } from "../analysis/index.ts";

/** A fix can uncover or unblock another; past this many passes the file is left as it is. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text; the input text when nothing applied. */
  text: string;
  /** Findings of the fixed text. */
  findings: Finding[];
  /** How many findings a safe fix was applied for. */
  fixedFindings: number;
}

/**
 * Applies the first safe fix of each finding, pass after pass, until nothing changes.
 * In one pass, a fix whose edits overlap or touch an already chosen one waits for the
 * next pass, where it is rebuilt against the new text. Pure: no I/O.
 */
export function fixFile(file: SourceFile, analyse: (file: SourceFile) => Finding[]): FixOutcome {
  let text = file.text;
  let findings = analyse(file);
  let fixedFindings = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = chooseEdits({ path: file.path, text }, findings);
    if (chosen.fixes === 0) break;
    let next: string;
    try {
      next = applyEdits(text, chosen.edits);
    } catch {
      // Edits inside one fix overlapped: a bug in that rule's fix. Keep what was fixed so far.
      break;
    }
    if (next === text) break;
    text = next;
    fixedFindings += chosen.fixes;
    findings = analyse({ path: file.path, text });
  }
  return { text, findings, fixedFindings };
}

/** Whether `--fix` would change something for this finding. */
export function hasSafeFix(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.safe);
}

/** A write deliberately not done; the findings reported for the file stay accurate. */
export class WriteSkipped extends Error {
  override readonly name = "WriteSkipped";
}

/**
 * Writes fixed content over a file without ever leaving it half written: a temporary
 * file in the same folder is renamed over it. The file is left alone when its bytes are
 * no longer what was read (edited meanwhile, or not valid UTF-8, which decoding would
 * have damaged).
 */
export async function writeFixedFile(path: string, originalContent: string, newContent: string): Promise<void> {
  const target = await realpath(path);
  const current = await readFile(target);
  if (!current.equals(Buffer.from(originalContent, "utf8"))) {
    throw new WriteSkipped("it changed since it was read, or is not valid UTF-8 and rewriting it would damage it");
  }
  const { mode } = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.shipshape-tmp`);
  try {
    await writeFile(temporary, newContent, { encoding: "utf8", flag: "wx" });
    await chmod(temporary, mode & 0o7777);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

interface Span {
  start: number;
  end: number;
}

function chooseEdits(file: SourceFile, findings: readonly Finding[]): { edits: TextEdit[]; fixes: number } {
  const lines = new LineIndex(file.text);
  const taken: Span[] = [];
  const edits: TextEdit[] = [];
  let fixes = 0;
  for (const finding of findings) {
    if (!hasSafeFix(finding)) continue;
    const fix = fixesForFinding(finding.ruleId, finding.data, file).find((candidate) => candidate.safe);
    // `--fix` writes one file at a time; a fix that edits another file stays a quick-fix.
    if (!fix || fix.edits.length === 0 || fix.edits.some((edit) => edit.path !== undefined && normalizePath(edit.path) !== file.path)) continue;
    const spans = fix.edits.map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }));
    if (overlapEachOther(spans) || spans.some((span) => taken.some((other) => touches(span, other)))) continue;
    taken.push(...spans);
    edits.push(...fix.edits.map(({ range, newText }) => ({ range, newText })));
    fixes++;
  }
  return { edits, fixes };
}

/** A fix whose own edits overlap is a bug in its rule; skipping it keeps the other fixes of the pass. */
function overlapEachOther(spans: readonly Span[]): boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((span, index) => index > 0 && span.start < sorted[index - 1]!.end);
}

/** Touching spans count too: the order of two insertions at one offset would be a guess. */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
