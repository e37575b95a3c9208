import { customResourcesIn, kubernetesEnvironment, layoutFromPaths, LineIndex, type KubernetesEnvironment, type Position } from "../../../server/src/analysis/index.ts";
import { loadBundledSchemas } from "../../../server/src/io/schema-data.ts";

/**
 * Shared by the hover and completion tables: a cursor marker in YAML snippets, and a
 * workspace with the real bundled schemas (target 1.34) and one CRD.
 */

/** `|` marks the cursor; the marker is removed from the text. */
export function withCursor(marked: string): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf("|");
  if (offset < 0) throw new Error(`No cursor marker in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

export const CRD_PATH = "/w/crds/widget.yaml";

export const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          description: A Widget makes things.
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size:
                  type: integer
                  description: How many things the widget makes.
                mode:
                  type: string
                  enum: [fast, slow]
                  description: How fast it makes them.
                parts:
                  type: array
                  items:
                    type: object
                    properties:
                      name:
                        type: string
`;

export const LAYOUT = layoutFromPaths(["/w/app.yaml", CRD_PATH, "/w/chart/Chart.yaml"]);

export function environment(version = "1.34"): KubernetesEnvironment {
  return kubernetesEnvironment(loadBundledSchemas(), version, customResourcesIn(CRD_PATH, WIDGET_CRD));
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: IfNotPresent
          resources:
            limits:
              cpu: 500m
`;

export const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: 3
  mode: fast
`;

export const POD_LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    data:
      a: b
  - apiVersion: v1
    kind: Pod
    metadata:
      name: p
    spec:
      restartPolicy: Always
      containers:
        - name: c
          image: busybox
`;

/** Puts the cursor marker at the first occurrence of `at` in `text`, `shift` characters into it. */
export function mark(text: string, at: string, shift = 0): string {
  const index = text.indexOf(at);
  if (index < 0) throw new Error(`${JSON.stringify(at)} is not in the text`);
  return text.slice(0, index + shift) + "|" + text.slice(index + shift);
}
