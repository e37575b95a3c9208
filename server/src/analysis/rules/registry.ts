import type { Rule } from "./define-rule.ts";
import containerResources from "./kubernetes/container-resources/rule.ts";
import unresolvedReference from "./kubernetes/unresolved-reference/rule.ts";
import unknownConfigKey from "./kubernetes/unknown-config-key/rule.ts";
import selectorMismatch from "./kubernetes/selector-mismatch/rule.ts";
import serviceSelectsNothing from "./kubernetes/service-selects-nothing/rule.ts";
import selectorMatchesNothing from "./kubernetes/selector-matches-nothing/rule.ts";
import unknownPortName from "./kubernetes/unknown-port-name/rule.ts";
import ingressBackend from "./kubernetes/ingress-backend/rule.ts";
import hpaTarget from "./kubernetes/hpa-target/rule.ts";
import hpaReplicas from "./kubernetes/hpa-replicas/rule.ts";
import unknownRole from "./kubernetes/unknown-role/rule.ts";
import statefulsetService from "./kubernetes/statefulset-service/rule.ts";
import missingPdb from "./kubernetes/missing-pdb/rule.ts";
import invalidQuantity from "./kubernetes/invalid-quantity/rule.ts";
import invalidName from "./kubernetes/invalid-name/rule.ts";
import invalidLabel from "./kubernetes/invalid-label/rule.ts";
import invalidPort from "./kubernetes/invalid-port/rule.ts";
import deprecatedApi from "./kubernetes/deprecated-api/rule.ts";
import missingReadinessProbe from "./kubernetes/missing-readiness-probe/rule.ts";
import missingLivenessProbe from "./kubernetes/missing-liveness-probe/rule.ts";
import latestImageTag from "./kubernetes/latest-image-tag/rule.ts";
import imagePullPolicy from "./kubernetes/image-pull-policy/rule.ts";
import minReplicas from "./kubernetes/min-replicas/rule.ts";
import invalidRollingUpdate from "./kubernetes/invalid-rolling-update/rule.ts";
import rolloutDowntime from "./kubernetes/rollout-downtime/rule.ts";
import cronjobConcurrency from "./kubernetes/cronjob-concurrency/rule.ts";
import cronjobStartingDeadline from "./kubernetes/cronjob-starting-deadline/rule.ts";
import jobTtl from "./kubernetes/job-ttl/rule.ts";
import duplicateEnv from "./kubernetes/duplicate-env/rule.ts";
import unknownField from "./kubernetes/unknown-field/rule.ts";
import invalidType from "./kubernetes/invalid-type/rule.ts";
import missingRequiredField from "./kubernetes/missing-required-field/rule.ts";
import invalidEnum from "./kubernetes/invalid-enum/rule.ts";
import unknownKind from "./kubernetes/unknown-kind/rule.ts";
import noSchema from "./kubernetes/no-schema/rule.ts";
import privilegedContainer from "./kubernetes/privileged-container/rule.ts";
import privilegeEscalation from "./kubernetes/privilege-escalation/rule.ts";
import runAsRoot from "./kubernetes/run-as-root/rule.ts";
import writableRootFilesystem from "./kubernetes/writable-root-filesystem/rule.ts";
import capabilitiesNotDropped from "./kubernetes/capabilities-not-dropped/rule.ts";
import dangerousCapabilities from "./kubernetes/dangerous-capabilities/rule.ts";
import hostNamespaces from "./kubernetes/host-namespaces/rule.ts";
import hostPath from "./kubernetes/host-path/rule.ts";
import sensitiveHostPath from "./kubernetes/sensitive-host-path/rule.ts";
import writableHostPath from "./kubernetes/writable-host-path/rule.ts";
import hostPort from "./kubernetes/host-port/rule.ts";
import seccompProfile from "./kubernetes/seccomp-profile/rule.ts";
import serviceAccountToken from "./kubernetes/service-account-token/rule.ts";
import secretInEnv from "./kubernetes/secret-in-env/rule.ts";
import defaultNamespace from "./kubernetes/default-namespace/rule.ts";
import defaultServiceAccount from "./kubernetes/default-service-account/rule.ts";
import unmaskedProcMount from "./kubernetes/unmasked-proc-mount/rule.ts";
import windowsHostProcess from "./kubernetes/windows-host-process/rule.ts";
import helmChartApiVersion from "./helm/chart-api-version/rule.ts";
import helmChartName from "./helm/chart-name/rule.ts";
import helmChartVersion from "./helm/chart-version/rule.ts";
import helmAppVersionString from "./helm/app-version-string/rule.ts";
import helmChartType from "./helm/chart-type/rule.ts";
import helmDependencyFields from "./helm/dependency-fields/rule.ts";
import helmDependencyNotFound from "./helm/dependency-not-found/rule.ts";
import helmUndefinedValue from "./helm/undefined-value/rule.ts";
import helmUnusedValue from "./helm/unused-value/rule.ts";
import helmValuesSchema from "./helm/values-schema/rule.ts";
import invalidConfig from "./shipshape/invalid-config/rule.ts";
import deprecatedCommand from "./workflows/deprecated-command/rule.ts";
import workflowSchema from "./workflows/schema/rule.ts";
import workflowInvalidExpression from "./workflows/invalid-expression/rule.ts";
import workflowUnknownNeeds from "./workflows/unknown-needs/rule.ts";
import workflowNeedsCycle from "./workflows/needs-cycle/rule.ts";
import workflowDuplicateId from "./workflows/duplicate-id/rule.ts";
import workflowContextMisuse from "./workflows/context-misuse/rule.ts";
import workflowScriptInjection from "./workflows/script-injection/rule.ts";
import workflowOutdatedAction from "./workflows/outdated-action/rule.ts";
import workflowActionInputs from "./workflows/action-inputs/rule.ts";
import workflowMissingPermissions from "./workflows/missing-permissions/rule.ts";
import workflowInvalidStructure from "./workflows/invalid-structure/rule.ts";
import workflowHardcodedCredentials from "./workflows/hardcoded-credentials/rule.ts";
import workflowConstantCondition from "./workflows/constant-condition/rule.ts";
import workflowRunnerLabel from "./workflows/runner-label/rule.ts";
import workflowMatrixExclude from "./workflows/matrix-exclude/rule.ts";
import workflowInvalidCron from "./workflows/invalid-cron/rule.ts";
import workflowInvalidGlob from "./workflows/invalid-glob/rule.ts";
import workflowInvalidInput from "./workflows/invalid-input/rule.ts";
import workflowExpressionType from "./workflows/expression-type/rule.ts";
import workflowUntrustedCheckout from "./workflows/untrusted-checkout/rule.ts";
import workflowUnknownShell from "./workflows/unknown-shell/rule.ts";
import workflowInvalidEnvName from "./workflows/invalid-env-name/rule.ts";
import workflowMissingTimeout from "./workflows/missing-timeout/rule.ts";
import workflowLocalAction from "./workflows/local-action/rule.ts";
import workflowReusableWorkflow from "./workflows/reusable-workflow/rule.ts";
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
  privilegedContainer,
  privilegeEscalation,
  runAsRoot,
  writableRootFilesystem,
  capabilitiesNotDropped,
  dangerousCapabilities,
  hostNamespaces,
  hostPath,
  sensitiveHostPath,
  writableHostPath,
  hostPort,
  seccompProfile,
  serviceAccountToken,
  secretInEnv,
  defaultNamespace,
  defaultServiceAccount,
  unmaskedProcMount,
  windowsHostProcess,
  containerResources,
  unresolvedReference,
  unknownConfigKey,
  selectorMismatch,
  serviceSelectsNothing,
  selectorMatchesNothing,
  unknownPortName,
  ingressBackend,
  hpaTarget,
  hpaReplicas,
  unknownRole,
  statefulsetService,
  missingPdb,
  invalidQuantity,
  invalidName,
  invalidLabel,
  invalidPort,
  deprecatedApi,
  missingReadinessProbe,
  missingLivenessProbe,
  latestImageTag,
  imagePullPolicy,
  minReplicas,
  invalidRollingUpdate,
  rolloutDowntime,
  cronjobConcurrency,
  cronjobStartingDeadline,
  jobTtl,
  duplicateEnv,
  deprecatedCommand,
  helmChartApiVersion,
  helmChartName,
  helmChartVersion,
  helmAppVersionString,
  helmChartType,
  helmDependencyFields,
  helmDependencyNotFound,
  helmUndefinedValue,
  helmUnusedValue,
  helmValuesSchema,
  workflowSchema,
  workflowInvalidExpression,
  workflowUnknownNeeds,
  workflowNeedsCycle,
  workflowDuplicateId,
  workflowContextMisuse,
  workflowScriptInjection,
  workflowOutdatedAction,
  workflowActionInputs,
  workflowMissingPermissions,
  workflowInvalidStructure,
  workflowHardcodedCredentials,
  workflowConstantCondition,
  workflowRunnerLabel,
  workflowMatrixExclude,
  workflowInvalidCron,
  workflowInvalidGlob,
  workflowInvalidInput,
  workflowExpressionType,
  workflowUntrustedCheckout,
  workflowUnknownShell,
  workflowInvalidEnvName,
  workflowMissingTimeout,
  workflowLocalAction,
  workflowReusableWorkflow,
];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule<any> | undefined {
  return BY_ID.get(id);
}
