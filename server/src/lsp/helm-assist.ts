import { CompletionItemKind, InsertTextFormat, type CompletionList, type Definition, type Hover, type Position } from "vscode-languageserver/node";
import { kindFromPath, valuesCompletion, valuesDefinition, valuesHover, type SourceFile } from "../analysis/index.ts";
import type { AssistCapabilities, SchemaAssistDependencies } from "./schema-assist.ts";
import { pathFromUri, uriFromPath } from "./paths.ts";

/**
 * Help in Helm chart templates, from the core's `valuesDefinition`, `valuesHover` and
 * `valuesCompletion` over the server's copy of the charts. `undefined` means the document
 * is not a chart template, so that the caller answers as for any other document.
 */
function templateSource(uri: string, deps: SchemaAssistDependencies): SourceFile | undefined {
  const path = pathFromUri(uri);
  if (path === undefined || !deps.helm || kindFromPath(path, deps.layout()) !== "chart-template") return undefined;
  const document = deps.documents.get(uri);
  if (!document) return undefined;
  return { path, text: document.getText() };
}

export function isChartTemplate(uri: string, deps: SchemaAssistDependencies): boolean {
  return templateSource(uri, deps) !== undefined;
}

export function helmDefinition(uri: string, position: Position, deps: SchemaAssistDependencies): Definition | null {
  const source = templateSource(uri, deps);
  if (!source) return null;
  return valuesDefinition(deps.helm!.workspace, source, position).map((location) => ({ uri: uriFromPath(location.path), range: location.range }));
}

export function helmHover(uri: string, position: Position, deps: SchemaAssistDependencies, capabilities: AssistCapabilities): Hover | null | undefined {
  const source = templateSource(uri, deps);
  if (!source) return undefined;
  const hover = valuesHover(deps.helm!.workspace, source, position);
  return hover ? { contents: { kind: capabilities.hoverFormat, value: hover.markdown }, range: hover.range } : null;
}

export function helmCompletion(uri: string, position: Position, deps: SchemaAssistDependencies, capabilities: AssistCapabilities): CompletionList | null | undefined {
  const source = templateSource(uri, deps);
  if (!source) return undefined;
  const list = valuesCompletion(deps.helm!.workspace, source, position);
  if (!list) return null;
  return {
    isIncomplete: false,
    items: list.items.map((item) => ({
      label: item.label,
      kind: CompletionItemKind.Property,
      detail: item.detail,
      textEdit: { range: list.range, newText: item.label },
      insertTextFormat: InsertTextFormat.PlainText,
      ...(item.documentation !== undefined ? { documentation: { kind: capabilities.completionFormat, value: item.documentation } } : {}),
    })),
  };
}
