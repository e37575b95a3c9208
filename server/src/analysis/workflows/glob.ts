/**
 * Checks one pattern of a workflow's `branches`, `tags` or `paths` filter against GitHub's
 * filter-pattern syntax: `*`, `**`, `?` and `+` after a character, `[...]` classes with
 * ranges, a leading `!` to negate and `\` to escape a special character.
 *
 * Two kinds of problem come back. A syntax problem (`severity: "error"`) is a pattern GitHub
 * cannot read. A never-matching problem (`"warning"`) reads fine but can match no ref or
 * path, like a branch name with a space or a path that starts with `./`, so the filter
 * silently never fires. Offsets are into the pattern's value, not the YAML source.
 */
export function filterPatternProblems(pattern: string, kind: FilterKind): GlobProblem[] {
  const problems: GlobProblem[] = [];
  if (pattern === "") return [{ severity: "error", start: 0, end: 0, message: "is empty, so it matches nothing" }];
  const trimmed = pattern.trim();
  if (trimmed !== pattern) {
    // A space around a pattern is part of it, and no branch, tag or checked-in path starts or ends with one.
    problems.push({ severity: "warning", start: 0, end: pattern.length, message: "has white space around it, which is part of the pattern, so it never matches", replacement: trimmed });
    return problems;
  }
  const negated = pattern.startsWith("!");
  let index = negated ? 1 : 0;
  if (negated && pattern.length === 1) return [{ severity: "error", start: 0, end: 1, message: "is a lone !, which negates nothing" }];
  const body = pattern.slice(index);
  if (kind === "path") {
    if (body.startsWith("./")) problems.push({ severity: "warning", start: index, end: index + 2, message: "starts with ./, but paths are matched from the repository root without it, so it never matches", replacement: pattern.slice(0, index) + body.replace(/^(\.\/)+/, "") });
    else if (body.startsWith("/")) problems.push({ severity: "warning", start: index, end: index + 1, message: "starts with /, but paths are matched from the repository root without it, so it never matches", replacement: pattern.slice(0, index) + body.replace(/^\/+/, "") });
  } else {
    if (body.startsWith("/")) problems.push({ severity: "warning", start: index, end: index + 1, message: "starts with /, which no Git ref name does, so it never matches", replacement: pattern.slice(0, index) + body.replace(/^\/+/, "") });
  }
  // Whether the previous token was a literal character, which `?` and `+` need to repeat.
  let afterLiteral = false;
  // A regular-expression escape is reported once per pattern: its fix rewrites every one at once.
  let regexReported = false;
  while (index < pattern.length) {
    const char = pattern[index];
    const start = index;
    index++;
    switch (char) {
      case "\\": {
        const next = pattern[index];
        if (next === undefined) {
          problems.push({ severity: "warning", start, end: index, message: "ends with \\, which escapes nothing, so it never matches" });
        } else if ("[?*+\\!".includes(next)) {
          index++;
          // Only +, \ and ! may stand in a ref name; a literal [, ? or * never can.
          if (kind !== "path" && "[?*".includes(next)) problems.push({ severity: "warning", start, end: index, message: `asks for a literal ${next}, which no Git ref name holds, so it never matches` });
        } else if (kind !== "path") {
          index++;
          const regex = REGEX_ESCAPES[next];
          if (regex) {
            if (!regexReported) problems.push({ severity: "warning", start, end: index, message: `uses \\${next} as in a regular expression, but filters are globs, where it is a literal \\ that no Git ref name holds, so it never matches`, replacement: pattern.replace(/\\([dw])/g, (_, letter: string) => REGEX_ESCAPES[letter]!) });
            regexReported = true;
          }
          else problems.push({ severity: "warning", start, end: index, message: "holds a \\, which no Git ref name does (only [ ? * + \\ ! may follow \\ in a filter), so it never matches" });
        }
        afterLiteral = true;
        break;
      }
      case "?":
      case "+":
        if (!afterLiteral) problems.push({ severity: "error", start, end: index, message: `has ${char} ${start === (negated ? 1 : 0) ? "at its start" : "after another special character"}, but ${char} repeats the character before it` });
        afterLiteral = false;
        break;
      case "*":
        afterLiteral = false;
        break;
      case "[": {
        const close = pattern.indexOf("]", index);
        if (close < 0) {
          problems.push({ severity: "error", start, end: pattern.length, message: "opens a [ character class that is never closed with ]" });
          return problems;
        }
        const members = pattern.slice(index, close);
        const classProblem = characterClassProblem(members);
        if (classProblem) problems.push({ severity: "error", start, end: close + 1, message: classProblem });
        index = close + 1;
        afterLiteral = true;
        break;
      }
      case "\n":
      case "\r":
        problems.push({ severity: "error", start, end: index, message: "holds a line break, which no ref or path can" });
        afterLiteral = true;
        break;
      default:
        if (kind !== "path" && INVALID_REF_CHARACTERS.test(char)) {
          problems.push({ severity: "warning", start, end: index, message: `holds ${describe(char)}, which no Git ref name may contain, so it never matches` });
        }
        afterLiteral = true;
    }
  }
  if (kind !== "path") {
    const sequence = /\.\.|@\{|\/\/|\.lock$|[./]$/.exec(pattern);
    if (sequence && !problems.some((problem) => problem.severity === "error")) {
      const what = sequence[0].endsWith("lock") ? "ends with .lock" : sequence[0].length === 1 ? `ends with ${sequence[0]}` : `holds ${sequence[0]}`;
      problems.push({ severity: "warning", start: sequence.index, end: sequence.index + sequence[0].length, message: `${what}, which no Git ref name may, so it never matches` });
    }
  }
  return problems;
}

/** A ref filter (`branches`, `tags`) matches Git ref names; a path filter matches repository paths. */
export type FilterKind = "branch" | "tag" | "path";

export interface GlobProblem {
  severity: "error" | "warning";
  /** The problem's place in the pattern, as offsets into its value. */
  start: number;
  end: number;
  /** Reads after "The pattern "x" ...". */
  message: string;
  /** The whole pattern, rewritten so the problem is gone, when the intent is plain. */
  replacement?: string;
}

/** The filter keys of an event and what each matches. */
export const FILTER_KEYS: Record<string, FilterKind> = {
  branches: "branch",
  "branches-ignore": "branch",
  tags: "tag",
  "tags-ignore": "tag",
  paths: "path",
  "paths-ignore": "path",
};

/** Regular-expression escapes people write in filters, and the glob that means the same. */
const REGEX_ESCAPES: Record<string, string> = { d: "[0-9]", w: "[a-zA-Z0-9_]" };

/** Characters `git check-ref-format` refuses, besides the glob specials: controls, space, ~ ^ : and DEL. */
const INVALID_REF_CHARACTERS = /[\x00-\x20~^:\x7f]/;

function characterClassProblem(members: string): string | undefined {
  if (members === "") return "has an empty [] character class, which matches nothing";
  for (let index = 0; index < members.length; index++) {
    if (members[index + 1] !== "-") continue;
    const low = members[index];
    const high = members[index + 2];
    if (high === undefined) return `has the range ${low}- in [${members}] without an end`;
    if (low > high) return `has the range ${low}-${high} in [${members}], whose start comes after its end`;
    index += 2;
  }
  return undefined;
}

function describe(char: string): string {
  if (char === " ") return "a space";
  if (char === "\t") return "a tab";
  if (char.charCodeAt(0) < 0x20 || char === "\x7f") return "a control character";
  return char;
}
