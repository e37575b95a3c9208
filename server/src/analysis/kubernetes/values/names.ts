/**
 * The name formats Kubernetes validates (object names, container and port names, label
 * keys and values), each with a description for messages and a repair for fixes.
 */

export type NameFormat = "dns1123-subdomain" | "dns1123-label" | "dns1035-label" | "port-name" | "path-segment";

/** Whether a value fits a name format, length included. */
export function isValidName(value: string, format: NameFormat): boolean {
  switch (format) {
    case "dns1123-subdomain":
      return value.length <= SUBDOMAIN_MAX && SUBDOMAIN.test(value);
    case "dns1123-label":
      return value.length <= LABEL_MAX && LABEL.test(value);
    case "dns1035-label":
      return value.length <= LABEL_MAX && DNS1035_LABEL.test(value);
    case "port-name":
      return value.length <= PORT_NAME_MAX && /^[-a-z0-9]+$/.test(value) && /[a-z]/.test(value) && !value.includes("--") && !value.startsWith("-") && !value.endsWith("-");
    case "path-segment":
      return value !== "." && value !== ".." && !value.includes("/") && !value.includes("%");
  }
}

/** What a name format asks for, to end a sentence such as "it must be ...". */
export function describeNameFormat(format: NameFormat): string {
  switch (format) {
    case "dns1123-subdomain":
      return "a DNS subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
    case "dns1123-label":
      return "a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
    case "dns1035-label":
      return "a DNS-1035 label: at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";
    case "port-name":
      return "an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter and no '-' at either end or twice in a row";
    case "path-segment":
      return "usable in a URL path: not '.' or '..', and without '/' or '%'";
  }
}

/**
 * The nearest valid name: lower case, other characters replaced by '-', trimmed to the
 * length limit. `undefined` when no such repair gives a valid, different name.
 */
export function repairName(value: string, format: NameFormat): string | undefined {
  let repaired: string;
  switch (format) {
    case "dns1123-subdomain":
      repaired = value
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, "-")
        .split(".")
        .map(trimHyphens)
        .filter((part) => part !== "")
        .join(".");
      repaired = trimEnd(repaired.slice(0, SUBDOMAIN_MAX), /[-.]+$/);
      break;
    case "dns1123-label":
    case "dns1035-label":
      repaired = trimHyphens(trimHyphens(value.toLowerCase().replace(/[^a-z0-9-]+/g, "-")).slice(0, LABEL_MAX));
      break;
    case "port-name":
      repaired = trimHyphens(trimHyphens(value.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-")).slice(0, PORT_NAME_MAX));
      break;
    case "path-segment":
      return undefined;
  }
  return repaired !== value && isValidName(repaired, format) ? repaired : undefined;
}

/**
 * Why a label or annotation key is not a qualified name (`[prefix/]name`), or `undefined`
 * when it is one. Annotation keys are compared in lower case, as Kubernetes does.
 */
export function qualifiedNameProblem(key: string, annotation: boolean): string | undefined {
  const checked = annotation ? key.toLowerCase() : key;
  const parts = checked.split("/");
  if (parts.length > 2) return "it has more than one '/'";
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === "") return "the prefix before '/' is empty";
    if (prefix.length > SUBDOMAIN_MAX || !SUBDOMAIN.test(prefix)) {
      return `the prefix "${prefix}" is not a DNS subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)`;
    }
  }
  if (name === "") return "the name part is empty";
  if (name.length > LABEL_MAX) return `the name part is ${name.length} characters long, more than 63`;
  if (!QUALIFIED_NAME_PART.test(name)) return "the name part may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
  return undefined;
}

/** Why a label value is not valid, or `undefined` when it is (the empty value is). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > LABEL_MAX) return `it is ${value.length} characters long, more than 63`;
  if (value !== "" && !QUALIFIED_NAME_PART.test(value)) return "it may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
  return undefined;
}

/** The nearest valid key for an invalid one, keeping its prefix and case where they are valid; names too long are not cut. */
export function repairQualifiedName(key: string, annotation: boolean): string | undefined {
  const parts = key.split("/");
  if (parts.length > 2 || parts[parts.length - 1]!.length > LABEL_MAX) return undefined;
  const name = repairLabelText(parts[parts.length - 1]!);
  let repaired = name;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    const prefixValid = (annotation ? prefix.toLowerCase() : prefix).length <= SUBDOMAIN_MAX && SUBDOMAIN.test(annotation ? prefix.toLowerCase() : prefix);
    const fixedPrefix = prefixValid ? prefix : repairName(prefix, "dns1123-subdomain");
    if (fixedPrefix === undefined) return undefined;
    repaired = `${fixedPrefix}/${name}`;
  }
  return repaired !== key && name !== "" && qualifiedNameProblem(repaired, annotation) === undefined ? repaired : undefined;
}

/**
 * The nearest valid label value, or `undefined` when none differs and is valid. A value
 * that is too long is not cut: which part matters is the author's call.
 */
export function repairLabelValue(value: string): string | undefined {
  if (value.length > LABEL_MAX) return undefined;
  const repaired = repairLabelText(value);
  // Emptying a value is never what its author meant, although the empty value is valid.
  return repaired !== value && repaired !== "" && labelValueProblem(repaired) === undefined ? repaired : undefined;
}

const LABEL_MAX = 63;
const SUBDOMAIN_MAX = 253;
const PORT_NAME_MAX = 15;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Invalid characters become '-', and the ends are trimmed to letters or digits. */
function repairLabelText(value: string): string {
  const replaced = value.replace(/[^A-Za-z0-9._-]+/g, "-");
  const trimmed = trimEnd(replaced.replace(/^[^A-Za-z0-9]+/, ""), /[^A-Za-z0-9]+$/);
  return trimEnd(trimmed.slice(0, LABEL_MAX), /[^A-Za-z0-9]+$/);
}

function trimHyphens(value: string): string {
  return value.replace(/^-+|-+$/g, "");
}

function trimEnd(value: string, pattern: RegExp): string {
  return value.replace(pattern, "");
}
