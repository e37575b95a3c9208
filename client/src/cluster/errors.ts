/**
 * The faults of talking to a cluster, each as one message a person can act on: it names the context,
 * the server and the resource, and never carries a stack trace or a credential.
 */

export type ClusterFaultKind =
  | "no-kubeconfig"
  | "kubeconfig"
  | "untrusted-exec"
  | "exec-plugin"
  | "unreachable"
  | "timeout"
  | "tls"
  | "unauthorized"
  | "forbidden"
  | "unknown-kind"
  | "rejected"
  | "cancelled"
  | "server";

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterFaultKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ClusterError";
  }
}

/** Where a request went, for messages. */
export interface Target {
  context: string;
  server: string;
  user: string;
}

export function where(target: Target): string {
  return `context "${target.context}" (${target.server})`;
}

/** A metav1.Status body, as far as messages need it. */
export interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "EPROTO",
]);

/** A network-level failure (no HTTP answer) as a ClusterError. */
export function networkFault(error: NodeJS.ErrnoException, target: Target, doing: string): ClusterError {
  const code = error.code ?? "";
  if (TLS_CODES.has(code) || code.startsWith("ERR_SSL") || code.startsWith("ERR_TLS")) {
    return new ClusterError(
      "tls",
      `TLS error from the API server of ${where(target)} while ${doing}: ${tlsReason(code, error.message)}. Check the cluster's certificate-authority in the kubeconfig.`,
    );
  }
  const reason =
    code === "ECONNREFUSED"
      ? "connection refused"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "host not found"
        : code === "ECONNRESET"
          ? "connection reset"
          : code === "EHOSTUNREACH" || code === "ENETUNREACH"
            ? "host unreachable"
            : code || "network error";
  return new ClusterError("unreachable", `Cannot reach the API server of ${where(target)} while ${doing}: ${reason}. Check that the cluster is running and reachable, or select another context.`);
}

function tlsReason(code: string, message: string): string {
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
      return "the server's certificate is not signed by a trusted certificate authority";
    case "CERT_HAS_EXPIRED":
      return "the server's certificate has expired";
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return "the server's certificate is not valid for its address";
    default:
      return message.split("\n")[0] ?? code;
  }
}

/** An HTTP error answer as a ClusterError; `verb` and `resource` say what was asked. */
export function statusFault(code: number, body: StatusBody | undefined, target: Target, verb: string, resource: string): ClusterError {
  const serverMessage = body?.message ? body.message : `HTTP ${code}`;
  switch (code) {
    case 401:
      return new ClusterError(
        "unauthorized",
        `The API server of ${where(target)} did not accept the credentials of user "${target.user}" (401 Unauthorized) to ${verb} ${resource}. Log in again or refresh the kubeconfig's token.`,
        code,
      );
    case 403:
      return new ClusterError("forbidden", `User "${target.user}" may not ${verb} ${resource} on ${where(target)} (403 Forbidden): ${serverMessage}`, code);
    case 409:
    case 422:
      return new ClusterError(
        "rejected",
        `The API server of ${where(target)} rejected the dry run of ${resource} (${code} ${body?.reason ?? (code === 409 ? "Conflict" : "Invalid")}): ${serverMessage}`,
        code,
      );
    default:
      return new ClusterError("server", `The API server of ${where(target)} answered ${code}${body?.reason ? ` ${body.reason}` : ""} to ${verb} ${resource}: ${serverMessage}`, code);
  }
}

/** A message for anything thrown: ClusterErrors as they are, anything else without its stack. */
export function faultMessage(error: unknown): string {
  if (error instanceof ClusterError) return error.message;
  if (error instanceof Error) return error.message.split("\n")[0] ?? String(error);
  return String(error);
}
