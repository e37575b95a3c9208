import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Generates a large multi-document Kubernetes manifest of exactly `lines` lines, shaped
 * like what a real repository holds: per application a Deployment, a Service and a
 * ConfigMap, with the usual mix of good and sloppy containers so that the rules have
 * something to report. The output is deterministic, so runs stay comparable.
 */
export interface GeneratedManifest {
  /** The temporary folder that holds only this file; the caller removes it. */
  dir: string;
  path: string;
  text: string;
  lineCount: number;
  /** The 0-based line of a `replicas:` value near the middle of the file, which the edit benchmark toggles. */
  editLine: number;
  /** The 0-based character range of that value on its line. */
  editStart: number;
  editEnd: number;
  /** The value currently there, so the edit can toggle it. */
  editValue: string;
}

const TEAMS = ["checkout", "catalog", "payments", "search", "accounts", "shipping", "reviews", "ledger"];

function deployment(app: string, index: number): string[] {
  // Every third app misses limits and every fifth uses a floating tag: the findings a real repository has.
  const limits = index % 3 !== 0;
  const tag = index % 5 === 0 ? "latest" : `1.${index % 17}.${index % 7}`;
  const lines = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${app}`,
    `  namespace: ${TEAMS[index % TEAMS.length]}`,
    "  labels:",
    `    app.kubernetes.io/name: ${app}`,
    `    app.kubernetes.io/part-of: ${TEAMS[index % TEAMS.length]}`,
    "spec:",
    `  replicas: ${2 + (index % 3)}`,
    "  selector:",
    "    matchLabels:",
    `      app.kubernetes.io/name: ${app}`,
    "  template:",
    "    metadata:",
    "      labels:",
    `        app.kubernetes.io/name: ${app}`,
    "    spec:",
    "      securityContext:",
    "        runAsNonRoot: true",
    "      containers:",
    `        - name: ${app}`,
    `          image: registry.example.com/${app}:${tag}`,
    "          ports:",
    "            - name: http",
    "              containerPort: 8080",
    "          envFrom:",
    "            - configMapRef:",
    `                name: ${app}-config`,
    "          readinessProbe:",
    "            httpGet:",
    "              path: /healthz",
    "              port: http",
    "            periodSeconds: 10",
    "          resources:",
    "            requests:",
    "              cpu: 100m",
    "              memory: 128Mi",
  ];
  if (limits) lines.push("            limits:", "              memory: 256Mi");
  lines.push(
    "        - name: log-shipper",
    "          image: fluent/fluent-bit:3.1.4",
    "          resources:",
    "            requests:",
    "              cpu: 20m",
    "              memory: 32Mi",
    "            limits:",
    "              memory: 64Mi",
  );
  return lines;
}

function service(app: string, index: number): string[] {
  return [
    "apiVersion: v1",
    "kind: Service",
    "metadata:",
    `  name: ${app}`,
    `  namespace: ${TEAMS[index % TEAMS.length]}`,
    "spec:",
    "  type: ClusterIP",
    "  selector:",
    `    app.kubernetes.io/name: ${app}`,
    "  ports:",
    "    - name: http",
    "      port: 80",
    "      targetPort: http",
  ];
}

function configMap(app: string, index: number, extraEntries = 0): string[] {
  const lines = [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: ${app}-config`,
    `  namespace: ${TEAMS[index % TEAMS.length]}`,
    "data:",
    "  LOG_LEVEL: info",
    `  UPSTREAM_URL: http://${TEAMS[(index + 1) % TEAMS.length]}.svc.cluster.local`,
    `  CACHE_TTL_SECONDS: "${30 + (index % 90)}"`,
  ];
  for (let entry = 0; entry < extraEntries; entry++) lines.push(`  FEATURE_${entry}: "on"`);
  return lines;
}

/** The manifest's text, exactly `lineCount` lines long (the last line ends with a newline). */
export function generateManifestText(lineCount = 5000): string {
  const lines: string[] = [];
  const append = (document: string[]) => {
    if (lines.length > 0) lines.push("---");
    lines.push(...document);
  };
  for (let index = 0; ; index++) {
    const app = `svc-${String(index).padStart(3, "0")}`;
    const group = [deployment(app, index), service(app, index), configMap(app, index)];
    const groupLines = group.reduce((sum, document) => sum + document.length + 1, 0);
    if (lines.length + groupLines > lineCount) {
      // A final ConfigMap with as many entries as needed makes the count exact without breaking a document.
      const remaining = lineCount - lines.length - 1 - configMap(app, index).length;
      if (remaining >= 0) append(configMap(app, index, remaining));
      break;
    }
    for (const document of group) append(document);
  }
  return `${lines.slice(0, lineCount).join("\n")}\n`;
}

/** Writes the manifest into a fresh temporary folder and finds the value the edit benchmark toggles. */
export function writeManifest(lineCount = 5000): GeneratedManifest {
  const dir = mkdtempSync(join(tmpdir(), "shipshape-bench-"));
  const path = join(dir, "platform.yaml");
  const text = generateManifestText(lineCount);
  writeFileSync(path, text);
  const lines = text.split("\n");
  const middle = Math.floor(lines.length / 2);
  let editLine = -1;
  for (let offset = 0; offset < lines.length && editLine < 0; offset++) {
    for (const candidate of [middle + offset, middle - offset]) {
      if (lines[candidate]?.startsWith("  replicas: ")) {
        editLine = candidate;
        break;
      }
    }
  }
  if (editLine < 0) throw new Error("The generated manifest has no replicas line to edit.");
  const editStart = "  replicas: ".length;
  const editValue = lines[editLine]!.slice(editStart);
  return { dir, path, text, lineCount: lines.length - 1, editLine, editStart, editEnd: editStart + editValue.length, editValue };
}
