/**
 * A Deployment with one duplicate key and one container without resources: the smallest
 * manifest that gives a finding with a safe-looking fix and one with an unsafe fix.
 */
export const MANIFEST_WITH_TWO_FINDINGS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  name: web-v2
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
