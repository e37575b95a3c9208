/**
 * A problem with how the CLI was called or with its environment (a missing path, an
 * unreadable config). It ends the run with exit code 2 and a one-line message, never
 * a stack trace, because the person at the terminal can fix it without reading code.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
