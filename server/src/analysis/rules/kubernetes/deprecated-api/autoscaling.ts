import type { YAMLMap } from "yaml";
import { asMap, asSeq, getIn, getNode, getPair, scalarString } from "../../../documents/ast.ts";
import { moved, removeEntry, renameKey, replaceEntry, type Entries } from "../../../edits/map-entries.ts";
import type { LineIndex } from "../../../documents/line-index.ts";
import type { TextEdit } from "../../../types.ts";
import type { BodyEdits } from "./migrate.ts";

/**
 * Rewrites the metrics of an autoscaling/v2beta1 HorizontalPodAutoscaler in the shape
 * that autoscaling/v2beta2 introduced and autoscaling/v2 kept: each metric's target moves
 * into `target: {type, ...}`, and a named metric's `metricName` and selector move into
 * `metric: {name, selector}`. The target type follows the precedence of the API server's
 * own v2beta1 conversion, and every target value present is kept, as that conversion does.
 */
export function migrateMetrics(root: unknown, lines: LineIndex): BodyEdits | undefined {
  const result: BodyEdits = { edits: [], safe: true };
  for (const item of asSeq(getIn(root, ["spec", "metrics"]))?.items ?? []) {
    const type = scalarString(getNode(item, "type"));
    const shape = type === undefined ? undefined : SHAPES[type];
    const source = shape && asMap(getNode(item, shape.key));
    if (!shape || !source) {
      // An unknown metric type cannot be converted; the rest can, but a person should look.
      result.safe = false;
      continue;
    }
    const edits = sourceEdits(source, shape, lines);
    if (!edits) return undefined;
    result.edits.push(...edits);
  }
  return result;
}

interface Shape {
  /** The key of the metric source, as `resource` for `type: Resource`. */
  key: string;
  /** For named metrics: the v2beta1 key of the selector that moves into `metric` with `metricName`. */
  selector?: string;
  /** v2beta1 target keys in order of precedence, each with the target type it means and its v2 key. */
  targets: ReadonlyArray<readonly [string, string, string]>;
  /** In v2beta1 an object metric's `target` named the object; v2 calls that `describedObject`. */
  describedObject?: boolean;
}

const SHAPES: Record<string, Shape> = {
  Resource: {
    key: "resource",
    targets: [
      ["targetAverageUtilization", "Utilization", "averageUtilization"],
      ["targetAverageValue", "AverageValue", "averageValue"],
    ],
  },
  Pods: { key: "pods", selector: "selector", targets: [["targetAverageValue", "AverageValue", "averageValue"]] },
  Object: {
    key: "object",
    selector: "selector",
    describedObject: true,
    targets: [
      ["averageValue", "AverageValue", "averageValue"],
      ["targetValue", "Value", "value"],
    ],
  },
  External: {
    key: "external",
    selector: "metricSelector",
    targets: [
      ["targetValue", "Value", "value"],
      ["targetAverageValue", "AverageValue", "averageValue"],
    ],
  },
};

function sourceEdits(source: YAMLMap, shape: Shape, lines: LineIndex): TextEdit[] | undefined {
  const edits: Array<TextEdit | undefined> = [];
  const oldTarget = getPair(source, "target");
  if (shape.describedObject && oldTarget && !getPair(source, "describedObject") && getNode(oldTarget.value, "type") === undefined) {
    edits.push(renameKey(oldTarget, "describedObject", lines));
  }

  const metricName = shape.selector === undefined ? undefined : getPair(source, "metricName");
  if (metricName) {
    const metric: Entries = { name: moved(metricName) };
    const selector = getPair(source, shape.selector!);
    if (selector) metric.selector = moved(selector);
    edits.push(replaceEntry(source, metricName, { metric }, lines));
    if (selector) edits.push(removeEntry(source, selector, lines));
  }

  const present = shape.targets.flatMap(([key, type, field]) => {
    const pair = getPair(source, key);
    return pair ? [{ pair, type, field }] : [];
  });
  if (present.length > 0) {
    const target: Entries = { type: present[0]!.type };
    for (const { pair, field } of present) target[field] = moved(pair);
    edits.push(replaceEntry(source, present[0]!.pair, { target }, lines));
    for (const { pair } of present.slice(1)) edits.push(removeEntry(source, pair, lines));
  }
  return edits.every((edit) => edit !== undefined) ? (edits as TextEdit[]) : undefined;
}
