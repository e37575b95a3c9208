/**
 * A workspace of every kind of file Shipshape reads, many times over, for the tests that
 * compare analysis on worker threads with analysis in one thread: manifests with and
 * without findings, a CRD and its custom resources in other files, a chart (metadata,
 * values, templates), workflows, Pods reading ConfigMaps in other files (a key that is
 * there, one that is not, and a ConfigMap that is nowhere), a file that does not parse, one with a byte-order mark
 * and CRLF line ends, and one over the size where worker threads start.
 */
export function mixedWorkspaceFiles(copies = 6): Record<string, string> {
  const files: Record<string, string> = {
    "crds/widget.yaml": WIDGET_CRD,
    "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\n",
    "charts/web/values.yaml": "replicaCount: 2\nimage:\n  repository: nginx\n  tag: latest\n",
    "charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
    "big/platform.yaml": Array.from({ length: 400 }, (_, index) => deployment(`big-${index}`, index)).join("---\n"),
  };
  for (let copy = 0; copy < copies; copy++) {
    files[`apps/app-${copy}/deployment.yaml`] = deployment(`app-${copy}`, copy);
    files[`apps/app-${copy}/duplicate.yaml`] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  name: app-v2\ndata:\n  a: b\n";
    files[`apps/app-${copy}/widget.yaml`] = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w${copy}\nspec:\n  size: ${copy % 2 === 0 ? 3 : '"three"'}\n  colour: red\n`;
    files[`apps/app-${copy}/broken.yaml`] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: [unclosed\n";
    files[`apps/app-${copy}/crlf.yaml`] = `\uFEFF${deployment(`crlf-${copy}`, copy + 1).replace(/\n/g, "\r\n")}`;
    files[`apps/app-${copy}/settings.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${copy}\ndata:\n  mode: fast\n`;
    files[`apps/app-${copy}/reader.yaml`] = reader(`reader-${copy}`, `settings-${copy}`);
    files[`.github/workflows/ci-${copy}.yml`] = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "::set-output name=dir::out"\n';
  }
  return files;
}

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
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
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
`;

function deployment(name: string, index: number): string {
  const limits = index % 3 === 0 ? "" : "            limits:\n              memory: 256Mi\n";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${1 + (index % 4)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:${index % 5 === 0 ? "latest" : "1.2.3"}
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
${limits}`;
}

/** A Pod reading `settings`: key mode (there), key colour (not there), and all of a ConfigMap that is nowhere. */
function reader(name: string, settings: string): string {
  const keyRef = (variable: string, key: string) => `        - name: ${variable}\n          valueFrom:\n            configMapKeyRef:\n              name: ${settings}\n              key: ${key}\n`;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: ${name}
      image: registry.example.com/${name}:1.2.3
      env:
${keyRef("MODE", "mode")}${keyRef("COLOUR", "colour")}      envFrom:
        - configMapRef:
            name: ${name}-extra
`;
}
