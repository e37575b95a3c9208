import { test } from "node:test";
import assert from "node:assert/strict";
import { CHANGE_DEBOUNCE_MS, MIN_CHANGE_DEBOUNCE_MS, changeDebounceMs } from "../../server/src/lsp/open-document-diagnostics.ts";

/**
 * How long a change waits before its analysis: fast documents at once but at most once per
 * three analysis times, slow and unknown ones 150 ms after the last change.
 */
test("a document not analysed yet, or slow to analyse, waits the full debounce", () => {
  assert.equal(changeDebounceMs(undefined, 1000), CHANGE_DEBOUNCE_MS);
  assert.equal(changeDebounceMs({ startedAt: 0, durationMs: 50 }, 10_000), CHANGE_DEBOUNCE_MS);
  assert.equal(changeDebounceMs({ startedAt: 0, durationMs: 400 }, 10_000), CHANGE_DEBOUNCE_MS);
});

test("a fast document is analysed at once after a pause, and at most once per three analysis times", () => {
  // Analysed for 10 ms at 1000: the next analysis may start at 1030.
  const last = { startedAt: 1000, durationMs: 10 };
  assert.equal(changeDebounceMs(last, 2000), MIN_CHANGE_DEBOUNCE_MS);
  assert.equal(changeDebounceMs(last, 1012), 18);
  assert.equal(changeDebounceMs(last, 1028), MIN_CHANGE_DEBOUNCE_MS);
});

test("SHIPSHAPE_CHANGE_DEBOUNCE_MS fixes the wait", () => {
  const saved = process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS;
  try {
    process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS = "0";
    assert.equal(changeDebounceMs(undefined), 0);
    assert.equal(changeDebounceMs({ startedAt: 0, durationMs: 400 }), 0);
    process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS = "not a number";
    assert.equal(changeDebounceMs(undefined), CHANGE_DEBOUNCE_MS);
  } finally {
    if (saved === undefined) delete process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS;
    else process.env.SHIPSHAPE_CHANGE_DEBOUNCE_MS = saved;
  }
});
