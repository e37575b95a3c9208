import { scanTemplate, type Segment, type Token } from "./template-scanner.ts";

/**
 * What a template says about values: every `.Values` path it reads, where, and whether the
 * read is guarded; the templates it defines and includes. Computed from the scanner's
 * tokens by following the template's structure (`if`, `with`, `range`, `define`, `end`)
 * with an abstract value for `.`, `$` and each variable. Never throws.
 */
export interface TemplateFacts {
  references: ValuesReference[];
  defines: DefinedTemplate[];
  includes: TemplateInclude[];
  /** `.Values` as a whole is passed somewhere (`toYaml .Values`, `index .Values $key`): any key may be read. */
  readsAllValues: boolean;
}

export interface ValuesReference {
  /** The keys below `.Values`. */
  path: string[];
  /**
   * Offsets of each key of `path` that is written in the text, aligned with `path`; keys
   * that come from an enclosing `with` have none.
   */
  segments: Array<[number, number] | undefined>;
  /** Offsets of the whole expression, for go-to-definition and hover. */
  at: [number, number];
  /** Read by `default`, `if`, `with`, `hasKey`, `dig`, `required` and the like: a missing key is expected. */
  guarded: boolean;
  /** Paths tested by the enclosing `if`/`with` conditions. */
  guards: string[][];
  /** The subtree is read as a whole or with dynamic keys: it marks keys used, but is not checked. */
  loose: boolean;
  /** The `define` the reference is in, whose `.` depends on the caller. */
  define?: string;
}

export interface DefinedTemplate {
  name: string;
  at: [number, number];
}

export interface TemplateInclude {
  name: string;
  /** `.` or `$` at the top level of a template (the chart's root context), or anything else. */
  context: "root" | "other";
  define?: string;
  /** Paths tested by the `if`/`with` conditions around the include. */
  guards: string[][];
}

/** The abstract value of an expression. */
type Value = { kind: "root" } | { kind: "values"; path: string[]; segments: Array<[number, number] | undefined> } | { kind: "unknown" };

const ROOT: Value = { kind: "root" };
const UNKNOWN: Value = { kind: "unknown" };

/** Functions whose argument may be missing without harm. */
const GUARDS = new Set(["default", "coalesce", "empty", "required", "ternary", "kindIs", "kindOf", "typeOf", "typeIs", "typeIsLike", "hasKey", "dig", "not", "and", "or", "eq", "ne", "get", "pluck", "deepCopy", "fail"]);

interface Scope {
  kind: "template" | "if" | "with" | "range" | "define" | "block" | "other";
  dot: Value;
  dollar: Value;
  variables: Map<string, Value>;
  guards: string[][];
  define: string | undefined;
  /** The `.` before a `with`, restored by its `else`. */
  outerDot: Value;
}

export function templateFacts(text: string): TemplateFacts {
  const facts: TemplateFacts = { references: [], defines: [], includes: [], readsAllValues: false };
  try {
    collect(text, facts);
  } catch {
    // Keep what was found: the evaluator is written not to throw.
  }
  return facts;
}

