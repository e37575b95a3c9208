/** One row of the results table. `null` means the figure could not be measured; `notes` says why. */
export interface Figure {
  /** A stable identifier, for tools that compare results.json across runs. */
  id: string;
  figure: string;
  shipshape: number | null;
  peer: number | null;
  /** Which peer the peer column holds, with its version; empty when the row has none. */
  peerName: string;
  unit: string;
  notes: string;
  /** The individual runs and anything else a reader may want to re-check. */
  details?: Record<string, unknown>;
}

/** The message a module throws when its figure cannot be measured here; the runner prints it as "skipped". */
export class Skipped extends Error {}
