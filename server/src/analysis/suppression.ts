/**
 * Suppression comments. They work in YAML (`# ...`) and in Go templates (`{{/* ... *\/}}`),
 * because only the directive text is looked for:
 *   shipshape-disable-next-line [rule-id ...]   the next line
 *   shipshape-disable-file [rule-id ...]        the whole file
 * With no rule id, every rule is suppressed.
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const DIRECTIVE = /shipshape-disable-(next-line|file)\b([^\n]*)/;

export function parseSuppressions(text: string): Suppressions {
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  if (!text.includes("shipshape-disable-")) return { isSuppressed: () => false };

  const lines = text.split("\n");
  lines.forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const ids = ruleIds(match[2] ?? "");
    const target = match[1] === "file" ? fileWide : getOrCreate(byLine, index + 1);
    if (ids.length === 0) target.add("*");
    for (const id of ids) target.add(id);
  });
  return {
    isSuppressed(ruleId, line) {
      if (fileWide.has("*") || fileWide.has(ruleId)) return true;
      const ids = byLine.get(line);
      return ids !== undefined && (ids.has("*") || ids.has(ruleId));
    },
  };
}

/** Rule ids are separated by spaces or commas; a closing `*}}`, `--` or reason text ends them. */
function ruleIds(rest: string): string[] {
  const ids: string[] = [];
  for (const word of rest.split(/[\s,]+/)) {
    if (word === "" ) continue;
    if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(word)) break;
    ids.push(word);
  }
  return ids;
}

function getOrCreate<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
