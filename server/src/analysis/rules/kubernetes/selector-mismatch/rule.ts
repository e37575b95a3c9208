import { isMap, type Node, type Scalar, type YAMLMap } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { getIn, getNode, getPair, type AnyNode } from "../../../documents/ast.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import { resourcesInContext } from "../../../kubernetes/referencing.ts";
import { podTemplateOf } from "../../../kubernetes/workloads.ts";
import { describeRequirement, satisfies } from "../../../kubernetes/selectors.ts";
import { labelMapOf, labelSelectorAt, mapSelectorAt, type LocatedRequirement } from "../../../kubernetes/selector-nodes.ts";
import { planEdits, plannedEditsIn, type PlannedEdits } from "../../../edits/planned-edits.ts";
import { insertIntoBlockMap, type InsertTree } from "../../../edits/block-map.ts";
import { insertEntriesAfter, insertEntriesBefore } from "../../../edits/map-entries.ts";
import type { TextEdit } from "../../../types.ts";

interface Data {
  kind: string;
  /** The unmet requirements, as people write them. */
  unmet: string[];
  /** Copies the selector's labels into the pod template. */
  copy?: PlannedEdits;
  /** Whether the copy only adds labels: changing a label's value may be what someone else selects on. */
  onlyAdds: boolean;
}

/** How each kind writes its selector: a `metav1.LabelSelector`, or a plain map. */
const SELECTOR_SHAPES: Record<string, "labelSelector" | "map"> = {
  Deployment: "labelSelector",
  ReplicaSet: "labelSelector",
  StatefulSet: "labelSelector",
  DaemonSet: "labelSelector",
  Job: "labelSelector",
  ReplicationController: "map",
  DeploymentConfig: "map",
};

export default defineRule<Data>({
  id: "kubernetes/selector-mismatch",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A workload's selector does not select the pods of its own template.",
    why:
      "A controller owns the pods its selector matches, and the API server refuses a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or ReplicationController whose template's labels the selector does not match (`selector does not match template labels`). The fix copies the selector's `matchLabels` into the template; it is safe when it only adds labels.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: website\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
  },
  check({ document, workspace, file, report }) {
    for (const resource of resourcesInContext(document!, workspace)) {
      const shape = SELECTOR_SHAPES[resource.kind];
      const selectorNode = getIn(resource.node, ["spec", "selector"]);
      if (!shape || selectorNode === undefined || selectorNode === null) continue;
      const located = shape === "map" ? mapSelectorAt(selectorNode) : labelSelectorAt(selectorNode);
      const template = podTemplateOf(resource.node) ?? getIn(resource.node, ["spec", "template"]);
      const labelsNode = templateLabelsNode(template);
      const labels = labelsNode === false ? undefined : labelMapOf(labelsNode);
      if (!located || !labels || !isMap(template)) continue;
      const unmet = located.requirements.filter((requirement) => !satisfies(requirement, labels));
      if (unmet.length === 0) continue;
      const data: Data = { kind: resource.kind, unmet: unmet.map(describeRequirement), onlyAdds: unmet.every((requirement) => !Object.prototype.hasOwnProperty.call(labels, requirement.key)) };
      const edits = copyEdits(unmet, template as YAMLMap<Scalar, AnyNode>, labelsNode as AnyNode, file.lines);
      const copy = planEdits(edits, template, file.text);
      if (copy) data.copy = copy;
      const shown = Object.keys(labels).length === 0 ? "has no labels" : `has ${Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(", ")}`;
      report({
        at: unmet[0]!.at,
        message: `The selector requires ${data.unmet.join(", ")}, but the pod template ${shown}: the API server rejects a ${resource.kind} whose selector does not match its own pods.`,
        data,
      });
    }
  },
  fix(data, context) {
    const edits = plannedEditsIn(data.copy, context);
    if (!edits) return [];
    return [{ title: "Copy the selector's labels into the pod template", safe: data.onlyAdds, edits }];
  },
});

/** The template's `metadata.labels` node (`undefined` when unwritten), or `false` when its metadata cannot be read exactly. */
function templateLabelsNode(template: AnyNode): AnyNode | false {
  const metadata = getNode(template, "metadata");
  if (metadata === undefined || metadata === null) return undefined;
  if (!isMap(metadata) || metadata.items.some((pair) => (pair.key as Scalar | null)?.value === "<<")) return false;
  return getNode(metadata, "labels");
}

/**
 * Edits that give the template every unmet `matchLabels` entry: a label with another
 * value is rewritten in place, a missing one is added after the last label (or as a new
 * `labels` block). Keys and values are copied as the selector writes them, quotes and all.
 */
function copyEdits(unmet: readonly LocatedRequirement[], template: YAMLMap<Scalar, AnyNode>, labelsNode: AnyNode, lines: LineIndex): TextEdit[] | undefined {
  // An unmet expression (`In` several values, `DoesNotExist`) has no one label to copy.
  if (unmet.some((requirement) => requirement.keyNode === undefined)) return undefined;
  const existing = mapSelectorAt(labelsNode);
  const edits: TextEdit[] = [];
  const added: InsertTree = {};
  for (const requirement of unmet) {
    const key = sourceOf(requirement.keyNode!, lines);
    const value = requirement.valueNode ? sourceOf(requirement.valueNode, lines) : '""';
    if (key === undefined || value === undefined) return undefined;
    const current = existing?.requirements.find((entry) => entry.key === requirement.key);
    if (current === undefined) {
      added[key] = value;
      continue;
    }
    const written = current.valueNode?.range;
    if (written && written[1] > written[0]) {
      edits.push({ range: lines.rangeOf(written[0], written[1]), newText: value });
    } else {
      // `key:` with no value: the value goes after the colon.
      const colon = lines.text.indexOf(":", current.keyNode!.range![1]) + 1;
      edits.push({ range: lines.rangeOf(colon, colon), newText: ` ${value}` });
    }
  }
  if (Object.keys(added).length === 0) return edits;
  if (isMap(labelsNode) && labelsNode.items.length > 0) {
    const insertion = insertEntriesAfter(labelsNode, labelsNode.items[labelsNode.items.length - 1]!, added as Record<string, string>, lines);
    return insertion ? [...edits, insertion] : undefined;
  }
  // A template without metadata gets it above its spec, where people look for it.
  const specPair = getPair(template, "spec");
  if (getNode(template, "metadata") === undefined && specPair) {
    const insertion = insertEntriesBefore(template, specPair, { metadata: { labels: added as Record<string, string> } }, lines);
    if (insertion) return [...edits, insertion];
  }
  const insertion = insertIntoBlockMap(template, { metadata: { labels: added } }, lines);
  return insertion ? [...edits, ...insertion] : undefined;
}

/** A scalar's source text, when it fits on one line. */
function sourceOf(node: Node, lines: LineIndex): string | undefined {
  const range = node.range!;
  const text = lines.text.slice(range[0], range[1]);
  return /[\r\n]/.test(text) || text === "" ? undefined : text;
}
