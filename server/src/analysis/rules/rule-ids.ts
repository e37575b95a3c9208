/**
 * Every public rule id. Kept apart from the registry so that rules which need the list
 * (the config checker) do not import the registry that imports them.
 * A test checks that it equals the registry's ids.
 */
export const ALL_RULE_IDS: ReadonlySet<string> = new Set([
  "kubernetes/container-resources",
  "kubernetes/unresolved-reference",
  "kubernetes/unknown-config-key",
  "kubernetes/invalid-quantity",
  "kubernetes/invalid-name",
  "kubernetes/invalid-label",
  "kubernetes/invalid-port",
  "kubernetes/deprecated-api",
  "kubernetes/unknown-field",
  "kubernetes/invalid-type",
  "kubernetes/missing-required-field",
  "kubernetes/invalid-enum",
  "kubernetes/unknown-kind",
  "kubernetes/no-schema",
  "shipshape/invalid-config",
  "workflows/deprecated-command",
  "yaml/duplicate-key",
  "yaml/input-limit",
  "yaml/syntax-error",
]);
