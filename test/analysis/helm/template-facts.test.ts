import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { templateFacts } from "../../../server/src/analysis/index.ts";

/** One read, written `path` with flags: `!` guarded, `~` loose, `@name` inside a define. */
function describeReads(text: string): string[] {
  return templateFacts(text).references.map((reference) => `${reference.path.join(".")}${reference.guarded ? "!" : ""}${reference.loose ? "~" : ""}${reference.define !== undefined ? `@${reference.define}` : ""}`);
}

const CASES: Array<[string, string, string[]]> = [
  ["a plain read", "{{ .Values.image.tag }}", ["image.tag"]],
  ["trim markers", "{{- .Values.a -}}", ["a"]],
  ["a pipeline into default is guarded", "{{ .Values.a | default 1 }}", ["a!"]],
  ["default's argument is guarded", '{{ default "x" .Values.a }}', ["a!"]],
  ["required is guarded", '{{ required "a is needed" .Values.a }}', ["a!"]],
  ["an if condition is guarded", "{{ if .Values.a }}{{ .Values.a.b }}{{ end }}", ["a!", "a.b"]],
  ["with rebinds the dot", "{{ with .Values.a }}{{ .b }}{{ end }}{{ .Values.c }}", ["a!", "a.b", "c"]],
  ["else of with restores the dot", "{{ with .Values.a }}{{ .b }}{{ else }}{{ .Values.c }}{{ end }}", ["a!", "a.b", "c"]],
  ["range makes the dot unknown, $ is the root", "{{ range .Values.list }}{{ .name }}{{ $.Values.b }}{{ end }}", ["list!~", "b"]],
  ["range variables", "{{ range $k, $v := .Values.m }}{{ $v.x }}{{ end }}", ["m!~"]],
  ["a variable keeps its path", "{{ $i := .Values.image }}{{ $i.tag }}", ["image", "image.tag"]],
  ["a reassigned variable is unknown", "{{ $i := .Values.a }}{{ $i = 3 }}{{ $i.b }}", ["a"]],
  ["index with literal keys", '{{ index .Values "a-b" "c" }}', ["a-b.c"]],
  ["index with a dynamic key is loose", "{{ index .Values.a $k }}", ["a~"]],
  ["hasKey reads the key, guarded", '{{ if hasKey .Values.a "b" }}{{ end }}', ["a.b!"]],
  ["dig", '{{ dig "b" "c" "" .Values.a }}', ["a.b.c!"]],
  ["parentheses and a field after them", "{{ (.Values.a | default dict).b }}", ["a!"]],
  ["include with the root context", '{{ include "x" . }}', []],
  ["a define's reads are marked", '{{ define "x" }}{{ .Values.a }}{{ end }}{{ .Values.b }}', ["a@x", "b"]],
  ["a dict context reads Values loosely", '{{ define "x" }}{{ .root.Values.a }}{{ end }}', ["a!~@x"]],
  ["comments are skipped", "{{/* .Values.a */}}{{- /* .Values.b */ -}}", []],
  ["strings do not end an action", '{{ printf "}}" .Values.a }}', ["a"]],
  ["a template string in a string is not a read", '{{ $x := "{{ .Values.a }}" }}', []],
  ["tpl reads its argument", "{{ tpl .Values.a . }}", ["a"]],
  ["toYaml of .Values reads everything", "{{ toYaml .Values }}", []],
];

describe("template facts", () => {
  for (const [name, text, expected] of CASES) test(name, () => assert.deepEqual(describeReads(text), expected));

  test("reading .Values whole is noted", () => {
    assert.equal(templateFacts("{{ toYaml .Values }}").readsAllValues, true);
    assert.equal(templateFacts('{{ include "x" (dict "Values" .Values) }}').readsAllValues, true);
    assert.equal(templateFacts("{{ $v := .Values }}{{ $v.a }}").readsAllValues, false);
  });

  test("defines and includes", () => {
    const facts = templateFacts('{{ define "a" }}{{ include "b" . }}{{ end }}{{ template "a" .Values.x }}{{ include "b" $ }}');
    assert.deepEqual(facts.defines.map((define) => define.name), ["a"]);
    assert.deepEqual(facts.includes.map((include) => `${include.name}:${include.context}${include.define ? `@${include.define}` : ""}`), ["b:root@a", "a:other", "b:root"]);
  });

  test("segments point at each key in the text", () => {
    const text = '{{ .Values.image.tag }} {{ index .Values "a-b" }}';
    for (const reference of templateFacts(text).references) {
      reference.path.forEach((key, i) => assert.equal(text.slice(...reference.segments[i]!), key));
    }
  });

  test("broken templates never throw and keep what they found", () => {
    const text = "{{ .Values.a }}\n{{ if .Values.b }}\n{{ .Values.c | ";
    for (let end = 0; end <= text.length; end++) templateFacts(text.slice(0, end));
    assert.deepEqual(describeReads(text), ["a", "b!", "c"]);
    assert.deepEqual(describeReads('{{ "unterminated }}'), []);
    assert.deepEqual(describeReads("{{ end }}{{ end }}{{ else }}{{ .Values.a }}"), ["a"]);
  });

  const corpus = resolve(__dirname, "../../../../shared/corpora/helm-charts");
  test("every template of the helm-charts corpus scans, with reads inside the text", { skip: !existsSync(corpus) && "the corpus is not here" }, () => {
    let templates = 0;
    let reads = 0;
    for (const path of templatesBelow(corpus)) {
      const text = readFileSync(path, "utf8");
      const facts = templateFacts(text);
      templates++;
      for (const reference of facts.references) {
        reads++;
        assert.ok(reference.at[0] >= 0 && reference.at[1] <= text.length, path);
        reference.segments.forEach((segment, i) => {
          if (segment && text[segment[0] - 1] !== '"') assert.equal(text.slice(...segment), reference.path[i], path);
        });
      }
      // Truncated at any action boundary, a real template still scans.
      for (let at = text.indexOf("{{"); at >= 0; at = text.indexOf("{{", at + 1)) templateFacts(text.slice(0, at + 5));
    }
    assert.ok(templates > 500 && reads > 10_000, `${templates} templates, ${reads} reads`);
  });
});

function templatesBelow(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, inTemplates: boolean) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, inTemplates || name === "templates");
      else if (inTemplates && /\.(ya?ml|tpl|txt)$/.test(name)) found.push(path);
    }
  };
  walk(root, false);
  return found;
}
