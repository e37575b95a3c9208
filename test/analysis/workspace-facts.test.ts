import { test } from "node:test";
import assert from "node:assert/strict";
import { indexSourceFile, layoutFromPaths, type IndexedResource } from "../../server/src/analysis/index.ts";

// The facts the selector and scaling rules read from other files: pod labels (and whether
// they can be trusted), PodDisruptionBudget selectors, scale targets, and where a Service
// can be made headless.

const layout = layoutFromPaths([]);

function indexed(text: string): IndexedResource[] {
  return indexSourceFile({ path: "/w/a.yaml", text }, layout);
}

test("pod labels come from the template, even without a pod spec, and say when they cannot be read", () => {
  const [plain] = indexed("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n");
  assert.deepEqual(plain!.podLabels, { app: "web" });
  assert.equal(plain!.podLabelsUnknown, undefined);
  const [merged] = indexed("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    metadata:\n      labels:\n        <<: { app: web }\n    spec:\n      containers: [{ name: web, image: nginx }]\n");
  assert.equal(merged!.podLabelsUnknown, true);
  const [templated] = indexed("apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    metadata:\n      labels: { app: '${APP}' }\n");
  assert.equal(templated!.podLabelsUnknown, true);
});

test("custom workloads with a pod template count as pod owners; other custom resources do not", () => {
  const [rollout, widget] = indexed(
    "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: web }\nspec:\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers:\n        - name: web\n          ports: [{ name: http, containerPort: 8080 }]\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  template: { metadata: { labels: { app: w } } }\n",
  );
  assert.deepEqual(rollout!.podLabels, { app: "web" });
  assert.deepEqual(rollout!.ports, [{ name: "http", number: 8080 }]);
  assert.equal(widget!.podLabels, undefined);
});

test("PodDisruptionBudgets keep their selector, by the rules of their API version", () => {
  const budget = (apiVersion: string, selector: string) => indexed(`apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: { name: b }\nspec:\n  maxUnavailable: 1\n${selector}`)[0]!;
  assert.deepEqual(budget("policy/v1", "  selector: { matchLabels: { app: web } }\n").podSelector, { matchLabels: { app: "web" }, matchExpressions: [] });
  assert.deepEqual(budget("policy/v1", "  selector: {}\n").podSelector, { matchLabels: {}, matchExpressions: [] }, "an empty v1 selector selects every pod");
  assert.equal(budget("policy/v1beta1", "  selector: {}\n").podSelector, undefined, "an empty v1beta1 selector selects none");
  assert.equal(budget("policy/v1", "").podSelector, undefined, "no selector selects none");
  assert.equal(budget("policy/v1", "  selector: { matchExpressions: [{ key: a, operator: Gt }] }\n").podSelectorUnknown, true);
});

test("autoscalers keep their scale target; a KEDA ScaledObject scales a Deployment by default", () => {
  const [hpa, scaled] = indexed(
    "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: h }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: db }\n---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: s }\nspec:\n  scaleTargetRef: { name: worker }\n",
  );
  assert.deepEqual(hpa!.scaleTarget, { kind: "StatefulSet", name: "db" });
  assert.deepEqual(scaled!.scaleTarget, { kind: "Deployment", name: "worker" });
});

test("a Service can be made headless only when its spec is a block map without a cluster IP or another type", () => {
  const service = (spec: string) => indexed(`apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${spec}status: {}\n`)[0]!;
  assert.deepEqual(service("  selector:\n    app: db\n  ports:\n    - port: 5432\n").clusterIPInsertion, { line: 9, indent: 2, eol: "\n", map: "spec" });
  assert.equal(service("  clusterIP: 10.0.0.1\n  ports:\n    - port: 5432\n").clusterIPInsertion, undefined);
  assert.equal(service("  type: LoadBalancer\n  ports:\n    - port: 5432\n").clusterIPInsertion, undefined);
});
