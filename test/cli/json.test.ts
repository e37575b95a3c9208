import { test } from "node:test";
import assert from "node:assert/strict";
import { located, runCli, runJson, workspace } from "./support.ts";

test("json output is one object with exactly the documented keys", () => {
  const root = workspace({ "cm.yaml": "a: 1\na: 2\n" });
  const { code, report } = runJson(["check"], root);
  assert.equal(code, 1);
  assert.deepEqual(Object.keys(report).sort(), ["findings", "summary", "version"]);
  assert.equal(report.version, 1);
  assert.deepEqual(Object.keys(report.findings[0]!).sort(), ["column", "endColumn", "endLine", "file", "fixes", "line", "message", "rule", "severity"]);
  assert.deepEqual(Object.keys(report.summary).sort(), ["errors", "files", "findings", "fixed", "hints", "infos", "warnings"]);
  assert.deepEqual(report.summary, { files: 1, findings: 1, errors: 1, warnings: 0, infos: 0, hints: 0, fixed: 0 });
  assert.deepEqual(report.findings[0]!.fixes, ["Remove this duplicate a"]);
  assert.equal(report.findings[0]!.severity, "error");
});

interface PositionCase {
  name: string;
  files: Record<string, string>;
  args?: string[];
  expected: string[];
}

/** Positions are 1-based; a column counts UTF-16 code units plus one, as VS Code shows them. */
const POSITION_CASES: PositionCase[] = [
  {
    name: "duplicate keys in block maps, flow maps and sequences of maps",
    files: {
      "deploy/service.yaml": [
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        "  name: web",
        "  name: web-v2",
        "spec:",
        "  selector: {app: web, tier: front, app: api}",
        "  ports:",
        "    - port: 80",
        "      port: 8080",
        "",
      ].join("\n"),
    },
    expected: [
      "deploy/service.yaml:5:3-5:7 yaml/duplicate-key",
      "deploy/service.yaml:7:37-7:40 yaml/duplicate-key",
      "deploy/service.yaml:10:7-10:11 yaml/duplicate-key",
    ],
  },
  {
    // The emoji is two UTF-16 code units, so the second x is at column 14, not 13.
    name: "a character outside the BMP counts as two columns",
    files: { "emoji.yaml": 'a: {x: "\u{1F600}", x: 2}\n' },
    expected: ["emoji.yaml:1:14-1:15 yaml/duplicate-key"],
  },
  {
    name: "a byte-order mark does not shift columns on the first line",
    files: { "bom.yaml": "\uFEFFa: 1\na: 2\n", "bom-first.yaml": "\uFEFF{a: 1, a: 2}\n" },
    expected: ["bom-first.yaml:1:8-1:9 yaml/duplicate-key", "bom.yaml:2:1-2:2 yaml/duplicate-key"],
  },
  {
    name: "a workflow's deprecated commands",
    files: { ".github/workflows/ci.yml": 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "::set-output name=a::b"\npermissions: {}\n' },
    expected: [".github/workflows/ci.yml:6:20-6:32 workflows/deprecated-command"],
  },
  {
    name: "findings of several files come sorted by file, then position",
    files: { "b.yaml": "x: 1\nx: 2\n", "a/z.yaml": "k: [1\n", "a.yaml": "{y: 1, y: 2}\n" },
    expected: ["a.yaml:1:8-1:9 yaml/duplicate-key", "a/z.yaml:2:1-2:1 yaml/syntax-error", "b.yaml:2:1-2:2 yaml/duplicate-key"],
  },
  {
    name: "paths outside the cwd stay relative with forward slashes",
    files: { "other/cm.yaml": "a: 1\na: 2\n", "here/.keep": "" },
    args: ["../other"],
    expected: ["../other/cm.yaml:2:1-2:2 yaml/duplicate-key"],
  },
];

for (const entry of POSITION_CASES) {
  test(`positions: ${entry.name}`, () => {
    const root = workspace(entry.files);
    const cwd = entry.args ? `${root}/here` : root;
    const { report } = runJson(["check", ...(entry.args ?? [])], cwd);
    assert.deepEqual(located(report.findings), entry.expected);
  });
}

test("chart templates are recognised through the enclosing Chart.yaml even when only templates/ is analysed", () => {
  // Go templates are not YAML; analysed as plain YAML this file would be a syntax error.
  const root = workspace({
    "chart/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
    "chart/templates/cm.yaml": "{{- if .Values.on }}\nkind: ConfigMap\n{{- end }}\n",
  });
  const { code, report } = runJson(["check", "chart/templates"], root);
  assert.equal(code, 0, JSON.stringify(report.findings));
  assert.deepEqual(report.findings, []);
});

test("stdout holds nothing but the JSON object, even with warnings on stderr", () => {
  const root = workspace({ ".shipshape.yaml": "rules:\n  no/such-rule: off\n", "cm.yaml": "a: 1\n" });
  const run = runCli(["check", "cm.yaml", "--format", "json"], root);
  assert.doesNotThrow(() => JSON.parse(run.stdout));
  assert.equal(run.stdout.trim().startsWith("{") && run.stdout.trim().endsWith("}"), true);
  assert.match(run.stderr, /warning: \.shipshape\.yaml:2:3: Unknown rule "no\/such-rule"/);
});
