import assert from "node:assert/strict";
import { test } from "node:test";
import { scopesOf, tokenize } from "./tokenize.ts";

/** [needle, scope it must have, occurrence] — the one table each case is checked against. */
type Expectation = [needle: string, scope: string, nth?: number];

async function check(text: string, expectations: Expectation[], scopeName = "source.helm"): Promise<void> {
  const tokens = await tokenize(text, scopeName);
  for (const [needle, scope, nth = 0] of expectations) {
    const scopes = scopesOf(tokens, text, needle, nth);
    assert.ok(scopes.includes(scope), `"${needle}" (#${nth}) should have ${scope}; has ${scopes.join(" ")}`);
  }
}

async function checkAbsent(text: string, needle: string, scopePrefix: string, scopeName = "source.helm"): Promise<void> {
  const scopes = scopesOf(await tokenize(text, scopeName), text, needle);
  assert.ok(!scopes.some((s) => s.startsWith(scopePrefix)), `"${needle}" should have no ${scopePrefix}*; has ${scopes.join(" ")}`);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;

test("delimiters and trim markers", async () => {
  await check(DEPLOYMENT, [
    ["{{", "punctuation.section.embedded.begin.helm"],
    ["}}", "punctuation.section.embedded.end.helm"],
    ["{{-", "meta.embedded.template.helm"],
  ]);
  const text = "a: {{- .Values.x -}}\n";
  const tokens = await tokenize(text);
  const trims = tokens.filter((t) => t.scopes.includes("keyword.operator.trim.helm")).map((t) => [t.start, t.text]);
  assert.deepEqual(trims, [[5, "-"], [17, "-"]]);
});

test("a negative number is not a trim marker", async () => {
  await check("a: {{-3}}\n", [["-3", "constant.numeric.helm"]]);
  await checkAbsent("a: {{-3}}\n", "-3", "keyword.operator.trim");
});

test("fields, built-in objects, the dot and variables", async () => {
  await check(DEPLOYMENT, [
    ["Values", "variable.language.object.helm"],
    [".Values.image.tag", "meta.embedded.template.helm"],
    ["image", "variable.other.member.helm", 1],
    ["tag", "variable.other.member.helm"],
    ["Chart", "variable.language.object.helm"],
    ["AppVersion", "variable.other.member.helm"],
  ]);
  await check(`{{ $name := .Release.Name }}{{ $.Values.x }}{{ .Values.Release }}{{ toYaml . }}\n`, [
    ["$name", "variable.other.readwrite.helm"],
    [":=", "keyword.operator.assignment.helm"],
    ["Release", "variable.language.object.helm"],
    ["$", "variable.language.root.helm", 1],
    // A built-in object's name deeper in a chain is an ordinary field.
    ["Release", "variable.other.member.helm", 1],
    // The seventh dot is the one that stands alone, after toYaml.
    [".", "variable.language.context.helm", 6],
  ]);
});

test("functions and keywords", async () => {
  await check(DEPLOYMENT, [
    ["include", "support.function.helm"],
    ["nindent", "support.function.sprig.helm"],
    ["default", "support.function.sprig.helm"],
    ["toYaml", "support.function.helm"],
    ["with", "keyword.control.with.helm"],
    ["end", "keyword.control.end.helm"],
    ["|", "keyword.operator.pipe.helm"],
  ]);
  await check(`{{ if and (eq .Values.a "b") (not .Values.c) }}x{{ else if gt (len .Values.d) 2 }}y{{ end }}\n`, [
    ["if", "keyword.control.conditional.helm"],
    ["and", "support.function.builtin.helm"],
    ["eq", "support.function.builtin.helm"],
    ["(", "punctuation.section.parens.begin.helm"],
    [")", "punctuation.section.parens.end.helm"],
    ["else", "keyword.control.conditional.helm"],
    ["len", "support.function.builtin.helm"],
    ["2", "constant.numeric.helm"],
  ]);
  await check(`{{- range $i, $v := .Values.list }}{{ myFunc $v }}{{ break }}{{ end }}\n`, [
    ["range", "keyword.control.loop.helm"],
    [",", "punctuation.separator.comma.helm"],
    ["myFunc", "variable.function.helm"],
    ["break", "keyword.control.loop.helm"],
  ]);
  await check(`{{- define "web.labels" -}}\nx: 1\n{{- end }}\n{{ template "web.labels" . }}\n`, [
    ["define", "keyword.control.template.helm"],
    ['"web.labels"', "entity.name.function.template.helm"],
    ["template", "keyword.control.template.helm"],
    ["x", "entity.name.tag.yaml"],
  ]);
});

test("strings, raw strings, characters and constants", async () => {
  await check('{{ printf "%s\\n\\q" .x | quote }}{{ `raw {{ text` }}{{ \'a\' }}{{ true }}{{ nil }}\n', [
    ['"%s', "string.quoted.double.helm"],
    ["\\n", "constant.character.escape.helm"],
    ["\\q", "invalid.illegal.unknown-escape.helm"],
    ["`raw {{ text`", "string.quoted.raw.helm"],
    ["'a'", "constant.character.helm"],
    ["true", "constant.language.helm"],
    ["nil", "constant.language.helm"],
  ]);
});

test("an unclosed string ends with its line, and the next }} closes the action", async () => {
  const text = '{{ quote "oops }}\nkey: {{ .Values.x }}\nnext: value\n';
  await check(text, [
    ["oops }}", "string.quoted.double.helm"],
    ["}}", "punctuation.section.embedded.end.helm", 1],
    ["next", "entity.name.tag.yaml"],
  ]);
});

test("comments, with and without trim markers, on one line or several", async () => {
  const text = `{{/* one line */}}\n{{- /* trimmed\n  over lines */ -}}\nkey: {{ .Values.x }}\n`;
  await check(text, [
    ["one line", "comment.block.helm"],
    ["{{/*", "punctuation.definition.comment.begin.helm"],
    ["*/}}", "punctuation.definition.comment.end.helm"],
    ["over lines", "comment.block.helm"],
    ["-", "keyword.operator.trim.helm"],
    ["key", "entity.name.tag.yaml"],
    ["Values", "variable.language.object.helm"],
  ]);
  // A comment's content is not an action, even when it looks like one.
  await checkAbsent("{{/* {{ .Values.x }} */}}\n", "Values", "variable.language");
});

test("YAML outside actions keeps YAML scopes", async () => {
  await check(DEPLOYMENT, [
    ["apiVersion", "entity.name.tag.yaml"],
    ["replicas", "entity.name.tag.yaml"],
    ["resources", "entity.name.tag.yaml", 1],
    ["apps/v1", "string.unquoted.plain.out.yaml"],
  ]);
  await checkAbsent(DEPLOYMENT, "apiVersion", "meta.embedded.template");
});

test("actions inside YAML strings, block scalars and comments are still actions", async () => {
  await check(DEPLOYMENT, [
    ['"{{', "string.quoted.double.yaml"],
    ["repository", "variable.other.member.helm"],
    ["repository", "meta.embedded.template.helm"],
  ]);
  const text = `data:\n  script: |\n    echo {{ .Values.greeting | quote }}\n  # {{ .Values.note }}\n  single: '{{ .Values.s }}'\n`;
  await check(text, [
    ["greeting", "variable.other.member.helm"],
    ["quote", "support.function.sprig.helm"],
    // Helm expands actions in YAML comments too, so they are highlighted there.
    ["note", "variable.other.member.helm"],
    ["Values", "variable.language.object.helm", 2],
  ]);
});

test("plain YAML files are not touched by the Helm grammar", async () => {
  await checkAbsent("key: {{ .Values.x }}\n", "Values", "variable.language", "source.yaml");
});
