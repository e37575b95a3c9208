/**
 * The analysis core's public surface. Pure: text in, findings out. It knows nothing of
 * LSP, the file system or the network, and it never throws.
 */
export { analyzeFile, fixesForFinding, isIgnored, type AnalyzeOptions } from "./analyze.ts";
export { ALL_RULES, ruleById } from "./rules/registry.ts";
export type { Rule, RuleDocs, RuleExample } from "./rules/define-rule.ts";
export { layoutFromPaths, kindFromPath, isYamlName, normalizePath, type WorkspaceLayout } from "./documents/kind.ts";
export { LineIndex } from "./documents/line-index.ts";
export { IncrementalDocuments } from "./documents/incremental.ts";
export { FRESH_PARSE, type DocumentSource, type YamlDocument } from "./documents/yaml-documents.ts";
export { CONFIG_FILE_NAMES, RULE_PROFILES, defaultConfig, mergeConfig, parseConfig, type ShipshapeConfig, type RuleSetting, type RuleProfile } from "./config/config.ts";
export { ALL_RULE_IDS } from "./rules/rule-ids.ts";
export * from "./types.ts";
export { applyEdits } from "./edits/apply.ts";
export { kubernetesEnvironment, compareVersions, EMPTY_KUBERNETES_ENVIRONMENT, type KubernetesEnvironment, type CustomResourceType } from "./kubernetes/environment.ts";
export type { SchemaNode, SchemaDataSource, BuiltinSchemaSet, ResourceType } from "./kubernetes/schema/types.ts";
export { customResourcesIn } from "./kubernetes/crds.ts";
export { kubernetesHover, type SchemaHover } from "./kubernetes/schema/hover.ts";
export { kubernetesCompletion, type SchemaCompletionList, type SchemaCompletionItem } from "./kubernetes/schema/completion.ts";
export { workflowHover, workflowCompletion, type WorkflowHover, type WorkflowCompletionList, type WorkflowCompletionItem } from "./workflows/assist.ts";
export type { SchemaAssistOptions } from "./kubernetes/schema/manifest-at.ts";
export { WorkspaceIndex, affectedQueries, type WorkspaceView } from "./workspace/workspace-index.ts";
export { resourceKey, type IndexedResource } from "./workspace/indexed-resource.ts";
export { kustomizeNamespaces, isKustomizationPath } from "./workspace/kustomize.ts";
export type { WorkspaceOptions } from "./analyze.ts";
export { indexSourceFile } from "./workspace/extract.ts";
export { HelmWorkspace, chartRootOf, lookupValues, type ChartModel } from "./helm/chart-model.ts";
export { templateFacts, type TemplateFacts, type ValuesReference } from "./helm/template-facts.ts";
export { valuesDefinition, valuesHover, valuesCompletion, type ValuesLocation, type ValuesHover, type ValuesCompletion } from "./helm/assist.ts";
export { splitRendered, renderedFindings, type RenderedPart } from "./helm/rendered.ts";
