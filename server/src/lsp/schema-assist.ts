import { InsertTextMode, MarkupKind, type ClientCapabilities } from "vscode-languageserver/node";
import type { SchemaAssistOptions, SourceFile, WorkspaceLayout } from "../analysis/index.ts";
import type { Analyzer } from "./analyzer.ts";
import type { OpenDocuments } from "./documents.ts";
import type { KubernetesContext } from "./kubernetes-context.ts";
import type { HelmContext } from "./helm-context.ts";
import { isAnalysedDocument } from "./paths.ts";

/**
 * What hover and completion share: the open document's text and the settings, config and
 * Kubernetes environment that its diagnostics use, so that help and diagnostics always
 * agree on the target version and the CRDs. Only plain YAML documents get help; Helm
 * templates are Go templates and their YAML is not known until they are rendered.
 */
export interface SchemaAssistDependencies {
  documents: OpenDocuments;
  analyzer: Analyzer;
  kubernetes: KubernetesContext;
  /** The charts, for `.Values` help in templates (`helm-assist.ts`). */
  helm?: HelmContext;
  layout: () => WorkspaceLayout;
}

/** The client's abilities that change how help is sent. */
export interface AssistCapabilities {
  hoverFormat: MarkupKind;
  completionFormat: MarkupKind;
  /** The client inserts multi-line text as it is, rather than re-indenting it. */
  insertAsIs: boolean;
  labelDetails: boolean;
  deprecatedTag: boolean;
}

export const DEFAULT_ASSIST_CAPABILITIES: AssistCapabilities = {
  hoverFormat: MarkupKind.PlainText,
  completionFormat: MarkupKind.PlainText,
  insertAsIs: false,
  labelDetails: false,
  deprecatedTag: false,
};

export function assistCapabilitiesOf(capabilities: ClientCapabilities): AssistCapabilities {
  const hover = capabilities.textDocument?.hover;
  const item = capabilities.textDocument?.completion?.completionItem;
  return {
    hoverFormat: hover?.contentFormat?.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText,
    completionFormat: item?.documentationFormat?.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText,
    insertAsIs: item?.insertTextModeSupport?.valueSet.includes(InsertTextMode.asIs) ?? false,
    labelDetails: item?.labelDetailsSupport === true,
    deprecatedTag: item?.tagSupport?.valueSet.includes(1) ?? false,
  };
}

/** The document's text and what the core needs beside it, or `undefined` when it gets no help. */
export async function assistInputs(uri: string, deps: SchemaAssistDependencies): Promise<{ source: SourceFile; options: SchemaAssistOptions } | undefined> {
  const document = deps.documents.get(uri);
  if (!document || document.languageId === "helm" || !isAnalysedDocument(uri, document.languageId)) return undefined;
  // The text is taken before waiting for settings, so that it is the text the request's position refers to.
  const text = document.getText();
  const prepared = await deps.analyzer.prepare(uri);
  if (!prepared) return undefined;
  return {
    source: { path: prepared.path, text },
    options: { layout: deps.layout(), kubernetes: deps.kubernetes.environmentFor(prepared.config.kubernetesVersion) },
  };
}
