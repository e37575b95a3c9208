import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Fixture conventions, shared by the rule runner and the LSP tests.
 *
 * A rule's `fixtures/` folder is a small workspace: paths decide kinds as they would in a
 * real one (`.github/workflows/x.yml` is a workflow). A comment marks each expected finding:
 *   key: value   # want <rule-id> fix="<fix title>"
 *   #  ^ want <rule-id>            (a marker line with a caret points at the line above)
 * `NAME.golden.EXT` next to `NAME.EXT` is the file after every named fix is applied.
 */
export interface Expectation {
  line: number;
  ruleId: string;
  fixTitle?: string;
}

const MARKER = /#\s*(\^\s*)?want\s+([a-z0-9-]+\/[a-z0-9-]+)(?:\s+fix="([^"]*)")?/g;

export function expectationsOf(text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split("\n").forEach((line, index) => {
    for (const match of line.matchAll(MARKER)) {
      const expectation: Expectation = { line: match[1] ? index - 1 : index, ruleId: match[2]! };
      if (match[3] !== undefined) expectation.fixTitle = match[3];
      expectations.push(expectation);
    }
  });
  return expectations;
}

/** Every file below a folder, with paths relative to it, dot-folders included. */
export function filesBelow(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(root, path));
    }
  };
  walk(root);
  return found.sort();
}

export function goldenPathOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return `${path.slice(0, dot)}.golden${path.slice(dot)}`;
}

export function isGolden(path: string): boolean {
  return /\.golden\.[^/]+$/.test(path);
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
