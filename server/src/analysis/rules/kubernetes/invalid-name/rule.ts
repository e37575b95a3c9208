import { isScalar } from "yaml";
import { defineRule } from "../../define-rule.ts";
import { apiObjectsIn, type ApiObject } from "../../../kubernetes/values/objects.ts";
import { describeNameFormat, isValidName, repairName, type NameFormat } from "../../../kubernetes/values/names.ts";
import { editsOf, plainString, replaceScalar, type Replacement } from "../../../kubernetes/values/scalars.ts";
import { nameSitesOf, type NameSite, type NameSubject } from "./sites.ts";

interface Data {
  subject: NameSubject;
  value: string;
  /** The valid name to rename to, when one is near; with every reference to rename along. */
  rename?: { name: string; replacements: Replacement[] };
}

/** The Job names a CronJob makes are its own name plus `-` and an 11-digit timestamp. */
const CRONJOB_NAME_MAX = 52;

export default defineRule<Data>({
  id: "kubernetes/invalid-name",
  appliesTo: ["manifest"],
  scope: "document",
  severity: "error",
  recommended: true,
  docs: {
    summary: "An object, container, port or volume name that Kubernetes rejects.",
    why:
      "Kubernetes uses names in DNS records, URLs and host names, so most must be lowercase DNS names: a Namespace or container name a DNS label of at most 63 characters, a Service name a label that starts with a letter, a container port name an IANA service name of at most 15 characters. The API server refuses anything else, so the object is never created.",
    invalid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_App\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
    valid: {
      path: "deploy.yaml",
      text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-app\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
    },
  },
  check(context) {
    const { file, report } = context;
    for (const object of apiObjectsIn(context)) {
      for (const site of nameSitesOf(object)) {
        const node = plainString(site.value);
        if (!node || node.value === "") continue;
        const problem = problemOf(site, node.value, object);
        if (!problem) continue;
        const data: Data = { subject: site.subject, value: node.value };
        const name = renamed(site, node.value, object);
        const replacements = name === undefined ? [] : [node, ...site.references()].map((target) => (isScalar(target) ? replaceScalar(target, name, file.text) : undefined));
        if (name !== undefined && replacements.every((replacement) => replacement !== undefined)) data.rename = { name, replacements: replacements as Replacement[] };
        report({ at: [node.range![0], node.range![1]], message: problem, data });
      }
    }
  },
  fix(data, context) {
    if (!data.rename) return [];
    const edits = editsOf(data.rename.replacements, context);
    // A rename can break references elsewhere (other files, Services, selectors), so it is never applied blindly.
    return edits ? [{ title: `Rename to ${data.rename.name}`, safe: false, edits }] : [];
  },
});

/** The message for an invalid name, or `undefined` when the name is fine. */
function problemOf(site: NameSite, value: string, object: ApiObject): string | undefined {
  const subject = subjectText(site.subject, object);
  if (site.subject === "generateName") {
    if (isValidName(maskTrailingDash(value), site.format)) return undefined;
  } else if (isValidName(value, site.format)) {
    if (site.subject === "object" && isCronJob(object) && value.length > CRONJOB_NAME_MAX) {
      return `${subject} "${value}" is ${value.length} characters long; Kubernetes allows at most ${CRONJOB_NAME_MAX}, because each Job it starts is named after it with 11 more characters.`;
    }
    return undefined;
  }
  const why = site.subject === "object" ? whyFor(site.format, object) : "";
  const prefix = site.subject === "generateName" ? ", apart from a trailing '-'" : "";
  return `${subject} "${value}" is not valid: it must be ${describeNameFormat(site.format)}${prefix}.${why}`;
}

/** The nearest valid name, keeping a generateName's trailing '-'. */
function renamed(site: NameSite, value: string, object: ApiObject): string | undefined {
  if (site.subject === "generateName") {
    const trailing = value.endsWith("-") ? "-" : "";
    const base = trailing ? value.slice(0, -1) : value;
    const repaired = repairName(base, site.format) ?? base;
    const name = repaired + trailing;
    return name !== value && isValidName(maskTrailingDash(name), site.format) ? name : undefined;
  }
  if (site.subject === "object" && isCronJob(object)) {
    const repaired = isValidName(value, site.format) ? value : repairName(value, site.format);
    const name = repaired?.slice(0, CRONJOB_NAME_MAX).replace(/[-.]+$/, "");
    return name && name !== value && isValidName(name, site.format) ? name : undefined;
  }
  return repairName(value, site.format);
}

/** Kubernetes checks a generateName prefix as a name whose trailing '-' is a letter. */
function maskTrailingDash(value: string): string {
  return value.length > 1 && value.endsWith("-") ? `${value.slice(0, -1)}a` : value;
}

function subjectText(subject: NameSubject, object: ApiObject): string {
  switch (subject) {
    case "object":
      return `The ${object.kind} name`;
    case "generateName":
      return `The ${object.kind} generateName`;
    case "container":
      return "The container name";
    case "port":
      return "The container port name";
    case "volume":
      return "The volume name";
    case "service-port":
      return "The Service port name";
  }
}

function whyFor(format: NameFormat, object: ApiObject): string {
  if (object.builtin && object.kind === "StatefulSet" && format === "dns1123-label") return " Its pods' host names are built from it, so it cannot contain '.'.";
  return "";
}

function isCronJob(object: ApiObject): boolean {
  return object.builtin && object.group === "batch" && object.kind === "CronJob";
}