function collect(text: string, facts: TemplateFacts): void {
  const stack: Scope[] = [{ kind: "template", dot: ROOT, dollar: ROOT, variables: new Map(), guards: [], define: undefined, outerDot: ROOT }];
  const top = () => stack[stack.length - 1]!;
  const push = (kind: Scope["kind"], dot: Value, extraGuards: string[][] = []) => {
    const outer = top();
    stack.push({ kind, dot, dollar: outer.dollar, variables: new Map(), guards: [...outer.guards, ...extraGuards], define: outer.define, outerDot: outer.dot });
  };

  for (const action of scanTemplate(text)) {
    if (action.comment || action.tokens.length === 0) continue;
    const tokens = action.tokens;
    const first = tokens[0]!;
    const keyword = first.kind === "ident" ? first.value : undefined;
    const evaluator = new Evaluator(facts, stack);

    switch (keyword) {
      case "if": {
        const guards = evaluator.condition(tokens.slice(1));
        push("if", top().dot, guards);
        continue;
      }
      case "with": {
        const { value, guards } = evaluator.bound(tokens.slice(1));
        push("with", value, guards);
        continue;
      }
      case "range": {
        const { guards } = evaluator.bound(tokens.slice(1), true);
        push("range", UNKNOWN, guards);
        for (const name of declaredNames(tokens.slice(1))) top().variables.set(name, UNKNOWN);
        continue;
      }
      case "else": {
        const scope = top();
        if (stack.length === 1) continue;
        const second = tokens[1];
        if (second?.kind === "ident" && second.value === "if") {
          const guards = evaluator.condition(tokens.slice(2));
          scope.guards.push(...guards);
          scope.dot = scope.kind === "with" ? scope.outerDot : scope.dot;
        } else if (second?.kind === "ident" && second.value === "with") {
          const { value, guards } = evaluator.bound(tokens.slice(2));
          scope.guards.push(...guards);
          scope.dot = value;
        } else if (scope.kind === "with" || scope.kind === "range") {
          scope.dot = scope.outerDot;
        }
        continue;
      }
      case "end":
        if (stack.length > 1) stack.pop();
        continue;
      case "define":
      case "block": {
        const name = tokens[1]?.kind === "string" ? tokens[1].value : undefined;
        if (name !== undefined) facts.defines.push({ name, at: tokens[1]!.at });
        if (keyword === "block") {
          const context = evaluator.pipeline(tokens.slice(2), false);
          if (name !== undefined) facts.includes.push(includeOf(name, context, top()));
        }
        // A define's `.` is whatever each caller passes; its body is read as if it were the chart's root context.
        stack.push({ kind: keyword, dot: ROOT, dollar: ROOT, variables: new Map(), guards: [], define: name ?? "", outerDot: ROOT });
        continue;
      }
      case "template": {
        const name = tokens[1]?.kind === "string" ? tokens[1].value : undefined;
        const context = evaluator.pipeline(tokens.slice(2), false);
        if (name !== undefined) facts.includes.push(includeOf(name, context, top()));
        continue;
      }
      case "break":
      case "continue":
        continue;
      default:
        evaluator.statement(tokens);
    }
  }
}

function includeOf(name: string, context: Value, scope: Scope): TemplateInclude {
  const include: TemplateInclude = { name, context: context.kind === "root" ? "root" : "other", guards: scope.guards };
  if (scope.define !== undefined) include.define = scope.define;
  return include;
}

/** `$a, $b :=` at the start of a range clause. */
function declaredNames(tokens: readonly Token[]): string[] {
  const declare = tokens.findIndex((token) => token.kind === "declare" || token.kind === "assign");
  if (declare < 0) return [];
  return tokens.slice(0, declare).filter((token) => token.kind === "variable").map((token) => token.value);
}

/** A parsed term of a command. */
type Term =
  | { kind: "field"; token: Token }
  | { kind: "variable"; token: Token }
  | { kind: "ident"; token: Token }
  | { kind: "literal"; token: Token }
  | { kind: "paren"; commands: Term[][]; at: [number, number]; fields: Segment[] };

class Evaluator {
  constructor(
    private readonly facts: TemplateFacts,
    private readonly stack: readonly Scope[],
  ) {}

  private scope(): Scope {
    return this.stack[this.stack.length - 1]!;
  }

  /** A plain action: an optional declaration, then a pipeline whose value is written out. */
  statement(tokens: readonly Token[]): void {
    const declare = tokens.findIndex((token) => token.kind === "declare" || token.kind === "assign");
    if (declare > 0 && tokens.slice(0, declare).every((token) => token.kind === "variable" || token.kind === "comma")) {
      const value = this.pipeline(tokens.slice(declare + 1), false);
      const names = tokens.slice(0, declare).filter((token) => token.kind === "variable");
      for (const name of names) this.assign(name.value, names.length === 1 ? value : UNKNOWN, tokens[declare]!.kind === "declare");
      return;
    }
    this.pipeline(tokens, false);
  }

