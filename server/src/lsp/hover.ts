import type { Hover, HoverParams } from "vscode-languageserver/node";
import { kindFromPath, kubernetesHover, workflowHover } from "../analysis/index.ts";
import { helmHover } from "./helm-assist.ts";
import { assistInputs, type AssistCapabilities, type SchemaAssistDependencies } from "./schema-assist.ts";

/**
 * Answers `textDocument/hover` in Kubernetes manifests from the schema of the target version or of a CRD,
 * and in workflows from GitHub's workflow schema, the expression contexts and popular actions.
 */
export async function hoverFor(params: HoverParams, deps: SchemaAssistDependencies, capabilities: AssistCapabilities): Promise<Hover | null> {
  const helm = helmHover(params.textDocument.uri, params.position, deps, capabilities);
  if (helm !== undefined) return helm;
  const inputs = await assistInputs(params.textDocument.uri, deps);
  if (!inputs) return null;
  const hover = kindFromPath(inputs.source.path, inputs.options.layout) === "workflow" ? workflowHover(inputs.source, params.position) : kubernetesHover(inputs.source, params.position, inputs.options);
  if (!hover) return null;
  // Markdown reads well enough as plain text for a client that shows nothing else.
  return { contents: { kind: capabilities.hoverFormat, value: hover.markdown }, range: hover.range };
}
