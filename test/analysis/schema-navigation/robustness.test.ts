import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { kubernetesCompletion, kubernetesHover, LineIndex } from "../../../server/src/analysis/index.ts";
import { completionAt } from "../../../server/src/analysis/kubernetes/schema/completion.ts";
import { hoverAt } from "../../../server/src/analysis/kubernetes/schema/hover.ts";
import { BAD_INPUTS } from "../../support/bad-inputs.ts";
import { DEPLOYMENT, LAYOUT, POD_LIST, WIDGET, environment } from "./support.ts";

/**
 * Hover and completion run on every keystroke's text, so neither may throw, whatever the
 * text and wherever the cursor. The inner functions are called here without the guard
 * that the public ones wrap them in, at every offset of texts that are valid, half-typed
 * and broken.
 */
const TEXTS = [
  DEPLOYMENT,
  WIDGET,
  POD_LIST,
  `${DEPLOYMENT}---\n${WIDGET}---\n`,
  DEPLOYMENT.replace("image: nginx:1.27", "image: [nginx, {a: "),
  DEPLOYMENT.replace("      containers:\n", "      containers:\n      - - - x\n        ? complex\n        : key\n"),
  "apiVersion: v1\nkind: List\nitems:\n  - \n  - kind\n  - apiVersion: v1\n    kind: Pod\n    spec: &a\n      x: *a\n",
  "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: {name: a, image: b}\n      volumes: [ {name: v, emptyDir: {}} ]\n",
  "kind: \"Deploy\napiVersion: 'apps\n  - : : -\n\t\ttabs: x\n",
  "\uFEFFapiVersion: v1\r\nkind: Pod\r\nspec:\r\n  \r\n",
  "--- !!map\n? apiVersion\n: v1\n? [kind]\n: Pod\n...\n",
];

test("the inner hover and completion never throw at any offset", () => {
  const kubernetes = environment();
  for (const text of TEXTS) {
    for (const document of parseAllDocuments(text, { uniqueKeys: false }) as ReturnType<typeof parseAllDocuments> & unknown[]) {
      for (let offset = 0; offset <= text.length; offset++) {
        assert.doesNotThrow(() => hoverAt(document.contents, offset, kubernetes), `hover at ${offset} of ${JSON.stringify(text)}`);
        assert.doesNotThrow(() => completionAt(document.contents, text, offset, kubernetes), `completion at ${offset} of ${JSON.stringify(text)}`);
      }
    }
  }
});

test("hover and completion on hostile inputs answer nothing or something, quickly", () => {
  const kubernetes = environment();
  for (const input of BAD_INPUTS) {
    const text = input.text();
    const lines = new LineIndex(text);
    for (const position of [{ line: 0, character: 0 }, { line: 1, character: 2 }, lines.positionAt(text.length)]) {
      const file = { path: `/w/${input.fileName}`, text };
      kubernetesHover(file, position, { layout: LAYOUT, kubernetes });
      kubernetesCompletion(file, position, { layout: LAYOUT, kubernetes });
    }
  }
});

test("without bundled schemas, custom resources still get hover and completion", () => {
  const kubernetes = { ...environment(), version: undefined, builtin: undefined };
  const text = WIDGET.replace("mode: fast", "mode: ");
  const position = { line: 6, character: 8 };
  assert.deepEqual(kubernetesCompletion({ path: "/w/app.yaml", text }, position, { layout: LAYOUT, kubernetes })?.items.map((item) => item.label), ["fast", "slow"]);
  assert.ok(kubernetesHover({ path: "/w/app.yaml", text }, { line: 5, character: 3 }, { layout: LAYOUT, kubernetes })?.markdown.includes("`integer`"));
});
