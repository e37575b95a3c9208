/**
 * How one of our rules maps to checks of Polaris and kube-linter, for the corpus
 * agreement tests. `options` configure the rule as it runs on those checks' fixtures.
 */
export interface CorpusCheck {
  rule: string;
  /** Polaris checks: folders of `../shared/corpora/polaris-checks`. */
  polaris?: string[];
  /** kube-linter checks: `check` names of `../shared/corpora/kube-linter-checks/expected.json`. */
  kubeLinter?: string[];
  /** Why a mutated file differs, when it does. The test then checks that the fixed file no longer triggers the rule. */
  mutatedDiffers?: string;
  /**
   * Why our rule offers no fix where Polaris has one. The test then checks that no fix is
   * offered, instead of comparing with the mutated file.
   */
  noFix?: string;
  options?: Record<string, unknown>;
}
