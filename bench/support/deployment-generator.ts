/**
 * Generates a multi-document file of `count` Deployments, the shape of what `helm template`
 * or `kustomize build` writes for a large platform: every Deployment differs (one to three
 * containers, env from values, secrets, config maps and the downward API, probes of every
 * kind, resources, volumes, affinity, tolerations), so the parser and the schema walk see
 * the variety of real input rather than one document repeated. A seeded generator keeps
 * the output identical from run to run, so figures stay comparable.
 */
export function generateDeployments(count = 1000, seed = 7): string {
  const random = seededRandom(seed);
  const documents: string[] = [];
  for (let index = 0; index < count; index++) documents.push(deployment(index, random).join("\n"));
  return `${documents.join("\n---\n")}\n`;
}

type Random = () => number;

const TEAMS = ["checkout", "catalog", "payments", "search", "accounts", "shipping", "reviews", "ledger", "identity", "billing"];
const IMAGES = ["registry.example.com/{app}", "ghcr.io/example/{app}", "docker.io/library/nginx", "quay.io/example/{app}-server"];
const SIDECARS = [
  { name: "log-shipper", image: "fluent/fluent-bit:3.1.4" },
  { name: "envoy", image: "envoyproxy/envoy:v1.31.2" },
  { name: "metrics", image: "prom/statsd-exporter:v0.27.1" },
];

function deployment(index: number, random: Random): string[] {
  const team = pick(TEAMS, random);
  const app = `${team}-${String(index).padStart(4, "0")}`;
  const lines = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${app}`,
    `  namespace: ${team}`,
  ];
  if (random() < 0.5) lines.push("  labels:", `    app.kubernetes.io/name: ${app}`);
  if (random() < 0.1) lines.push("  annotations:", `    deployment.kubernetes.io/revision: "${1 + Math.floor(random() * 40)}"`);
  lines.push("spec:", `  replicas: ${1 + Math.floor(random() * 6)}`);
  if (random() < 0.1) lines.push(`  revisionHistoryLimit: ${3 + Math.floor(random() * 8)}`);
  if (random() < 0.1) lines.push("  strategy:", "    type: RollingUpdate", "    rollingUpdate:", "      maxSurge: 25%", `      maxUnavailable: ${random() < 0.5 ? "0" : "1"}`);
  lines.push(
    "  selector:",
    "    matchLabels:",
    `      app.kubernetes.io/name: ${app}`,
    "  template:",
    "    metadata:",
    "      labels:",
    `        app.kubernetes.io/name: ${app}`,
    "    spec:",
  );
  if (random() < 0.2) lines.push(`      serviceAccountName: ${app}`);
  if (random() < 0.25) lines.push("      securityContext:", "        runAsNonRoot: true", `        runAsUser: ${1000 + Math.floor(random() * 9000)}`);
  lines.push("      containers:");
  lines.push(...mainContainer(app, index, random));
  const sidecars = random() < 0.05 ? 1 + Math.floor(random() * 2) : 0;
  for (let sidecar = 0; sidecar < sidecars; sidecar++) lines.push(...sidecarContainer(SIDECARS[(index + sidecar) % SIDECARS.length]!, random));
  if (random() < 0.1) {
    lines.push("      volumes:", "        - name: config", "          configMap:", `            name: ${app}-config`);
    if (random() < 0.5) lines.push("        - name: cache", "          emptyDir:", "            sizeLimit: 1Gi");
  }
  if (random() < 0.05) {
    lines.push("      tolerations:", "        - key: dedicated", "          operator: Equal", `          value: ${team}`, "          effect: NoSchedule");
  }
  if (random() < 0.05) {
    lines.push(
      "      affinity:",
      "        podAntiAffinity:",
      "          preferredDuringSchedulingIgnoredDuringExecution:",
      "            - weight: 100",
      "              podAffinityTerm:",
      "                topologyKey: kubernetes.io/hostname",
      "                labelSelector:",
      "                  matchLabels:",
      `                    app.kubernetes.io/name: ${app}`,
    );
  }
  return lines;
}

function mainContainer(app: string, index: number, random: Random): string[] {
  const tag = random() < 0.1 ? "latest" : `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 30)}.${Math.floor(random() * 10)}`;
  const port = pick([8080, 8443, 3000, 9090], random);
  const lines = [
    `        - name: ${app}`,
    `          image: ${pick(IMAGES, random).replace("{app}", app)}:${tag}`,
  ];
  if (random() < 0.3) lines.push(`          imagePullPolicy: ${pick(["IfNotPresent", "Always"], random)}`);
  if (random() < 0.1) lines.push("          args:", "            - --config=/etc/app/config.yaml", `            - --port=${port}`);
  lines.push("          ports:", `            - containerPort: ${port}`);
  lines.push("          env:", "            - name: LOG_LEVEL", `              value: ${pick(["info", "debug", "warn"], random)}`);
  if (random() < 0.2) {
    lines.push("            - name: DATABASE_PASSWORD", "              valueFrom:", "                secretKeyRef:", `                  name: ${app}-db`, "                  key: password");
  }
  if (random() < 0.15) {
    lines.push("            - name: POD_NAME", "              valueFrom:", "                fieldRef:", "                  fieldPath: metadata.name");
  }
  if (random() < 0.1) lines.push("          envFrom:", "            - configMapRef:", `                name: ${app}-env`);
  lines.push(...probe("readinessProbe", port, random));
  if (random() < 0.2) lines.push(...probe("livenessProbe", port, random));
  if (random() < 0.05) lines.push(...probe("startupProbe", port, random));
  // One in eight containers misses its memory limit, as real repositories do, so the resources rule has findings.
  lines.push("          resources:", "            requests:", `              cpu: ${pick(["50m", "100m", "250m", "500m"], random)}`, `              memory: ${pick(["64Mi", "128Mi", "256Mi", "512Mi"], random)}`);
  if (index % 8 !== 0) lines.push("            limits:", `              memory: ${pick(["256Mi", "512Mi", "1Gi"], random)}`);
  if (random() < 0.1) lines.push("          volumeMounts:", "            - name: config", "              mountPath: /etc/app", "              readOnly: true");
  return lines;
}

function probe(name: string, port: number, random: Random): string[] {
  const lines = [`          ${name}:`];
  const style = random();
  if (style < 0.6) lines.push("            httpGet:", `              path: /${pick(["healthz", "ready", "livez"], random)}`, `              port: ${port}`);
  else if (style < 0.85) lines.push("            tcpSocket:", `              port: ${port}`);
  else lines.push("            exec:", "              command:", "                - /bin/sh", "                - -c", "                - test -f /tmp/healthy");
  if (random() < 0.5) lines.push(`            initialDelaySeconds: ${Math.floor(random() * 30)}`);
  lines.push(`            periodSeconds: ${pick([5, 10, 15, 30], random)}`);
  if (random() < 0.2) lines.push(`            failureThreshold: ${1 + Math.floor(random() * 5)}`);
  return lines;
}

function sidecarContainer(sidecar: { name: string; image: string }, random: Random): string[] {
  return [
    `        - name: ${sidecar.name}`,
    `          image: ${sidecar.image}`,
    "          resources:",
    "            requests:",
    `              cpu: ${pick(["10m", "20m", "50m"], random)}`,
    `              memory: ${pick(["32Mi", "64Mi"], random)}`,
    "            limits:",
    `              memory: ${pick(["64Mi", "128Mi"], random)}`,
  ];
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A small linear congruential generator: deterministic and fast, which is all a benchmark needs. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
