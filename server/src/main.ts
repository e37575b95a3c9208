// The language server's entry point: it only connects the transport to the server.
// Everything that knows LSP lives in lsp/, and everything that analyses lives in analysis/.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./lsp/server.ts";

startServer(createConnection(ProposedFeatures.all));
