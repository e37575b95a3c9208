import { isMap, isScalar, isSeq, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getNode } from "../../../documents/ast.ts";
import { workflowOf } from "../../../workflows/index.ts";

export default defineRule<{ key: string }>({
  id: "workflows/matrix-exclude",
  appliesTo: ["workflow"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A matrix exclude names a key or a value the matrix does not have.",
    why: "An exclude that matches no combination removes nothing, so the jobs meant to be skipped still run; GitHub rejects an exclude key the matrix does not define.",
    invalid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-latest]\n        exclude:\n          - os: macos-latest\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: make\n" },
    valid: { path: ".github/workflows/ci.yml", text: "on: push\npermissions: {}\njobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-latest]\n        exclude:\n          - os: windows-latest\n    runs-on: ${{ matrix.os }}\n    steps:\n      - run: make\n" },
  },
  check(context) {
    for (const job of workflowOf(context).jobs) {
      const matrix = job.matrix;
      if (!isMap(matrix)) continue;
      const exclude = getNode(matrix, "exclude");
      if (!isSeq(exclude)) continue;
      // Each key's possible values, as JSON; `undefined` when an expression gives them.
      const rows = new Map<string, unknown[] | undefined>();
      for (const pair of matrix.items) {
        if (!isScalar(pair.key)) return;
        const key = String(pair.key.value);
        if (key.includes("${{")) return;
        if (key === "exclude" || key === "include") continue;
        rows.set(key, isSeq(pair.value) && !mentionsExpression(pair.value) ? pair.value.items.map((item) => (item as Node)?.toJSON?.() ?? null) : undefined);
      }
      const include = getNode(matrix, "include");
      if (include && !isSeq(include)) continue;
      for (const item of isSeq(include) ? include.items : []) {
        if (!isMap(item)) continue;
        for (const pair of item.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const dynamic = mentionsExpression(pair.value as Node);
          const json = (pair.value as Node)?.toJSON?.() ?? null;
          const current = rows.get(key);
          if (!rows.has(key)) rows.set(key, dynamic ? undefined : [json]);
          else if (dynamic) rows.set(key, undefined);
          else current?.push(json);
        }
      }
      for (const item of exclude.items) {
        if (!isMap(item)) continue;
        for (const pair of item.items) {
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const key = String(pair.key.value);
          if (!rows.has(key)) {
            context.report({ at: [pair.key.range[0], pair.key.range[1]], message: `The matrix of job "${job.id}" has no key "${key}", so this exclude matches nothing and GitHub rejects it. Keys: ${[...rows.keys()].join(", ") || "none"}.`, data: { key } });
            continue;
          }
          const values = rows.get(key);
          const value = pair.value as Node;
          if (!values || !value?.range || mentionsExpression(value)) continue;
          const wanted = value.toJSON();
          if (!values.some((candidate) => matches(wanted, candidate))) {
            context.report({ at: [value.range[0], value.range[1]], message: `${JSON.stringify(wanted)} is not a value of matrix key "${key}", so this exclude removes no job. Use one of ${values.map((candidate) => JSON.stringify(candidate)).join(", ")}.`, data: { key } });
          }
        }
      }
    }
  },
});

function mentionsExpression(node: Node | null | undefined): boolean {
  return JSON.stringify(node?.toJSON?.() ?? null).includes("${{");
}

/** GitHub matches an exclude object against a subset of a matrix object's keys; anything else must be equal. */
function matches(wanted: unknown, candidate: unknown): boolean {
  if (wanted !== null && candidate !== null && typeof wanted === "object" && typeof candidate === "object" && !Array.isArray(wanted) && !Array.isArray(candidate)) {
    return Object.entries(wanted as Record<string, unknown>).every(([key, value]) => key in (candidate as object) && matches(value, (candidate as Record<string, unknown>)[key]));
  }
  if (Array.isArray(wanted) && Array.isArray(candidate)) return wanted.length === candidate.length && wanted.every((item, index) => matches(item, candidate[index]));
  // A number or boolean in the exclude matches the same value written as a string in the matrix.
  return wanted === candidate || (typeof wanted !== "object" && typeof candidate !== "object" && String(wanted) === String(candidate));
}
