import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import {
  LineIndex,
  analyzeFile,
  applyEdits,
  defaultConfig,
  fixesForFinding,
  kubernetesEnvironment,
  ruleById,
  type Finding,
  type KubernetesEnvironment,
  type TextEdit,
} from "../../server/src/analysis/index.ts";
import { loadBundledSchemas } from "../../server/src/io/schema-data.ts";
import type { CorpusCheck } from "./checks/types.ts";
import { RELIABILITY_CHECKS } from "./checks/reliability.ts";
import { SECURITY_CHECKS } from "./checks/security.ts";

/**
 * What the corpus agreement tests share: where the corpora are, the mapping of our rules
 * to the other tools' checks, and analysis and fixing of one fixture with one rule on.
 */

/** `../shared/corpora` beside the repository, as the issue names it. */
export const CORPORA = resolve(__dirname, "../../../shared/corpora");

/** Every mapped check, reliability and security alike. */
export const CORPUS_CHECKS: readonly CorpusCheck[] = [...RELIABILITY_CHECKS, ...SECURITY_CHECKS];

/** A fix may uncover another; past this many passes the text is left as it is, as `--fix` does. */
const MAX_FIX_PASSES = 5;

let environment: KubernetesEnvironment | undefined;

/** The bundled schemas of the default target version, loaded once. */
export function corpusEnvironment(): KubernetesEnvironment {
  environment ??= kubernetesEnvironment(loadBundledSchemas(), undefined);
  return environment;
}

export function corpusExists(name: string): boolean {
  return existsSync(resolve(CORPORA, name));
}

/** The findings of the check's rule alone, with the rule on and configured by the check's options. Throws when the rule throws. */
export function findingsOf(check: CorpusCheck, path: string, text: string): Finding[] {
  if (!ruleById(check.rule)) throw new Error(`${check.rule} is not a registered rule`);
  const config = defaultConfig();
  config.rules[check.rule] = check.options ? { options: check.options } : {};
  const errors: unknown[] = [];
  const findings = analyzeFile({ path, text }, { config, kubernetes: corpusEnvironment(), onRuleError: (ruleId, _path, error) => ruleId === check.rule && errors.push(error) });
  if (errors.length > 0) throw new Error(`${check.rule} threw on ${path}: ${String(errors[0])}`);
  return findings.filter((finding) => finding.ruleId === check.rule);
}

/** The outcome of applying a rule's fixes: the text, and how many fixes were applied. */
export interface Fixed {
  text: string;
  applied: number;
}

/**
 * Applies the first fix of each of the rule's findings, pass after pass, until no finding
 * has one. This is the CLI's `--fix` loop, except that it takes unsafe fixes as well: it
 * plays a person who accepts the quick-fix. Within a pass, a fix that touches one already
 * chosen waits for the next pass.
 */
export function fixRepeatedly(check: CorpusCheck, path: string, text: string): Fixed {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const lines = new LineIndex(current);
    const taken: Array<[number, number]> = [];
    const edits: TextEdit[] = [];
    for (const finding of findingsOf(check, path, current)) {
      const fix = fixesForFinding(finding.ruleId, JSON.parse(JSON.stringify(finding.data)), { path, text: current })[0];
      if (!fix || fix.edits.length === 0) continue;
      const spans = fix.edits.map((edit): [number, number] => [lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)]);
      if (spans.some(([start, end]) => taken.some(([otherStart, otherEnd]) => start <= otherEnd && otherStart <= end))) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
      applied++;
    }
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return { text: current, applied };
}

/** Each YAML document of a text as plain data, so two texts compare as YAML, whatever their key order, layout and comments. */
export function yamlData(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw new Error(`not valid YAML: ${document.errors[0]!.message}`);
    return document.toJS();
  });
}
