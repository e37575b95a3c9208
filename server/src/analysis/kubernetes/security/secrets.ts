/**
 * Whether an environment variable holds a secret, judged from its name and value. The
 * name decides most cases: words such as PASSWORD, SECRET, TOKEN or a KEY that is not an
 * id, a name or a path. Values that cannot be secrets (paths, URLs without credentials,
 * booleans, references to other variables) are left alone, and a private key is a
 * secret whatever its variable is called.
 */
export function secretKindOf(name: string, value: string): string | undefined {
  if (PRIVATE_KEY.test(value)) return "a private key";
  if (hasUrlPassword(value)) return "a URL with a password";
  if (!looksSecret(value)) return undefined;
  const words = wordsOf(name);
  if (words.length === 0 || words.some((word) => NOT_A_SECRET.has(word))) return undefined;
  for (const word of words) {
    const kind = SECRET_WORDS.get(word);
    if (kind) return kind;
  }
  const key = words.lastIndexOf("key");
  if (key >= 0 && !words.some((word) => NOT_A_SECRET_KEY.has(word))) return "a key";
  return undefined;
}

const PRIVATE_KEY = /-{3,}\s*BEGIN [A-Z ]*PRIVATE KEY/;

/** Words that make a name a secret's, and what to call it. */
const SECRET_WORDS = new Map<string, string>([
  ["password", "a password"],
  ["passwd", "a password"],
  ["pwd", "a password"],
  ["passphrase", "a passphrase"],
  ["secret", "a secret"],
  ["token", "a token"],
  ["apikey", "an API key"],
  ["credential", "a credential"],
  ["credentials", "credentials"],
  ["privatekey", "a private key"],
  ["accesskey", "an access key"],
  ["secretkey", "a secret key"],
]);

/** Words that show the variable holds something about a secret rather than the secret itself. */
const NOT_A_SECRET = new Set([
  "name",
  "names",
  "file",
  "path",
  "dir",
  "directory",
  "ref",
  "id",
  "url",
  "uri",
  "endpoint",
  "host",
  "port",
  "enabled",
  "enable",
  "disabled",
  "required",
  "ttl",
  "timeout",
  "expiry",
  "expiration",
  "lifetime",
  "length",
  "size",
  "type",
  "mode",
  "header",
  "field",
  "prefix",
  "suffix",
  "version",
  "namespace",
  "location",
  "store",
  "provider",
  "arn",
  "algorithm",
  "format",
  "policy",
  "issuer",
  "audience",
  "min",
  "max",
  "count",
]);

/** Keys that are not secrets: database and cache keys, public keys. */
const NOT_A_SECRET_KEY = new Set(["public", "pub", "primary", "partition", "sort", "hash", "cache", "routing", "foreign", "lookup", "shard", "group", "idempotency", "dedup", "label", "metadata"]);

/** Values that are not secrets: empty, booleans, paths, variable references. */
function looksSecret(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === "" || /^(true|false|yes|no|on|off|null|none)$/i.test(trimmed)) return false;
  if (trimmed.startsWith("/") || trimmed.startsWith("./") || trimmed.startsWith("~/")) return false;
  // Kubernetes expands $(OTHER) from other variables, which may come from a Secret.
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(trimmed)) return false;
  // A URL is a secret only when it carries a password, which is judged on its own.
  return !URL_SCHEME.test(trimmed);
}

/** `scheme://user:password@host`, with a password that is not a reference to another variable. */
function hasUrlPassword(value: string): boolean {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:([^/@\s]+)@/i.exec(value.trim());
  return match !== null && !/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(match[1]!);
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `dbPassword`, `DB_PASSWORD` and `db-password` are the words `db` and `password`. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());
}