  /** An `if` condition: every read in it is guarded, and the paths it tests guard the body. */
  condition(tokens: readonly Token[]): string[][] {
    const before = this.facts.references.length;
    this.statementGuarded(tokens);
    return this.facts.references.slice(before).map((reference) => reference.path);
  }

  /** A `with` or `range` clause: its value becomes `.` (or each element of it). */
  bound(tokens: readonly Token[], isRange = false): { value: Value; guards: string[][] } {
    const before = this.facts.references.length;
    const declare = tokens.findIndex((token) => token.kind === "declare" || token.kind === "assign");
    const pipeline = declare >= 0 ? tokens.slice(declare + 1) : tokens;
    const value = this.pipeline(pipeline, true, isRange);
    if (declare >= 0 && !isRange) {
      const names = tokens.slice(0, declare).filter((token) => token.kind === "variable");
      if (names.length === 1) this.scope().variables.set(names[0]!.value, value);
    }
    return { value, guards: this.facts.references.slice(before).map((reference) => reference.path) };
  }

  private statementGuarded(tokens: readonly Token[]): void {
    const declare = tokens.findIndex((token) => token.kind === "declare");
    this.pipeline(declare >= 0 ? tokens.slice(declare + 1) : tokens, true);
  }

  /** Evaluates `a | b | c`, recording every values read. */
  pipeline(tokens: readonly Token[], guarded: boolean, loose = false): Value {
    const commands = this.parseCommands(tokens, { at: 0 }, false);
    return this.evalCommands(commands, guarded, loose);
  }

  private evalCommands(commands: Term[][], guarded: boolean, loose: boolean): Value {
    let piped: Value | undefined;
    for (let i = 0; i < commands.length; i++) {
      const next = commands[i + 1];
      const nextFunction = next?.[0]?.kind === "ident" ? next[0].token.value : undefined;
      const guardNext = nextFunction !== undefined && GUARDS.has(nextFunction);
      piped = this.evalCommand(commands[i]!, guarded || guardNext, loose, piped);
    }
    return piped ?? UNKNOWN;
  }

