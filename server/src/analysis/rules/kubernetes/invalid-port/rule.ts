import { isScalar, Scalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { apiObjectsIn } from "../../../kubernetes/values/objects.ts";
import { describeNameFormat, isValidName } from "../../../kubernetes/values/names.ts";
import { schemaReportedValues } from "../../../kubernetes/values/schema-overlap.ts";
import { editsOf, isTemplated, replaceScalar, yaml11Number, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { portSitesOf, type PortSite } from "./sites.ts";

interface Data {
  problem: "range" | "numeric-name" | "name" | "protocol";
  value: string;
  correction?: { text: string; safe: boolean; replacement: Replacement };
}

const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const MAX_PORT = 65535;

export default defineRule<Data>({
  id: "kubernetes/invalid-port",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "A port number outside 1-65535, a port name Kubernetes rejects, or a protocol other than TCP, UDP or SCTP.",
    why:
      "Container, Service and probe ports must be between 1 and 65535, and a port referred to by name must be a valid port name: a quoted \"8080\" is a name, and names need a letter. Protocols are case-sensitive (`TCP`, not `tcp`); where the schemas are loaded, kubernetes/invalid-enum reports those instead. The API server refuses the object otherwise.",
    invalid: {
      path: "service.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: \"8080\"\n    - port: 65536\n",
    },
    valid: {
      path: "service.yaml",
      text: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n    - port: 443\n      targetPort: https\n",
    },
  },
  check(context) {
    const { file, report } = context;
    const reported = schemaReportedValues(context);
    for (const object of apiObjectsIn(context)) {
      for (const site of portSitesOf(object)) {
        const node = site.value;
        if (!isScalar(node) || !node.range || reported.has(node)) continue;
        const found = site.type === "protocol" ? protocolProblem(node, file.text) : portProblem(site, node, file.text);
        if (found) report({ at: [node.range[0], node.range[1]], message: found.message, data: found.data });
      }
    }
  },
  fix(data, context) {
    if (!data.correction) return [];
    const edits = editsOf([data.correction.replacement], context);
    if (!edits) return [];
    const title = data.problem === "numeric-name" ? `Use the number ${data.correction.text}` : `Change to ${data.correction.text}`;
    return [{ title, safe: data.correction.safe, edits }];
  },
});

type Found = { message: string; data: Data };

function portProblem(site: PortSite, node: Scalar, text: string): Found | undefined {
  const source = text.slice(node.range![0], node.range![1]);
  const number = typeof node.value === "number" ? node.value : node.type === Scalar.PLAIN ? yaml11Number(source) : undefined;
  if (number !== undefined) {
    if (!Number.isInteger(number) || (number === 0 && site.zeroIsUnset) || (number >= 1 && number <= MAX_PORT)) return undefined;
    return {
      message: `${site.field} ${source} is out of range: Kubernetes accepts ports from 1 to ${MAX_PORT}${site.zeroIsUnset ? " (or 0 to leave it unset)" : ""}.`,
      data: { problem: "range", value: source },
    };
  }
  // A string where a number is required is the schema's business, not a port's.
  if (site.type !== "number-or-name" || typeof node.value !== "string" || isTemplated(node.value)) return undefined;
  const name = node.value;
  if ((name === "" && site.zeroIsUnset) || isValidName(name, "port-name")) return undefined;
  if (/^\d+$/.test(name)) {
    const port = Number(name);
    const data: Data = { problem: "numeric-name", value: name };
    const replacement = port >= 1 && port <= MAX_PORT ? { at: [node.range![0], node.range![1]] as [number, number], source, newText: String(port) } : undefined;
    if (replacement) data.correction = { text: String(port), safe: true, replacement };
    return {
      message: `${site.field} "${name}" is quoted, so Kubernetes reads it as a port name, and port names must contain a letter; write the number without quotes.`,
      data,
    };
  }
  return {
    message: `${site.field} "${name}" is not a valid port name: it must be ${describeNameFormat("port-name")}, and match the name of a container port.`,
    data: { problem: "name", value: name },
  };
}

function protocolProblem(node: Scalar, text: string): Found | undefined {
  if (typeof node.value !== "string" || node.value === "" || isTemplated(node.value) || PROTOCOLS.includes(node.value)) return undefined;
  const upper = node.value.toUpperCase();
  const data: Data = { problem: "protocol", value: node.value };
  const replacement = PROTOCOLS.includes(upper) ? replaceScalar(node, upper, text) : undefined;
  // Only the case differs, so the meaning is certain.
  if (replacement) data.correction = { text: upper, safe: true, replacement };
  return {
    message: `Protocol "${node.value}" is not supported: Kubernetes accepts only TCP, UDP and SCTP, in upper case.`,
    data,
  };
}
