import type { CheckContext, FixContext } from "../../rules/define-rule.ts";
import type { Fix } from "../../types.ts";
import { getNode } from "../../documents/ast.ts";
import { insertIntoBlockMap } from "../../edits/block-map.ts";
import { containersOf } from "../workloads.ts";
import { containerAnchor, containerName, declaresPorts, tcpPortsOf } from "./containers.ts";
import { isLongRunning, isUnset, workloadsIn } from "./objects.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../edits/planned-edits.ts";

/**
 * The shared check behind the readiness and liveness probe rules: they differ in the probe
 * they ask for, the delay the fix starts it with, and why it matters.
 */
export interface ProbeKind {
  field: "readinessProbe" | "livenessProbe";
  /** `readiness`, `liveness`: how messages and fix titles name the probe. */
  noun: string;
  /** The `initialDelaySeconds` the fix writes. */
  initialDelaySeconds: number;
  /** The second half of the message: what goes wrong without the probe. */
  consequence: string;
}

export interface ProbeData {
  container: string;
  /** The port the inserted probe checks, when the container has a TCP port. */
  port?: number;
  insertion?: PlannedEdits;
}

/**
 * Reports the containers of long-running workloads that lack the probe. By default only
 * containers that declare a port are judged: a worker that serves nothing has nothing for
 * a TCP or HTTP probe to check, and asking it for an exec probe is mostly noise. The
 * `onlyWithPorts: false` option judges every container.
 */
export function checkProbe(probe: ProbeKind, { file, document, options, report }: CheckContext<ProbeData>): void {
  const onlyWithPorts = options.onlyWithPorts !== false;
  for (const workload of workloadsIn(document)) {
    if (!isLongRunning(workload)) continue;
    // Init containers cannot have probes, and ephemeral containers are never restarted.
    for (const { list, container } of containersOf(workload.podSpec)) {
      if (list !== "containers" || !isUnset(getNode(container, probe.field))) continue;
      if (onlyWithPorts && !declaresPorts(container)) continue;
      const name = containerName(container);
      const data: ProbeData = { container: name };
      const port = tcpPortsOf(container)[0];
      if (port !== undefined) {
        data.port = port;
        const tree = { [probe.field]: { tcpSocket: { port }, initialDelaySeconds: probe.initialDelaySeconds } };
        const insertion = planEdits(insertIntoBlockMap(container, tree, file.lines), container, file.text);
        if (insertion) data.insertion = insertion;
      }
      report({ at: containerAnchor(container), message: `Container "${name}" has no ${probe.noun} probe: ${probe.consequence}`, data });
    }
  }
}

/** The fix: a TCP probe on the container's first TCP port, which any listening server passes. */
export function probeFixes(probe: ProbeKind, data: ProbeData, context: FixContext): Fix[] {
  const edits = plannedEditsIn(data.insertion, context);
  if (!edits || data.port === undefined) return [];
  return [{ title: `Add a TCP ${probe.noun} probe on port ${data.port}`, safe: false, edits }];
}
