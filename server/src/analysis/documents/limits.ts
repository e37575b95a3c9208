/**
 * Safety limits that keep a hostile or accidental input from hanging the editor.
 * Past a limit the file gets one clear finding and no further analysis.
 */
export const LIMITS = {
  /** Files larger than this are not parsed. Real manifests and workflows are far smaller. */
  maxFileBytes: 4 * 1024 * 1024,
  /** Alias expansions allowed when a document is turned into plain data. */
  maxAliasCount: 1000,
  /** Nesting deeper than this is not walked by rules. */
  maxNestingDepth: 500,
  /** How much of a file is sampled to tell binary from text. */
  binarySniffBytes: 8192,
} as const;
