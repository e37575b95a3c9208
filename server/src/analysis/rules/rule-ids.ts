/**
 * Every public rule id. Kept apart from the registry so that rules which need the list
 * (the config checker) do not import the registry that imports them.
 * A test checks that it equals the registry's ids.
 */
export const ALL_RULE_IDS: ReadonlySet<string> = new Set([
  "kubernetes/container-resources",
  "shipshape/invalid-config",
  "workflows/deprecated-command",
  "yaml/duplicate-key",
  "yaml/input-limit",
  "yaml/syntax-error",
]);
