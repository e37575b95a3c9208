import {
  CompletionItemKind,
  CompletionItemTag,
  CompletionTriggerKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from "vscode-languageserver/node";
import { kindFromPath, kubernetesCompletion, workflowCompletion, type SchemaCompletionItem } from "../analysis/index.ts";
import { helmCompletion } from "./helm-assist.ts";
import { assistInputs, type AssistCapabilities, type SchemaAssistDependencies } from "./schema-assist.ts";

/**
 * Answers `textDocument/completion` in Kubernetes manifests: keys, enum values, kinds and
 * apiVersions from the schema of the target version or of a CRD. Items are plain text
 * with absolute indentation, never snippets, so every client inserts the same thing.
 */

/**
 * A space after `key:` or `-` is where a value or an item's first key starts, so the list
 * opens there without being asked for. Other spaces are prose or indentation. A dot
 * opens `.Values.` keys in chart templates, and nothing elsewhere.
 */
export const COMPLETION_TRIGGER_CHARACTERS = [" ", "."];

export async function completionFor(params: CompletionParams, deps: SchemaAssistDependencies, capabilities: AssistCapabilities): Promise<CompletionList | null> {
  const helm = helmCompletion(params.textDocument.uri, params.position, deps, capabilities);
  if (helm !== undefined) return helm;
  const triggered = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter;
  // A `.` opens the list only inside a workflow's ${{ }} (github.<property>, steps.<id>).
  if (triggered && params.context?.triggerCharacter === "." ? !inExpression(params, deps) : triggered && !afterIndicator(params, deps)) return null;
  const inputs = await assistInputs(params.textDocument.uri, deps);
  if (!inputs) return null;
  const isWorkflow = kindFromPath(inputs.source.path, inputs.options.layout) === "workflow";
  if (triggered && params.context?.triggerCharacter === "." && !isWorkflow) return null;
  const list = isWorkflow ? workflowCompletion(inputs.source, params.position) : kubernetesCompletion(inputs.source, params.position, inputs.options);
  if (!list) return null;
  return { isIncomplete: false, items: list.items.map((item) => toCompletionItem(item, list.range, capabilities)) };
}

function toCompletionItem(item: SchemaCompletionItem, range: Range, capabilities: AssistCapabilities): CompletionItem {
  const completion: CompletionItem = {
    label: item.label,
    kind: KINDS[item.kind],
    textEdit: { range, newText: item.newText },
    insertTextFormat: InsertTextFormat.PlainText,
    // The inserted text may start with `- `; what is typed is matched against the key alone.
    filterText: item.label,
    sortText: item.sortText,
  };
  if (item.detail !== undefined) completion.detail = item.detail;
  if (item.documentation !== undefined) completion.documentation = { kind: capabilities.completionFormat, value: item.documentation };
  if (item.required) {
    if (capabilities.labelDetails) completion.labelDetails = { description: "required" };
    else completion.detail = `${item.detail ?? ""} (required)`.trim();
  }
  if (item.deprecated && capabilities.deprecatedTag) completion.tags = [CompletionItemTag.Deprecated];
  if (capabilities.insertAsIs && item.newText.includes("\n")) completion.insertTextMode = InsertTextMode.asIs;
  return completion;
}

const KINDS: Record<SchemaCompletionItem["kind"], CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  kind: CompletionItemKind.Class,
  apiVersion: CompletionItemKind.Module,
};

function inExpression(params: CompletionParams, deps: SchemaAssistDependencies): boolean {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return false;
  const before = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  const open = before.lastIndexOf("${{");
  return open >= 0 && before.indexOf("}}", open) < 0;
}

function afterIndicator(params: CompletionParams, deps: SchemaAssistDependencies): boolean {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return false;
  const { line, character } = params.position;
  const before = document.getText({ start: { line, character: Math.max(0, character - 2) }, end: params.position });
  return before === ": " || before === "- ";
}
