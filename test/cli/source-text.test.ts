import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeSource } from "../../server/src/cli/source-text.ts";

/** How `--fix` puts a file's BOM and line endings back, whatever line endings a fix inserted. */
interface EncodingCase {
  name: string;
  raw: string;
  /** The text the analysis sees. */
  text: string;
  fixed: string;
  written: string;
}

const CASES: EncodingCase[] = [
  { name: "LF stays LF", raw: "a: 1\n", text: "a: 1\n", fixed: "a: 2\nb: 3\n", written: "a: 2\nb: 3\n" },
  { name: "a CRLF file gets CRLF for lines a fix inserted with LF", raw: "a: 1\r\n", text: "a: 1\r\n", fixed: "a: 1\r\nb:\n  c: 2\r\n", written: "a: 1\r\nb:\r\n  c: 2\r\n" },
  { name: "a mixed file is written as the fix left it", raw: "a: 1\r\nb: 2\n", text: "a: 1\r\nb: 2\n", fixed: "a: 1\r\nb: 3\n", written: "a: 1\r\nb: 3\n" },
  { name: "the BOM is hidden from the analysis and written back", raw: "\uFEFFa: 1\n", text: "a: 1\n", fixed: "a: 2\n", written: "\uFEFFa: 2\n" },
  { name: "BOM and CRLF together", raw: "\uFEFFa: 1\r\n", text: "a: 1\r\n", fixed: "a: 1\r\nb: 2\n", written: "\uFEFFa: 1\r\nb: 2\r\n" },
];

for (const entry of CASES) {
  test(`source text: ${entry.name}`, () => {
    const source = decodeSource(entry.raw);
    assert.equal(source.text, entry.text);
    assert.equal(source.encode(entry.fixed), entry.written);
    assert.equal(source.encode(source.text), entry.raw, "an unchanged text must encode to the original content");
  });
}
