import { isMap, isScalar, type Scalar } from "yaml";
import type { ParsedDocument, ParsedFile } from "../documents/parse.ts";
import { asMap, getNode, getPair, scalarString, type AnyNode } from "../documents/ast.ts";
import { normalizePath } from "../documents/kind.ts";
import type { IndexedResource, WorkflowInput } from "../workspace/indexed-resource.ts";

/**
 * What the workspace index keeps of GitHub Actions files, so that a workflow can check the
 * local actions and reusable workflows it calls: an action's inputs (`GitHubAction`, named by its
 * folder) and a reusable workflow's workflow_call inputs and secrets (`ReusableWorkflow`, named
 * by its path). Paths are absolute and use `/`.
 */
export const ACTION_KIND = "GitHubAction";
export const REUSABLE_WORKFLOW_KIND = "ReusableWorkflow";

export function workflowResourcesOf(parsed: ParsedFile, document: ParsedDocument): IndexedResource[] {
  const root = document.yaml.contents;
  const path = normalizePath(parsed.path);
  const base = { apiVersion: "github-actions", namespace: "", path: parsed.path, documentIndex: document.index, nameAt: [0, 0] as [number, number] };
  if (document.kind === "action-metadata") {
    if (!isMap(root)) return [];
    return [{ ...base, kind: ACTION_KIND, name: path.slice(0, path.lastIndexOf("/")), workflowInputs: inputsOf(getNode(root, "inputs")) }];
  }
  if (document.kind === "workflow") {
    const call = workflowCallOf(getNode(root, "on"));
    if (call === undefined) return [];
    return [{ ...base, kind: REUSABLE_WORKFLOW_KIND, name: path, workflowInputs: inputsOf(getNode(call, "inputs")), workflowSecrets: call === null ? [] : inputsOf(getNode(call, "secrets")) }];
  }
  return [];
}

/** The `workflow_call` trigger's configuration: `null` when it has none, `undefined` when the workflow cannot be called. */
function workflowCallOf(on: AnyNode): AnyNode | undefined {
  if (isScalar(on)) return on.value === "workflow_call" ? null : undefined;
  if (isMap(on)) {
    const pair = getPair(on, "workflow_call");
    return pair ? (pair.value as AnyNode) ?? null : undefined;
  }
  const items = (on as { items?: unknown[] } | null | undefined)?.items;
  return items?.some((item) => isScalar(item) && item.value === "workflow_call") ? null : undefined;
}

function inputsOf(node: AnyNode): WorkflowInput[] {
  const inputs: WorkflowInput[] = [];
  for (const pair of asMap(node)?.items ?? []) {
    if (!isScalar(pair.key)) continue;
    const spec = pair.value as AnyNode;
    const required = isMap(spec) && isTrue(getNode(spec, "required"));
    const hasDefault = isMap(spec) && getPair(spec, "default") !== undefined;
    const input: WorkflowInput = { name: String((pair.key as Scalar).value) };
    if (required && !hasDefault) input.required = true;
    const type = scalarString(getNode(spec, "type"));
    if (type) input.type = type;
    inputs.push(input);
  }
  return inputs;
}

function isTrue(node: AnyNode): boolean {
  return isScalar(node) && (node.value === true || node.value === "true");
}

/** The repository root of a workflow at `<root>/.github/workflows/<name>`, or `undefined`. */
export function repositoryRootOf(workflowPath: string): string | undefined {
  const path = normalizePath(workflowPath);
  if (path.startsWith(".github/workflows/")) return "";
  const at = path.lastIndexOf("/.github/workflows/");
  return at < 0 ? undefined : path.slice(0, at);
}

/** `./a/../b/` under `root`, as an absolute path without a trailing `/`. */
export function resolveLocal(root: string, relative: string): string {
  const parts = root.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
