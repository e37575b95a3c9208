/**
 * Tokenizes text with the real TextMate engine that VS Code uses (vscode-textmate + vscode-oniguruma),
 * so the grammar tests see the scopes the editor would.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const REPO = join(__dirname, "..", "..");

/**
 * VS Code ships its YAML grammar inside the editor, not on npm. tm-grammars carries the TextMate YAML
 * grammar with the same scope name (source.yaml) and the same key scope (entity.name.tag.yaml).
 */
const GRAMMAR_FILES: Record<string, string> = {
  "source.helm": join(REPO, "syntaxes", "helm.tmLanguage.json"),
  "source.yaml": require.resolve("tm-grammars/grammars/yaml.json"),
};

export interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

let registry: Promise<textmate.Registry> | undefined;

function createRegistry(): Promise<textmate.Registry> {
  return (registry ??= (async () => {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        const file = GRAMMAR_FILES[scopeName];
        return file ? textmate.parseRawGrammar(readFileSync(file, "utf8"), file) : null;
      },
    });
  })());
}

export async function tokenize(text: string, scopeName = "source.helm"): Promise<Token[]> {
  const grammar = await (await createRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`No grammar for ${scopeName}`);
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split("\n").forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, lineText.length);
      if (end <= token.startIndex) continue;
      tokens.push({ line, start: token.startIndex, end, text: lineText.slice(token.startIndex, end), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/**
 * The scopes that every character of `needle` has, at its `nth` occurrence in `text` (0-based).
 * A needle that spans tokens gets only the scopes that all of them share.
 */
export function scopesOf(tokens: Token[], text: string, needle: string, nth = 0): string[] {
  const lines = text.split("\n");
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let at = lines[line]!.indexOf(needle); at >= 0; at = lines[line]!.indexOf(needle, at + 1)) {
      if (seen++ < nth) continue;
      const covering = tokens.filter((t) => t.line === line && t.end > at && t.start < at + needle.length);
      return covering.map((t) => t.scopes).reduce((shared, scopes) => shared.filter((s) => scopes.includes(s)));
    }
  }
  throw new Error(`"${needle}" (occurrence ${nth}) is not in the text`);
}
