/** A scalar value as YAML should spell it: plain when it reads back as the same value, else double-quoted. */
export function yamlScalar(value: string | number | boolean | null): string {
  if (typeof value !== "string") return String(value);
  return PLAIN_SAFE.test(value) && !LOOKS_TYPED.test(value) ? value : JSON.stringify(value);
}

const PLAIN_SAFE = /^[A-Za-z0-9_./]([A-Za-z0-9_./ -]*[A-Za-z0-9_./-])?$/;
const LOOKS_TYPED = /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;
