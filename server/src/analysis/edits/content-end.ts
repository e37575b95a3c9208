/**
 * The offset just past a node's last non-blank character. The `yaml` package ends a block
 * collection after its trailing line break, on the next line, so edits that work line by
 * line must step back over that first.
 */
export function contentEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && (text[at - 1] === "\n" || text[at - 1] === "\r" || text[at - 1] === " " || text[at - 1] === "\t")) at--;
  return at;
}
