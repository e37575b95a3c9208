import type { Rule } from "./define-rule.ts";
import containerResources from "./kubernetes/container-resources/rule.ts";
import unresolvedReference from "./kubernetes/unresolved-reference/rule.ts";
import unknownConfigKey from "./kubernetes/unknown-config-key/rule.ts";
import invalidQuantity from "./kubernetes/invalid-quantity/rule.ts";
import invalidName from "./kubernetes/invalid-name/rule.ts";
import invalidLabel from "./kubernetes/invalid-label/rule.ts";
import invalidPort from "./kubernetes/invalid-port/rule.ts";
import deprecatedApi from "./kubernetes/deprecated-api/rule.ts";
import unknownField from "./kubernetes/unknown-field/rule.ts";
import invalidType from "./kubernetes/invalid-type/rule.ts";
import missingRequiredField from "./kubernetes/missing-required-field/rule.ts";
import invalidEnum from "./kubernetes/invalid-enum/rule.ts";
import unknownKind from "./kubernetes/unknown-kind/rule.ts";
import noSchema from "./kubernetes/no-schema/rule.ts";
import invalidConfig from "./shipshape/invalid-config/rule.ts";
import deprecatedCommand from "./workflows/deprecated-command/rule.ts";
import duplicateKey from "./yaml/duplicate-key/rule.ts";
import inputLimit from "./yaml/input-limit/rule.ts";
import syntaxError from "./yaml/syntax-error/rule.ts";

/** Every rule, in the order they run. Adding a rule means adding it here and to rule-ids.ts. */
export const ALL_RULES: readonly Rule<any>[] = [
  inputLimit,
  syntaxError,
  duplicateKey,
  invalidConfig,
  unknownField,
  invalidType,
  missingRequiredField,
  invalidEnum,
  unknownKind,
  noSchema,
  containerResources,
  unresolvedReference,
  unknownConfigKey,
  invalidQuantity,
  invalidName,
  invalidLabel,
  invalidPort,
  deprecatedApi,
  deprecatedCommand,
];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule<any> | undefined {
  return BY_ID.get(id);
}