  private evalCommand(terms: Term[], guarded: boolean, loose: boolean, piped: Value | undefined): Value {
    if (terms.length === 0) return piped ?? UNKNOWN;
    const head = terms[0]!;
    if (head.kind !== "ident") {
      // A value alone (arguments after it would be a method call, which Helm values have none of).
      const value = this.evalTerm(head, guarded, loose || terms.length > 1);
      for (const term of terms.slice(1)) this.evalTerm(term, guarded, true);
      return value;
    }
    const name = head.token.value;
    const args = terms.slice(1);
    const isGuard = GUARDS.has(name);
    if (isAllValues(piped) && !PARTIAL_READS.has(name)) this.facts.readsAllValues = true;
    switch (name) {
      case "index": {
        const base = args[0] ? this.evalTerm(args[0], guarded, false, true) : UNKNOWN;
        const keys = args.slice(1);
        if (base.kind === "values" && keys.length > 0 && keys.every((term) => term.kind === "literal" && term.token.kind === "string")) {
          const path = [...base.path, ...keys.map((term) => (term as { token: Token }).token.value)];
          const segments = [...base.segments, ...keys.map((term) => stringInside((term as { token: Token }).token))];
          this.record(path, segments, [spanOf(args[0]!)[0], spanOf(args[args.length - 1]!)[1]], guarded, loose);
          return { kind: "values", path, segments };
        }
        if (base.kind === "values") this.recordLoose(base, args[0] ? spanOf(args[0]) : head.token.at, guarded);
        for (const key of keys) this.evalTerm(key, guarded, true);
        return UNKNOWN;
      }
      case "hasKey":
      case "get": {
        const base = args[0] ? this.evalTerm(args[0], true, false, true) : piped ?? UNKNOWN;
        const key = args[1];
        if (base.kind === "values" && key?.kind === "literal" && key.token.kind === "string") {
          this.record([...base.path, key.token.value], [...base.segments, stringInside(key.token)], [spanOf(args[0]!)[0], key.token.at[1]], true, false);
        } else if (base.kind === "values") {
          this.recordLoose(base, args[0] ? spanOf(args[0]) : head.token.at, true);
        }
        for (const term of args.slice(2)) this.evalTerm(term, true, true);
        return UNKNOWN;
      }
      case "dig": {
        // dig "a" "b" default map: the map is the last argument, or the piped value.
        const mapTerm = piped === undefined ? args[args.length - 1] : undefined;
        const base = mapTerm ? this.evalTerm(mapTerm, true, false, true) : piped!;
        const keys = (mapTerm ? args.slice(0, -2) : args.slice(0, -1)).filter((term) => term.kind === "literal" && term.token.kind === "string") as Array<{ kind: "literal"; token: Token }>;
        if (base.kind === "values" && keys.length > 0) {
          this.record([...base.path, ...keys.map((key) => key.token.value)], [...base.segments, ...keys.map((key) => stringInside(key.token))], [head.token.at[0], spanOf(terms[terms.length - 1]!)[1]], true, false);
        } else if (base.kind === "values") {
          this.recordLoose(base, mapTerm ? spanOf(mapTerm) : head.token.at, true);
        }
        for (const term of args) if (term !== mapTerm) this.evalTerm(term, true, true);
        return UNKNOWN;
      }
      case "include":
      case "template": {
        const nameTerm = args[0];
        const contextTerm = args[1];
        const context = contextTerm ? this.evalTerm(contextTerm, guarded, true) : piped ?? UNKNOWN;
        if (isAllValues(context)) this.facts.readsAllValues = true;
        for (const term of args.slice(2)) this.evalTerm(term, guarded, true);
        if (nameTerm?.kind === "literal" && nameTerm.token.kind === "string") this.facts.includes.push(includeOf(nameTerm.token.value, context, this.scope()));
        else if (nameTerm) this.evalTerm(nameTerm, guarded, true);
        return UNKNOWN;
      }
      default: {
        for (const term of args) if (isAllValues(this.evalTerm(term, guarded || isGuard, loose))) this.facts.readsAllValues = true;
        return UNKNOWN;
      }
    }
  }

  /**
   * The value of a term, recording values reads. `loose` reads mark a subtree used without
   * being checked; `partial` leaves the recording to the caller, which extends the path.
   */
  private evalTerm(term: Term, guarded: boolean, loose: boolean, partial = false): Value {
    switch (term.kind) {
      case "literal":
      case "ident":
        return UNKNOWN;
      case "field": {
        const base = term.token.attached ? UNKNOWN : this.scope().dot;
        return this.follow(base, term.token.segments, term.token.at, guarded, loose, partial);
      }
      case "variable": {
        const name = term.token.value;
        const base = name === "$" ? this.scope().dollar : this.lookup(name);
        return this.follow(base, term.token.segments, term.token.at, guarded, loose, partial);
      }
      case "paren": {
        const inner = this.evalCommands(term.commands, guarded, loose);
        if (term.fields.length === 0) return inner;
        return this.follow(inner, term.fields, term.at, guarded, loose, partial);
      }
    }
  }

  /** Follows `.a.b` from a value, and records the read when it lands in values. */
  private follow(base: Value, fields: readonly Segment[], at: [number, number], guarded: boolean, loose: boolean, partial: boolean): Value {
    let value = base;
    let index = 0;
    if (value.kind === "root") {
      if (fields.length === 0) return value;
      // In a define, `.` may be a dict that holds the root (`.root.Values.x`): handled as an unknown base.
      if (fields[0]!.name !== "Values") value = UNKNOWN;
      else {
        value = { kind: "values", path: [], segments: [] };
        index = 1;
      }
    }
    if (value.kind === "unknown") {
      // `.root.Values.x` or `$ctx.Values.x` in a define called with a dict: a read the chart makes, though not one that can be checked.
      const valuesAt = fields.findIndex((field) => field.name === "Values");
      if (valuesAt < 0) return UNKNOWN;
      const rest = fields.slice(valuesAt + 1);
      const path = rest.map((field) => field.name);
      if (path.length === 0) this.facts.readsAllValues = true;
      else this.record(path, rest.map((field) => field.at), at, true, true);
      return UNKNOWN;
    }
    if (value.kind !== "values") return UNKNOWN;
    const path = [...value.path, ...fields.slice(index).map((field) => field.name)];
    const segments = [...value.segments, ...fields.slice(index).map((field) => field.at)];
    const result: Value = { kind: "values", path, segments };
    if (!partial) {
      if (path.length === 0) {
        if (loose) this.facts.readsAllValues = true;
      } else {
        this.record(path, segments, at, guarded, loose);
      }
    }
    return result;
  }

