/**
 * What the extension loads of client/src/cluster on first use, bundled apart as dist/cluster.js so
 * that activation does not pay for @kubernetes/client-node.
 */
export { ClusterClient, DEFAULT_TIMEOUT_MS, FIELD_MANAGER } from "./client.ts";
