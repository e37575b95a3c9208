import type { Pair, Scalar, YAMLMap } from "yaml";
import type { LineIndex } from "../../documents/line-index.ts";
import type { TextEdit } from "../../types.ts";
import { getPair, type AnyNode } from "../../documents/ast.ts";
import { insertIntoBlockMap } from "../../edits/block-map.ts";
import { insertEntriesAfter, insertEntriesBefore, replaceEntry } from "../../edits/map-entries.ts";

/** Where a new entry reads best: right after or right before a related one. */
export type Placement = { after: Pair } | { before: Pair } | undefined;

/**
 * Edits that give a mapping `key: value`. A key that is already written (with no value,
 * as callers only add what is unset) is rewritten where it is; a missing key goes beside the entry named by `placement`, or after the
 * last entry. `undefined` when the mapping's shape cannot be edited faithfully.
 */
export function addEntry(map: YAMLMap<Scalar, AnyNode>, key: string, value: string | number, lines: LineIndex, placement?: Placement): TextEdit[] | undefined {
  const entries = { [key]: value };
  const existing = getPair(map, key);
  if (existing !== undefined) {
    const edit = replaceEntry(map, existing, entries, lines);
    return edit ? [edit] : undefined;
  }
  const beside = placement === undefined ? undefined : "after" in placement ? insertEntriesAfter(map, placement.after, entries, lines) : insertEntriesBefore(map, placement.before, entries, lines);
  return beside ? [beside] : insertIntoBlockMap(map, entries, lines);
}