  private record(path: string[], segments: Array<[number, number] | undefined>, at: [number, number], guarded: boolean, loose: boolean): void {
    const scope = this.scope();
    const reference: ValuesReference = { path, segments, at, guarded, guards: scope.guards, loose };
    if (scope.define !== undefined) reference.define = scope.define;
    this.facts.references.push(reference);
  }

  private recordLoose(base: Value & { kind: "values" }, at: [number, number], guarded: boolean): void {
    if (base.path.length === 0) this.facts.readsAllValues = true;
    else this.record(base.path, base.segments, at, guarded, true);
  }

  private lookup(name: string): Value {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i]!;
      const value = scope.variables.get(name);
      if (value !== undefined) return value;
      // A define is a template of its own: the variables around it are not its.
      if (scope.kind === "define" || scope.kind === "block") break;
    }
    return UNKNOWN;
  }

  private assign(name: string, value: Value, declare: boolean): void {
    if (declare) {
      this.scope().variables.set(name, value);
      return;
    }
    // `$x = ...` changes the variable where it was declared; its value is no longer one thing.
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i]!;
      if (scope.variables.has(name)) {
        scope.variables.set(name, UNKNOWN);
        return;
      }
    }
  }

  /** Splits tokens into commands (by `|`) of terms, with parentheses nested. */
  private parseCommands(tokens: readonly Token[], cursor: { at: number }, inParen: boolean): Term[][] {
    const commands: Term[][] = [[]];
    while (cursor.at < tokens.length) {
      const token = tokens[cursor.at]!;
      if (token.kind === "rparen") {
        if (inParen) return commands;
        cursor.at++;
        continue;
      }
      cursor.at++;
      const current = commands[commands.length - 1]!;
      switch (token.kind) {
        case "pipe":
          commands.push([]);
          break;
        case "lparen": {
          const inner = this.parseCommands(tokens, cursor, true);
          const close = tokens[cursor.at];
          const end = close?.at[1] ?? token.at[1];
          if (close?.kind === "rparen") cursor.at++;
          const next = tokens[cursor.at];
          let fields: Segment[] = [];
          let spanEnd = end;
          if (next?.kind === "field" && next.attached) {
            fields = next.segments;
            spanEnd = next.at[1];
            cursor.at++;
          }
          current.push({ kind: "paren", commands: inner, at: [token.at[0], spanEnd], fields });
          break;
        }
        case "field":
          current.push({ kind: "field", token });
          break;
        case "variable":
          current.push({ kind: "variable", token });
          break;
        case "ident":
          if (token.value === "true" || token.value === "false" || token.value === "nil") current.push({ kind: "literal", token });
          else current.push({ kind: "ident", token });
          break;
        case "string":
        case "number":
          current.push({ kind: "literal", token });
          break;
        default:
          break;
      }
    }
    return commands;
  }
}

/** Functions that read into their argument with keys of their own, so `.Values` passed to them is not read whole. */
const PARTIAL_READS = new Set(["index", "hasKey", "get", "dig", "include", "template"]);

function isAllValues(value: Value | undefined): boolean {
  return value !== undefined && value.kind === "values" && value.path.length === 0;
}

function spanOf(term: Term): [number, number] {
  return term.kind === "paren" ? term.at : term.token.at;
}

/** The offsets of a string literal's content, without its quotes. */
function stringInside(token: Token): [number, number] {
  return [token.at[0] + 1, Math.max(token.at[0] + 1, token.at[1] - 1)];
}
