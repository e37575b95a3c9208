import { isAlias, isMap, isScalar, type Node } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { asSeq, getNode, getPair, scalarString } from "../../../documents/ast.ts";
import { insertIntoBlockMap, type InsertTree } from "../../../edits/block-map.ts";
import { workloadsIn } from "../../../kubernetes/reliability/objects.ts";
import type { TextEdit } from "../../../types.ts";

/** A resource setting, as `requests.memory`. */
type Requirement = `${"requests" | "limits"}.${"cpu" | "memory"}`;

interface Data {
  container: string;
  missing: Requirement[];
  /** Inserts the missing settings with the configured defaults; absent when the shape is too unusual to edit. */
  insertion?: TextEdit[];
}

/** CPU limits throttle busy containers, so they are only required when asked for. */
const DEFAULT_REQUIRED: Requirement[] = ["requests.cpu", "requests.memory", "limits.memory"];
const DEFAULT_VALUES: Record<Requirement, string> = {
  "requests.cpu": "100m",
  "requests.memory": "512Mi",
  "limits.cpu": "500m",
  "limits.memory": "512Mi",
};

export default defineRule<Data>({
  id: "kubernetes/container-resources",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "warning",
  recommended: true,
  docs: {
    summary: "A container has no memory limit or no CPU and memory requests.",
    why:
      "Without a memory limit a container can take a node's memory until the kernel OOM-kills it or its neighbours; without requests the scheduler packs pods blindly and evicts them first under pressure. The option `require` lists what to ask for, from `requests.cpu`, `requests.memory`, `limits.cpu` and `limits.memory` (a CPU limit is not asked for by default, since it throttles a busy container even on an idle node), and the option `defaults` sets the values the fix writes, as `{ requests: { cpu: 250m } }`.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n          memory: 128Mi\n        limits:\n          memory: 128Mi\n",
    },
  },
  check({ file, document, options, report }) {
    const required = requiredFrom(options);
    const values = { ...DEFAULT_VALUES, ...valuesFrom(options) };
    // Ephemeral containers take no resources: they run on what the pod already has.
    const containers = workloadsIn(document).flatMap(({ podSpec }) => ["initContainers", "containers"].flatMap((list) => asSeq(getNode(podSpec, list))?.items ?? []));
    for (const container of containers) {
      if (!isMap(container)) continue;
      const resources = getNode(container, "resources");
      const missing = required.filter((requirement) => !hasSetting(resources, requirement));
      if (missing.length === 0) continue;
      const name = scalarString(getNode(container, "name")) ?? "(unnamed)";
      const anchor = (getPair(container, "name")?.value ?? container.items[0]?.key ?? container) as Node;
      const tree: InsertTree = { resources: {} };
      for (const requirement of missing) {
        const [group, resource] = requirement.split(".") as [string, string];
        const groupTree = ((tree.resources as InsertTree)[group] ??= {}) as InsertTree;
        groupTree[resource] = values[requirement];
      }
      const insertion = insertIntoBlockMap(container, tree, file.lines);
      const data: Data = { container: name, missing };
      if (insertion) data.insertion = insertion;
      report({ at: [anchor.range![0], anchor.range![1]], message: messageFor(name, missing), data });
    }
  },
  fix(data) {
    if (!data.insertion) return [];
    return [{ title: `Add ${data.missing.join(", ")} to container ${data.container}`, safe: false, edits: data.insertion }];
  },
});

function messageFor(container: string, missing: Requirement[]): string {
  const noLimit = missing.includes("limits.memory");
  const why = noLimit
    ? "Without a memory limit it can be OOM-killed or starve its neighbours"
    : "Without requests the scheduler cannot place it reliably and evicts it first under pressure";
  return `Container "${container}" does not set ${missing.join(", ")}. ${why}; set them to what the workload needs.`;
}

function hasSetting(resources: unknown, requirement: Requirement): boolean {
  const [group, resource] = requirement.split(".") as [string, string];
  // Aliases are never resolved (an alias bomb would cost its expansion), so what one names counts as set.
  if (isAlias(resources) || isAlias(getNode(resources, group))) return true;
  if (isSet(getNode(getNode(resources, group), resource))) return true;
  // Kubernetes copies a missing request from the limit, so a limit also sets the request.
  return group === "requests" && isSet(getNode(getNode(resources, "limits"), resource));
}

/** A value that is a template or an expression counts as set: it is decided elsewhere. */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && !(isScalar(value) && value.value === null);
}

function requiredFrom(options: Readonly<Record<string, unknown>>): Requirement[] {
  const list = options.require;
  if (!Array.isArray(list)) return DEFAULT_REQUIRED;
  return list.filter((item): item is Requirement => typeof item === "string" && item in DEFAULT_VALUES);
}

function valuesFrom(options: Readonly<Record<string, unknown>>): Partial<Record<Requirement, string>> {
  const defaults = options.defaults;
  if (defaults === null || typeof defaults !== "object") return {};
  const values: Partial<Record<Requirement, string>> = {};
  for (const [group, resources] of Object.entries(defaults as Record<string, unknown>)) {
    if (resources === null || typeof resources !== "object") continue;
    for (const [resource, value] of Object.entries(resources as Record<string, unknown>)) {
      const key = `${group}.${resource}`;
      if (key in DEFAULT_VALUES && (typeof value === "string" || typeof value === "number")) values[key as Requirement] = String(value);
    }
  }
  return values;
}
