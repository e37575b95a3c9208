const BOM = "\uFEFF";

/** A file's text as the analysis sees it, and how to turn fixed text back into file content. */
export interface DecodedSource {
  /** The text without a byte-order mark, so positions match the editor's, which hides it. */
  text: string;
  /** The file content for `fixed`: the original BOM and line-ending style put back. */
  encode(fixed: string): string;
}

export function decodeSource(raw: string): DecodedSource {
  const hasBom = raw.startsWith(BOM);
  const text = hasBom ? raw.slice(1) : raw;
  // Only a file with CRLF endings throughout is normalised: a mixed file is left as the fix wrote it.
  const crlfOnly = text.includes("\r\n") && !/(^|[^\r])\n/.test(text);
  return {
    text,
    encode(fixed) {
      const withEndings = crlfOnly ? fixed.replace(/\r?\n/g, "\r\n") : fixed;
      return (hasBom ? BOM : "") + withEndings;
    },
  };
}
