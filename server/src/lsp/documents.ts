import { TextDocuments } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { pathFromUri } from "./paths.ts";

/**
 * The open documents, kept in sync incrementally: the client sends only the ranges that
 * changed, and `vscode-languageserver-textdocument` applies them, CRLF included.
 */
export type OpenDocuments = TextDocuments<TextDocument>;

export function createOpenDocuments(): OpenDocuments {
  return new TextDocuments(TextDocument);
}

/**
 * The open document for a file path. The client's URI spelling may differ from ours
 * (percent-encoding, drive letters), so paths are compared rather than URI strings.
 */
export function openDocumentAt(documents: OpenDocuments, path: string): TextDocument | undefined {
  return documents.all().find((document) => pathFromUri(document.uri) === path);
}
