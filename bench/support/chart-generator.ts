/**
 * A generated Helm chart for the bench: `templates` templates (a Deployment each, with
 * `if`, `with`, `range`, `default`, `include` and `toYaml`) over one values.yaml of about
 * `valuesLines` lines, each template reading its own component's keys.
 */
export interface GeneratedChart {
  root: string;
  files: Array<{ path: string; text: string }>;
  valuesPath: string;
  templatePaths: string[];
}

export function generateChart(templates: number, valuesLines: number, root = "/bench/chart"): GeneratedChart {
  const linesPerComponent = Math.max(12, Math.floor(valuesLines / templates));
  let values = "global:\n  imageRegistry: docker.io\n";
  const files: GeneratedChart["files"] = [{ path: `${root}/Chart.yaml`, text: "apiVersion: v2\nname: bench\nversion: 1.0.0\nappVersion: \"1.0.0\"\n" }];
  files.push({
    path: `${root}/templates/_helpers.tpl`,
    text: '{{- define "bench.name" -}}{{ .Chart.Name | trunc 63 }}{{- end -}}\n{{- define "bench.labels" -}}\napp.kubernetes.io/name: {{ include "bench.name" . }}\n{{- end -}}\n',
  });
  const templatePaths: string[] = [];
  for (let i = 0; i < templates; i++) {
    const name = `component${i}`;
    let block = `${name}:\n  enabled: true\n  replicaCount: 2\n  image:\n    repository: example/${name}\n    tag: "1.${i}.0"\n    pullPolicy: IfNotPresent\n  service:\n    port: ${8000 + i}\n  resources:\n    limits:\n      cpu: 100m\n`;
    let extra = 0;
    while (block.split("\n").length - 1 < linesPerComponent) block += `  setting${extra++}: value\n`;
    values += block;
    const path = `${root}/templates/${name}.yaml`;
    templatePaths.push(path);
    files.push({
      path,
      text: `{{- if .Values.${name}.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "bench.name" . }}-${name}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.${name}.replicaCount | default 1 }}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
      {{- with .Values.${name}.podAnnotations }}
      annotations: {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      containers:
        - name: ${name}
          image: "{{ .Values.global.imageRegistry }}/{{ .Values.${name}.image.repository }}:{{ .Values.${name}.image.tag }}"
          imagePullPolicy: {{ .Values.${name}.image.pullPolicy }}
          ports:
            - containerPort: {{ .Values.${name}.service.port }}
          env:
            {{- range $key, $value := .Values.${name}.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
            - name: SETTING
              value: {{ .Values.${name}.setting0 | quote }}
          resources: {{- toYaml .Values.${name}.resources | nindent 12 }}
{{- end }}
`,
    });
  }
  files.push({ path: `${root}/values.yaml`, text: values });
  return { root, files, valuesPath: `${root}/values.yaml`, templatePaths };
}
