/**
 * Generates the bundled Kubernetes schemas into dist/schemas/kubernetes/ from npm packages,
 * so the data is rebuilt from its sources on every clean build and never edited by hand.
 *
 * Sources:
 * - cdk8s-plus-<minor> ships lib/imports/k8s.d.ts, generated from that Kubernetes version's
 *   OpenAPI: one interface per definition, with its description, `?` for optional fields and
 *   `@schema <definition>#<json field>` tags. lib/imports/k8s.js gives each resource class its
 *   apiVersion and kind.
 * - kubernetes-models (1.33 and 1.35) declares enum fields as unions of string literals, which
 *   cdk8s drops. Their values are merged over both packages and attached to every bundled
 *   version where the field exists, so no value Kubernetes accepts is ever rejected. It also
 *   tells which resources have a `status`, which cdk8s leaves out of its props.
 * - kubernetes-models also repairs what cdk8s loses to name collisions. cdk8s names its
 *   interfaces by short name and its resource classes by kind and version, so of two
 *   definitions or resources that share a name across API groups only one survives: the
 *   flowcontrol.apiserver.k8s.io/v1 `subjects` point at the RBAC Subject, and the core v1
 *   Event is missing behind events.k8s.io/v1 Event. Every field is compared with the type
 *   kubernetes-models gives it; a reference to the wrong definition is pointed at the right
 *   one, and a definition or resource type cdk8s lacks is built from kubernetes-models.
 *
 * Output (all JSON, read lazily by server/src/analysis/kubernetes/schema/bundled.ts):
 * - index.json: the format, the versions in ascending order, the newest, the sources.
 * - <version>.json: the version's resource types and, per group-version chunk, which variant
 *   of each definition the version uses.
 * - <group-version>.json (as io.k8s.api.apps.v1.json): each definition's distinct variants
 *   over all versions, so a definition that did not change is stored once.
 * - stamp.json: the source package versions, a hash of this script and the files written. A
 *   build whose stamp matches, with every file present, skips the work, so repeated builds
 *   stay fast.
 *
 * Run: node --import tsx scripts/generate-kubernetes-schemas.ts (npm run build runs it). With
 * --verbose it lists the references it corrected and what it added to cdk8s's data.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type TypeScript from "typescript";
import { BUNDLED_SCHEMA_FORMAT } from "../server/src/analysis/kubernetes/schema/bundled.ts";
import type { ResourceType, SchemaNode } from "../server/src/analysis/kubernetes/schema/types.ts";

/**
 * The TypeScript compiler, loaded only when the data is regenerated: loading it takes longer
 * than the whole up-to-date check.
 */
let ts: typeof TypeScript;

const ROOT = join(__dirname, "..");
const OUTPUT = join(ROOT, "dist", "schemas", "kubernetes");

/** The kubernetes-models packages (npm aliases): 4.5.1 models Kubernetes 1.33, 5.1.0 models 1.35. */
const MODEL_PACKAGES: readonly string[] = ["kubernetes-models-1-33", "kubernetes-models-1-34"];

/**
 * One cdk8s-plus package per bundled Kubernetes minor version, with the kubernetes-models
 * packages that repair it, preferred first. Versions up to 1.33 use the 1.33 models: a field
 * added after an older version only makes that version lenient. 1.34 has no models of its own,
 * so it uses the 1.35 ones merged with the 1.33 ones, keeping whatever either accepts.
 */
const CDK8S_PLUS_PACKAGES: ReadonlyArray<{ name: string; version: string; models: readonly string[] }> = [29, 30, 31, 32, 33, 34].map(
  (minor) => ({
    name: `cdk8s-plus-${minor}`,
    version: `1.${minor}`,
    models: minor <= 33 ? ["kubernetes-models-1-33"] : ["kubernetes-models-1-34", "kubernetes-models-1-33"],
  }),
);

/** Whether to list every repair of cdk8s's data rather than only count them. */
const VERBOSE = process.argv.includes("--verbose");

/** The package kubernetes-models keeps the apimachinery (meta/v1, ...) models in. */
const APIMACHINERY_PACKAGE = "@kubernetes-models/apimachinery";

interface GeneratedVersion {
  version: string;
  resourceTypes: ResourceType[];
  definitions: Map<string, SchemaNode>;
}

interface EnumField {
  values: Set<string>;
  /** The field is a list whose items take the values. */
  list: boolean;
}

/** What kubernetes-models says about the definitions, keyed by `normalizedName`. */
interface ModelFacts {
  /** Definition, then JSON field name, to the values kubernetes-models allows. */
  enums: Map<string, Map<string, EnumField>>;
  /** Each modelled definition's top-level `status`, or `null` when it has none. */
  statuses: Map<string, SchemaNode | null>;
}

/** One kubernetes-models package, its apimachinery models included. */
interface ModelPackage {
  name: string;
  /** Keyed by `normalizedName`; the first declaration of a name wins. */
  definitions: Map<string, ModelDefinition>;
}

/** One model interface of kubernetes-models. */
interface ModelDefinition {
  /** The name kubernetes-models exports it under, without the `I`: `IoK8sApiCoreV1Event`. */
  name: string;
  declaration: TypeScript.InterfaceDeclaration;
  /** The file's interfaces by their local name (`IJSONSchemaProps`), for references within the file. */
  localNames: ReadonlyMap<string, string>;
  /** The apiVersion and kind of a resource: an interface extending TypeMeta with both as literals. */
  resource?: { apiVersion: string; kind: string };
}

/** What repairing one version from kubernetes-models works with. */
interface RepairContext {
  generated: GeneratedVersion;
  /** The version's kubernetes-models packages, preferred first. */
  models: readonly ModelPackage[];
  /** Turns a kubernetes-models name into a definition name; `undefined` when it cannot. */
  definitionName: (name: string) => string | undefined;
  /** The apiVersion and kind properties every resource type gets. */
  typeMeta: Record<string, SchemaNode>;
  /** The definitions of the version built from kubernetes-models rather than read from cdk8s. */
  built: Set<string>;
}

/** The repairs of cdk8s's data: each entry, as printed, to the versions it applies to. */
interface Repairs {
  references: Map<string, string[]>;
  resourceTypes: Map<string, string[]>;
  definitions: Map<string, string[]>;
}

/** The repairs as kept in the stamp, so an up-to-date run can still report them. */
interface RepairReport {
  references: string[];
  resourceTypes: string[];
  definitions: string[];
}

class SourceError extends Error {}

function main(): void {
  const started = performance.now();
  const key: StampKey = { format: BUNDLED_SCHEMA_FORMAT, script: scriptHash(), sources: sourcePackages() };
  const upToDate = upToDateFiles(key);
  if (upToDate) {
    const bytes = upToDate.files.reduce((total, name) => total + statSync(join(OUTPUT, name)).size, 0);
    console.log(`Kubernetes schemas up to date: ${summary(upToDate.files.length, bytes, started, upToDate.repairs)}`);
    return;
  }

  ts = require("typescript") as typeof TypeScript;
  const versions = CDK8S_PLUS_PACKAGES.map(({ name, version }) => readCdk8sPlus(packageDir(name, ROOT), version));
  const { packages, facts } = readModels();
  const definitionName = definitionNamer(versions);
  const repairs: Repairs = { references: new Map(), resourceTypes: new Map(), definitions: new Map() };
  for (const [index, generated] of versions.entries()) {
    const models = CDK8S_PLUS_PACKAGES[index]!.models.map((name) => packages.get(name)!);
    const typeMeta = typeMetaProperties(generated.definitions, CDK8S_PLUS_PACKAGES[index]!.name);
    const context: RepairContext = { generated, models, definitionName, typeMeta, built: new Set() };
    correctReferences(context, repairs);
    addCollidedResourceTypes(context, repairs);
    for (const ref of context.built) record(repairs.definitions, ref, generated.version);
    // Built definitions get the enums and statuses too, merged over both packages like the rest.
    attachEnums(generated, facts);
    attachStatuses(generated, facts);
  }

  const report = repairReport(repairs);
  const files = renderFiles(versions, key.sources);
  writeOutput(files, key, report);
  const bytes = [...files.values()].reduce((total, text) => total + Buffer.byteLength(text), 0);
  console.log(`Kubernetes schemas generated: ${summary(files.size, bytes, started, report)}`);
}

function summary(files: number, bytes: number, started: number, repairs: RepairReport): string {
  const versions = CDK8S_PLUS_PACKAGES.map(({ version }) => version);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const counts =
    `${repairs.references.length} references of cdk8s corrected, ${repairs.resourceTypes.length} resource types and ` +
    `${repairs.definitions.length} definitions added from kubernetes-models`;
  const lines = [
    `${versions[0]}..${versions[versions.length - 1]} (${versions.length} versions), ${files} files, ${(bytes / 1024 / 1024).toFixed(2)} MB, ${seconds} s; ${counts}${VERBOSE ? "" : " (--verbose lists them)"}`,
  ];
  if (VERBOSE) {
    for (const [title, entries] of [
      ["References corrected", repairs.references],
      ["Resource types added", repairs.resourceTypes],
      ["Definitions added", repairs.definitions],
    ] as const) {
      lines.push(`${title}:`, ...entries.map((entry) => `  ${entry}`));
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Up-to-date check

/**
 * The exact versions of every source package. They go into the stamp, so upgrading a package
 * regenerates the data even when the script did not change.
 */
function sourcePackages(): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const { name } of CDK8S_PLUS_PACKAGES) sources[name] = packageVersion(packageDir(name, ROOT));
  for (const name of MODEL_PACKAGES) {
    const dir = packageDir(name, ROOT);
    sources[name] = packageVersion(dir);
    sources[`${name} > ${APIMACHINERY_PACKAGE}`] = packageVersion(packageDir(APIMACHINERY_PACKAGE, dir));
  }
  return sources;
}

/** The script is the generator's whole logic, so its text decides whether old output is still right. */
function scriptHash(): string {
  return createHash("sha256").update(readFileSync(__filename)).digest("hex");
}

/** What the output was generated from; equal keys mean equal output. */
interface StampKey {
  format: number;
  script: string;
  sources: Record<string, string>;
}

/**
 * The files of the current output, and the repairs made to it, when it was generated from `key`
 * and all of its files are still there; `undefined` when the data has to be generated.
 */
function upToDateFiles(key: StampKey): { files: string[]; repairs: RepairReport } | undefined {
  let stamp: (StampKey & { files?: unknown; repairs?: RepairReport }) | undefined;
  try {
    stamp = JSON.parse(readFileSync(join(OUTPUT, "stamp.json"), "utf8")) as StampKey & { files?: unknown; repairs?: RepairReport };
  } catch {
    return undefined;
  }
  const { files, repairs, ...stampKey } = stamp;
  if (JSON.stringify(stampKey) !== JSON.stringify(key) || !Array.isArray(files) || !repairs) return undefined;
  // A stamp without its data (a half-deleted folder) must not count as up to date.
  const names = files.filter((name): name is string => typeof name === "string");
  return names.length === files.length && names.every((name) => existsSync(join(OUTPUT, name))) ? { files: names, repairs } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Packages

/** Finds a package the way Node does: in node_modules folders from `from` upwards. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new SourceError(`Package ${name} is not installed (looked up from ${from}). Run npm install.`);
  }
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

function parse(path: string): TypeScript.SourceFile {
  const javaScript = path.endsWith(".js");
  // Parent pointers are needed for the JSDoc helpers. The comments of k8s.js repeat those of
  // k8s.d.ts and are never read, so skipping them saves a good part of the run.
  const options = {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: javaScript ? ts.JSDocParsingMode.ParseNone : ts.JSDocParsingMode.ParseAll,
  };
  return ts.createSourceFile(path, readFileSync(path, "utf8"), options, true, javaScript ? ts.ScriptKind.JS : ts.ScriptKind.TS);
}

// ---------------------------------------------------------------------------------------------
// cdk8s-plus: definitions and resource types

/** What a TypeScript name in k8s.d.ts stands for. */
type NamedType =
  | { kind: "definition"; ref: string }
  | { kind: "enum"; values: string[] }
  | { kind: "node"; node: SchemaNode };

/**
 * cdk8s turns the schemas Kubernetes gives with no type of their own into classes; their
 * JSON form is fixed, so they are written inline rather than as definitions.
 */
const SPECIAL_CLASSES: Record<string, SchemaNode> = {
  Quantity: { "x-kubernetes-int-or-string": true, format: "quantity" },
  IntOrString: { "x-kubernetes-int-or-string": true },
};

function readCdk8sPlus(dir: string, version: string): GeneratedVersion {
  const source = parse(join(dir, "lib", "imports", "k8s.d.ts"));
  const named = new Map<string, NamedType>();
  const classRefs = new Map<string, string>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      named.set(statement.name.text, { kind: "definition", ref: schemaTag(statement, source) });
    } else if (ts.isEnumDeclaration(statement)) {
      named.set(statement.name.text, { kind: "enum", values: statement.members.map((member) => enumValue(member, source)) });
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      const special = SPECIAL_CLASSES[statement.name.text];
      if (special) named.set(statement.name.text, { kind: "node", node: special });
      else classRefs.set(statement.name.text, schemaTag(statement, source));
    }
  }
  named.set("Date", { kind: "node", node: { type: "string", format: "date-time" } });

  const definitions = new Map<string, SchemaNode>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const ref = schemaTag(statement, source);
    const definition = readInterface(statement, ref, named, source);
    const earlier = definitions.get(ref);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(definition)) {
      throw new SourceError(`${source.fileName}: two different interfaces declare ${ref}`);
    }
    definitions.set(ref, definition);
  }

  const resourceTypes = readResourceTypes(join(dir, "lib", "imports", "k8s.js"), classRefs);
  const typeMeta = typeMetaProperties(definitions, source.fileName);
  for (const { ref } of resourceTypes) {
    const definition = definitions.get(ref);
    if (!definition) throw new SourceError(`${source.fileName}: resource type ${ref} has no definition`);
    // The Kubernetes OpenAPI gives every resource apiVersion and kind; cdk8s leaves them out
    // of its props because the class sets them.
    definition.properties = { ...typeMeta, ...definition.properties };
  }
  return { version, resourceTypes, definitions };
}

function readInterface(
  declaration: TypeScript.InterfaceDeclaration,
  ref: string,
  named: Map<string, NamedType>,
  source: TypeScript.SourceFile,
): SchemaNode {
  const definition: SchemaNode = { type: "object" };
  const description = jsDocText(declaration);
  if (description) definition.description = description;
  const properties: Record<string, SchemaNode> = {};
  const required: string[] = [];
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      throw new SourceError(`${where(member, source)}: unexpected member in ${ref}`);
    }
    const tag = schemaTag(member, source);
    const hash = tag.indexOf("#");
    if (hash < 0 || tag.slice(0, hash) !== ref) throw new SourceError(`${where(member, source)}: @schema ${tag} is not a field of ${ref}`);
    // The TypeScript name is camelCased (`xKubernetesListType`); the tag keeps the JSON name.
    const field = tag.slice(hash + 1);
    properties[field] = withDescription(typeNode(member.type, named, source), jsDocText(member));
    if (!member.questionToken) required.push(field);
  }
  if (Object.keys(properties).length > 0) definition.properties = properties;
  if (required.length > 0) definition.required = required;
  return definition;
}

/**
 * A field's description. A `$ref` node holds nothing else, so a described reference is
 * wrapped in `allOf`, as the Kubernetes OpenAPI v3 itself does; hover needs the text.
 */
function withDescription(node: SchemaNode, description: string | undefined): SchemaNode {
  if (!description) return node;
  if (node.$ref !== undefined) return { description, allOf: [node] };
  return { description, ...node };
}

function typeNode(type: TypeScript.TypeNode, named: Map<string, NamedType>, source: TypeScript.SourceFile): SchemaNode {
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      // k8s.d.ts does not say which numbers are integers, and a wrong "integer" would reject
      // valid input, so every number stays a number.
      return { type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    case ts.SyntaxKind.AnyKeyword:
      // RawExtension, JSON and other free-form values.
      return { "x-kubernetes-preserve-unknown-fields": true };
  }
  if (ts.isArrayTypeNode(type)) return { type: "array", items: typeNode(type.elementType, named, source) };
  if (ts.isTypeLiteralNode(type)) {
    const [member] = type.members;
    if (type.members.length === 1 && member && ts.isIndexSignatureDeclaration(member) && member.type) {
      return { type: "object", additionalProperties: typeNode(member.type, named, source) };
    }
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    const argument = type.typeArguments?.[0];
    if (name === "Array" && argument && type.typeArguments.length === 1) {
      return { type: "array", items: typeNode(argument, named, source) };
    }
    if (name === "Record" && type.typeArguments?.length === 2) {
      return { type: "object", additionalProperties: typeNode(type.typeArguments[1]!, named, source) };
    }
    const target = type.typeArguments ? undefined : named.get(name);
    if (target?.kind === "definition") return { $ref: target.ref };
    if (target?.kind === "enum") return { type: "string", enum: target.values };
    if (target?.kind === "node") return { ...target.node };
  }
  throw new SourceError(`${where(type, source)}: unsupported type ${type.getText(source)}`);
}

/** The string value of a cdk8s enum member (`DELETE_OPTIONS = "DeleteOptions"`). */
function enumValue(member: TypeScript.EnumMember, source: TypeScript.SourceFile): string {
  if (member.initializer && ts.isStringLiteral(member.initializer)) return member.initializer.text;
  throw new SourceError(`${where(member, source)}: enum member without a string value`);
}

/**
 * The resource types from k8s.js: `KubeDeployment.GVK = { apiVersion, kind }` in older
 * packages and `static GVK = { ... }` inside the class in newer ones.
 */
function readResourceTypes(path: string, classRefs: Map<string, string>): ResourceType[] {
  const source = parse(path);
  const found: ResourceType[] = [];
  const add = (className: string, value: TypeScript.Expression, at: TypeScript.Node): void => {
    const ref = classRefs.get(className);
    if (!ref) throw new SourceError(`${where(at, source)}: ${className}.GVK has no class with @schema in k8s.d.ts`);
    const gvk = gvkOf(value, source);
    found.push({ apiVersion: gvk.apiVersion, kind: gvk.kind, ref });
  };
  const visit = (node: TypeScript.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === "GVK" &&
      ts.isIdentifier(node.left.expression)
    ) {
      add(node.left.expression.text, node.right, node);
    } else if (
      ts.isPropertyDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === "GVK" &&
      node.initializer &&
      ts.isClassLike(node.parent) &&
      node.parent.name
    ) {
      add(node.parent.name.text, node.initializer, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found.length === 0) throw new SourceError(`${path}: no resource types found`);
  const seen = new Set<string>();
  for (const type of found) {
    const key = `${type.apiVersion} ${type.kind}`;
    if (seen.has(key)) throw new SourceError(`${path}: ${key} is declared twice`);
    seen.add(key);
  }
  return found.sort((a, b) => compare(a.apiVersion, b.apiVersion) || compare(a.kind, b.kind));
}

function gvkOf(value: TypeScript.Expression, source: TypeScript.SourceFile): { apiVersion: string; kind: string } {
  const fields: Record<string, string> = {};
  if (ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && ts.isStringLiteral(property.initializer)) {
        fields[property.name.text] = property.initializer.text;
      }
    }
  }
  if (!fields.apiVersion || !fields.kind) throw new SourceError(`${where(value, source)}: GVK without apiVersion and kind`);
  return { apiVersion: fields.apiVersion, kind: fields.kind };
}

/**
 * The apiVersion and kind fields added to resource types, with the descriptions Kubernetes
 * gives them, taken from DeleteOptions (which declares both) in the same package.
 */
function typeMetaProperties(definitions: Map<string, SchemaNode>, file: string): Record<string, SchemaNode> {
  const deleteOptions = definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")?.properties;
  const apiVersion = deleteOptions?.apiVersion?.description;
  const kind = deleteOptions?.kind?.description;
  if (!apiVersion || !kind) throw new SourceError(`${file}: DeleteOptions lacks the apiVersion and kind descriptions`);
  return { apiVersion: { description: apiVersion, type: "string" }, kind: { description: kind, type: "string" } };
}

// ---------------------------------------------------------------------------------------------
// kubernetes-models: enums and statuses

function readModels(): { packages: Map<string, ModelPackage>; facts: ModelFacts } {
  const packages = new Map<string, ModelPackage>();
  const facts: ModelFacts = { enums: new Map(), statuses: new Map() };
  for (const name of MODEL_PACKAGES) {
    const models: ModelPackage = { name, definitions: new Map() };
    const dir = packageDir(name, ROOT);
    for (const root of [dir, packageDir(APIMACHINERY_PACKAGE, dir)]) {
      for (const path of declarationFiles(root)) readModelFile(path, models);
    }
    for (const definition of models.definitions.values()) addFacts(definition, facts, name);
    packages.set(name, models);
  }
  return { packages, facts };
}

/** The model declarations of a kubernetes-models package, without its validators and indexes. */
function declarationFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith("_")) files.push(...declarationFiles(path));
    } else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") {
      files.push(path);
    }
  }
  return files.sort();
}

/**
 * Reads one model file. Its `export { IContainer as IIoK8sApiCoreV1Container }` names the
 * definitions its interfaces declare.
 */
function readModelFile(path: string, models: ModelPackage): void {
  const source = parse(path);
  const localNames = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      const exported = element.name.text;
      if (element.propertyName && exported.startsWith("IIoK8s")) localNames.set(element.propertyName.text, exported.slice(1));
    }
  }
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const name = localNames.get(statement.name.text);
    if (!name || models.definitions.has(normalizedName(name))) continue;
    const definition: ModelDefinition = { name, declaration: statement, localNames };
    const literals = new Map<string, string>();
    for (const member of statement.members) {
      const values = ts.isPropertySignature(member) && member.type ? literalUnion(member.type) : undefined;
      if (values?.length === 1) literals.set(memberName(member), values[0]!);
    }
    const extendsTypeMeta = statement.heritageClauses?.some((clause) => clause.types.some((type) => type.expression.getText(source) === "TypeMeta"));
    const apiVersion = literals.get("apiVersion");
    const kind = literals.get("kind");
    if (extendsTypeMeta && apiVersion && kind) definition.resource = { apiVersion, kind };
    models.definitions.set(normalizedName(name), definition);
  }
}

/**
 * What one model tells about its definition: fields typed as unions of string literals give the
 * enums, and a resource's `status` field tells that the resource has one.
 */
function addFacts(definition: ModelDefinition, facts: ModelFacts, packageName: string): void {
  const key = normalizedName(definition.name);
  let status: SchemaNode | null = null;
  for (const member of definition.declaration.members) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isStringLiteral(member.name)) continue;
    const field = member.name.text;
    // apiVersion and kind are typed as the one literal a model serves, not as an enum.
    if (field === "apiVersion" || field === "kind") continue;
    if (field === "status") status = statusNode(member);
    let type = member.type;
    let list = false;
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === "Array" && type.typeArguments?.length === 1) {
      type = type.typeArguments[0]!;
      list = true;
    }
    const values = literalUnion(type);
    if (!values) continue;
    let fields = facts.enums.get(key);
    if (!fields) facts.enums.set(key, (fields = new Map()));
    const entry = fields.get(field);
    if (entry && entry.list !== list) throw new SourceError(`${packageName}: ${definition.name}.${field} is a list in one package only`);
    if (entry) for (const value of values) entry.values.add(value);
    else fields.set(field, { values: new Set(values), list });
  }
  // A resource has a status when either package says so.
  if (!facts.statuses.get(key)) facts.statuses.set(key, status);
}

/**
 * The `status` of a resource. cdk8s has none of the status definitions, and status is written
 * by the cluster rather than by authors, so its contents are not checked; only its presence is.
 */
function statusNode(member: TypeScript.PropertySignature): SchemaNode {
  const node: SchemaNode =
    member.type!.kind === ts.SyntaxKind.StringKeyword ? { type: "string" } : { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  return withDescription(node, jsDocText(member));
}

/** The values of a union of string literals (or one literal); `undefined` for anything else. */
function literalUnion(type: TypeScript.TypeNode): string[] | undefined {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const values: string[] = [];
  for (const member of members) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return undefined;
    values.push(member.literal.text);
  }
  return values;
}

/** `io.k8s.api.core.v1.Container` and `IoK8sApiCoreV1Container` both become `iok8sapicorev1container`. */
function normalizedName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
}

function attachEnums(generated: GeneratedVersion, facts: ModelFacts): void {
  for (const [ref, definition] of generated.definitions) {
    const fields = facts.enums.get(normalizedName(ref));
    if (!fields || !definition.properties) continue;
    for (const [field, { values, list }] of fields) {
      const property = definition.properties[field];
      if (!property) continue;
      const target = list ? property.items : property;
      if (!target || target.type !== "string" || (list && property.type !== "array")) {
        throw new SourceError(`${ref}.${field} (${generated.version}) has an enum in kubernetes-models but is not a ${list ? "list of strings" : "string"}`);
      }
      const merged = new Set([...(target.enum ?? []), ...values]);
      target.enum = [...merged].sort((a, b) => compare(String(a), String(b)));
    }
  }
}

/**
 * Gives resources back the `status` that cdk8s leaves out, so a manifest copied from a cluster
 * (`kubectl get -o yaml`) is not reported for it. A resource that kubernetes-models does not
 * model (one removed before 1.33) gets a status too, unless it is a list: wrongly accepting a
 * status costs less than wrongly rejecting one.
 */
function attachStatuses(generated: GeneratedVersion, facts: ModelFacts): void {
  for (const { kind, ref } of generated.resourceTypes) {
    const definition = generated.definitions.get(ref)!;
    if (definition.properties?.status) continue;
    const known = facts.statuses.get(normalizedName(ref));
    const status = known === undefined ? (kind.endsWith("List") ? null : { "x-kubernetes-preserve-unknown-fields": true }) : known;
    if (status) definition.properties = { ...definition.properties, status };
  }
}

// ---------------------------------------------------------------------------------------------
// kubernetes-models: repairing what cdk8s loses to name collisions

/**
 * kubernetes-models types whose JSON form is fixed, written inline as cdk8s writes them (its
 * `Quantity` and `IntOrString` classes, and `Date` for both times).
 */
const MODEL_SPECIAL_TYPES: Record<string, SchemaNode> = {
  IoK8sApimachineryPkgApiResourceQuantity: SPECIAL_CLASSES.Quantity!,
  IoK8sApimachineryPkgUtilIntstrIntOrString: SPECIAL_CLASSES.IntOrString!,
  IoK8sApimachineryPkgApisMetaV1Time: { type: "string", format: "date-time" },
  IoK8sApimachineryPkgApisMetaV1MicroTime: { type: "string", format: "date-time" },
};

/** The schema of a field whose real type cannot be told: it accepts anything, never wrongly rejects. */
const OPEN: SchemaNode = { "x-kubernetes-preserve-unknown-fields": true };

/**
 * Turns kubernetes-models names (`IoK8sApiFlowcontrolV1Subject`) into definition names
 * (`io.k8s.api.flowcontrol.v1.Subject`). The dots cannot be put back from the name alone
 * (`IoK8sKubeAggregatorPkgApis...` is `io.k8s.kube-aggregator.pkg.apis...`), so the name is
 * matched against the groups cdk8s has, the longest first, and followed by a version and the
 * short name; an io.k8s.api group that no cdk8s package has follows the same pattern.
 */
function definitionNamer(versions: GeneratedVersion[]): (name: string) => string | undefined {
  const groups = new Map<string, string>([["iok8sapi", "io.k8s.api"]]);
  for (const { definitions } of versions) {
    for (const ref of definitions.keys()) {
      const [chunk] = splitRef(ref);
      const group = chunk.slice(0, chunk.lastIndexOf("."));
      groups.set(normalizedName(group), group);
    }
  }
  const longestFirst = [...groups].sort(([a], [b]) => b.length - a.length);
  return (name) => {
    const normalized = normalizedName(name);
    for (const [key, group] of longestFirst) {
      if (!normalized.startsWith(key)) continue;
      // The model name is alphanumeric, so the normalized group is as long as its part of it.
      // A version must follow, which keeps `storage` from matching `StoragemigrationV1alpha1`.
      const rest = /^(V\d+(?:(?:alpha|beta)\d+)?)([A-Z][A-Za-z0-9]*)$/.exec(name.slice(key.length));
      if (rest) return `${group}.${rest[1]!.toLowerCase()}.${rest[2]}`;
      // Only the generic io.k8s.api is followed by a group of its own.
      const groupRest = group === "io.k8s.api" ? /^([A-Z][a-z0-9]*)(V\d+(?:(?:alpha|beta)\d+)?)([A-Z][A-Za-z0-9]*)$/.exec(name.slice(key.length)) : null;
      if (groupRest) return `${group}.${groupRest[1]!.toLowerCase()}.${groupRest[2]!.toLowerCase()}.${groupRest[3]}`;
    }
    return undefined;
  };
}

/** The declarations of a definition in the version's packages, preferred first. */
function modelDefinitions(context: RepairContext, name: string): ModelDefinition[] {
  const key = normalizedName(name);
  return context.models.flatMap(({ definitions }) => definitions.get(key) ?? []);
}

/**
 * cdk8s names its interfaces by short name, so where two API groups define the same name in the
 * same version every field of either type refers to the one cdk8s kept: the
 * flowcontrol.apiserver.k8s.io/v1 `subjects` to the RBAC Subject, which requires a `name` the
 * flowcontrol one does not have. Each field of each definition kubernetes-models also models is
 * compared with the type kubernetes-models gives it, and a reference to another definition is
 * pointed at the real one, built from kubernetes-models when cdk8s lacks it. A reference that
 * cannot be repaired reliably becomes an open schema: accepting too much costs less than false
 * errors. Fields kubernetes-models types otherwise (cdk8s's `Date` for times, inline objects)
 * are left as cdk8s has them.
 */
function correctReferences(context: RepairContext, repairs: Repairs): void {
  const { generated } = context;
  for (const [ref, definition] of [...generated.definitions]) {
    // Definitions of alpha and beta versions that kubernetes-models does not model cannot be checked.
    const [model] = modelDefinitions(context, ref);
    if (!model || !definition.properties) continue;
    const members = new Map(model.declaration.members.filter(ts.isPropertySignature).map((member) => [memberName(member), member]));
    for (const [field, property] of Object.entries(definition.properties)) {
      const held = referenceIn(property);
      const type = members.get(field)?.type;
      const real = type && modelReferenceIn(type, model);
      if (!held || !real || normalizedName(real.name) === normalizedName(held.node.$ref!)) continue;
      const before = held.node.$ref!;
      const target = real.shape === held.shape ? modelReference(context, real.name) : undefined;
      if (target?.$ref !== undefined) held.node.$ref = target.$ref;
      else definition.properties[field] = withDescription({ ...OPEN }, property.description);
      record(repairs.references, `${ref}#${field}: ${before} -> ${target?.$ref ?? "open schema"}`, generated.version);
    }
  }
}

type ReferenceShape = "one" | "list" | "map";

/** The node holding the `$ref` of a field that refers to a definition, directly, as list items or as map values. */
function referenceIn(property: SchemaNode): { node: SchemaNode; shape: ReferenceShape } | undefined {
  const node = property.allOf?.length === 1 ? property.allOf[0]! : property;
  if (node.$ref !== undefined) return { node, shape: "one" };
  if (node.type === "array" && node.items?.$ref !== undefined) return { node: node.items, shape: "list" };
  const values = node.additionalProperties;
  if (node.type === "object" && typeof values === "object" && values.$ref !== undefined) return { node: values, shape: "map" };
  return undefined;
}

/** The kubernetes-models definition a field's type refers to, in the same three shapes as `referenceIn`. */
function modelReferenceIn(type: TypeScript.TypeNode, model: ModelDefinition): { name: string; shape: ReferenceShape } | undefined {
  let shape: ReferenceShape = "one";
  let inner: TypeScript.TypeNode | undefined = type;
  if (ts.isArrayTypeNode(type)) {
    shape = "list";
    inner = type.elementType;
  } else if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === "Array") {
    shape = "list";
    inner = type.typeArguments?.length === 1 ? type.typeArguments[0] : undefined;
  } else if (ts.isTypeLiteralNode(type)) {
    const [member] = type.members;
    shape = "map";
    inner = type.members.length === 1 && member && ts.isIndexSignatureDeclaration(member) ? member.type : undefined;
  }
  const name = inner && ts.isTypeReferenceNode(inner) && ts.isIdentifier(inner.typeName) ? modelName(inner.typeName.text, model) : undefined;
  return name === undefined || MODEL_SPECIAL_TYPES[name] ? undefined : { name, shape };
}

/** The kubernetes-models name an identifier in a model file stands for: imported as `IIoK8s...`, or declared in the file. */
function modelName(identifier: string, model: ModelDefinition): string | undefined {
  return identifier.startsWith("IIoK8s") ? identifier.slice(1) : model.localNames.get(identifier);
}

/**
 * The schema of a reference to the kubernetes-models definition `name`: the version's own
 * definition when it has one, else one built from kubernetes-models; `undefined` when the name
 * cannot be resolved.
 */
function modelReference(context: RepairContext, name: string): SchemaNode | undefined {
  const special = MODEL_SPECIAL_TYPES[name];
  if (special) return { ...special };
  const ref = context.definitionName(name);
  if (ref !== undefined && context.generated.definitions.has(ref)) return { $ref: ref };
  const declarations = modelDefinitions(context, name);
  // kubernetes-models declares the free-form types (RawExtension, JSON, FieldsV1) as empty
  // interfaces, as cdk8s declares them as `any`.
  if (declarations.length > 0 && declarations.every(({ declaration }) => declaration.members.length === 0)) return { ...OPEN };
  if (ref === undefined || declarations.length === 0) return undefined;
  buildDefinition(context, ref, declarations);
  return { $ref: ref };
}

/**
 * Builds a definition from its kubernetes-models declarations, merged so that whatever one of
 * them accepts is accepted. A resource gets the same apiVersion, kind and status as the ones
 * read from cdk8s, and like them does not require its metadata.
 */
function buildDefinition(context: RepairContext, ref: string, declarations: ModelDefinition[]): void {
  const definition: SchemaNode = { type: "object" };
  // Registered before its fields are read, so a definition that refers to itself (as
  // JSONSchemaProps does) finds itself instead of being built again.
  context.generated.definitions.set(ref, definition);
  context.built.add(ref);
  Object.assign(definition, permissiveMerge(declarations.map((model) => modelObject(context, model.declaration, model))));
  if (!declarations[0]!.resource) return;
  const { apiVersion: _apiVersion, kind: _kind, status, ...rest } = definition.properties ?? {};
  definition.properties = { ...context.typeMeta, ...rest };
  if (status) definition.properties.status = status.type === "string" ? status : withDescription({ type: "object", ...OPEN }, status.description);
  const required = definition.required?.filter((field) => field !== "apiVersion" && field !== "kind" && field !== "metadata");
  if (required?.length) definition.required = required;
  else delete definition.required;
}

/** An object schema from the properties of a model interface or inline object type. */
function modelObject(context: RepairContext, node: TypeScript.InterfaceDeclaration | TypeScript.TypeLiteralNode, model: ModelDefinition): SchemaNode {
  const object: SchemaNode = { type: "object" };
  const description = ts.isInterfaceDeclaration(node) ? modelDocText(node) : undefined;
  if (description) object.description = description;
  const properties: Record<string, SchemaNode> = {};
  const required: string[] = [];
  for (const member of node.members) {
    // Models declare nothing but properties; anything else would be new and is not guessed at.
    if (!ts.isPropertySignature(member) || !member.type) throw new SourceError(`${model.name}: unexpected member ${member.getText()}`);
    const field = memberName(member);
    properties[field] = withDescription(modelTypeNode(context, member.type, model) ?? { ...OPEN }, modelDocText(member));
    if (!member.questionToken) required.push(field);
  }
  if (Object.keys(properties).length > 0) object.properties = properties;
  if (required.length > 0) object.required = required;
  return object;
}

/**
 * The description of a model declaration. kubernetes-models escapes `*` and `/` in its comments
 * (`'pods/\*'`) so that none can end the comment early; the text is kept as cdk8s keeps it.
 */
function modelDocText(node: TypeScript.Node): string | undefined {
  return jsDocText(node)?.replace(/\\([*/])/g, "$1");
}

/** A field's schema from its kubernetes-models type, mapped as `typeNode` maps cdk8s types; `undefined` when unsupported. */
function modelTypeNode(context: RepairContext, type: TypeScript.TypeNode, model: ModelDefinition): SchemaNode | undefined {
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { ...OPEN };
  }
  const values = literalUnion(type);
  if (values) return { type: "string", enum: [...values].sort(compare) };
  const list = (element: TypeScript.TypeNode): SchemaNode | undefined => {
    const items = modelTypeNode(context, element, model);
    return items && { type: "array", items };
  };
  if (ts.isArrayTypeNode(type)) return list(type.elementType);
  if (ts.isTypeLiteralNode(type)) {
    const [member] = type.members;
    if (type.members.length === 1 && member && ts.isIndexSignatureDeclaration(member) && member.type) {
      const values = modelTypeNode(context, member.type, model);
      return values && { type: "object", additionalProperties: values };
    }
    // An inline object, as StatefulSetSpec's volumeClaimTemplates.
    return type.members.every(ts.isPropertySignature) ? modelObject(context, type, model) : undefined;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const [argument] = type.typeArguments ?? [];
    if (type.typeName.text === "Array") return argument && type.typeArguments!.length === 1 ? list(argument) : undefined;
    const name = type.typeArguments ? undefined : modelName(type.typeName.text, model);
    return name === undefined ? undefined : modelReference(context, name);
  }
  return undefined;
}

/**
 * Merges the object schemas several packages give one definition, so that whatever one accepts
 * is accepted: every field of any of them, required only where all require it, and a field they
 * type differently left open. Descriptions and enums do not count as differences; the enums are
 * merged over all packages afterwards like every other.
 */
function permissiveMerge(variants: SchemaNode[]): SchemaNode {
  const [first, ...rest] = variants;
  if (rest.length === 0) return first!;
  const shape = (node: SchemaNode): string => JSON.stringify(node, (key, value: unknown) => (key === "description" || key === "enum" ? undefined : value));
  const properties: Record<string, SchemaNode> = { ...first!.properties };
  for (const other of rest) {
    for (const [field, node] of Object.entries(other.properties ?? {})) {
      const known = properties[field];
      if (!known) properties[field] = node;
      else if (shape(known) !== shape(node)) properties[field] = withDescription({ ...OPEN }, known.description);
    }
  }
  const merged: SchemaNode = { ...first! };
  delete merged.properties;
  delete merged.required;
  if (Object.keys(properties).length > 0) merged.properties = properties;
  const required = first!.required?.filter((field) => rest.every((other) => other.required?.includes(field)));
  if (required?.length) merged.required = required;
  return merged;
}

/**
 * cdk8s names its resource classes by kind and version (`KubeEvent`), so where two groups serve
 * the same kind in the same version it keeps one: the core v1 Event is lost behind
 * events.k8s.io/v1 Event. Such a kind is added from kubernetes-models. Other kinds that
 * kubernetes-models knows and cdk8s lacks are not: kubernetes-models keeps kinds Kubernetes
 * removed long ago (networking.k8s.io/v1beta1 Ingress, storage.k8s.io/v1beta1 StorageClass) and
 * kinds newer than the version (networking.k8s.io/v1 IPAddress before 1.33), and serving those
 * would hide that the target cluster rejects them.
 */
function addCollidedResourceTypes(context: RepairContext, repairs: Repairs): void {
  const { generated } = context;
  const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.indexOf("/") + 1);
  const served = new Set(generated.resourceTypes.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`));
  const shortNames = new Set(generated.resourceTypes.map(({ apiVersion, kind }) => `${versionOf(apiVersion)} ${kind}`));
  for (const model of context.models[0]!.definitions.values()) {
    if (!model.resource) continue;
    const { apiVersion, kind } = model.resource;
    if (served.has(`${apiVersion} ${kind}`) || !shortNames.has(`${versionOf(apiVersion)} ${kind}`)) continue;
    const ref = modelReference(context, model.name)?.$ref;
    if (ref === undefined) throw new SourceError(`${apiVersion} ${kind}: ${model.name} has no definition name`);
    const definition = generated.definitions.get(ref)!;
    // A definition cdk8s has without its class still lacks the apiVersion and kind.
    if (!definition.properties?.kind) definition.properties = { ...context.typeMeta, ...definition.properties };
    generated.resourceTypes.push({ apiVersion, kind, ref });
    served.add(`${apiVersion} ${kind}`);
    record(repairs.resourceTypes, `${apiVersion} ${kind}`, generated.version);
  }
  generated.resourceTypes.sort((a, b) => compare(a.apiVersion, b.apiVersion) || compare(a.kind, b.kind));
}

function record(entries: Map<string, string[]>, entry: string, version: string): void {
  const versions = entries.get(entry);
  if (versions) versions.push(version);
  else entries.set(entry, [version]);
}

/** Each repair with the versions it applies to, as `(1.29..1.34)` when they run without a gap. */
function repairReport(repairs: Repairs): RepairReport {
  const all = CDK8S_PLUS_PACKAGES.map(({ version }) => version);
  const list = (entries: Map<string, string[]>): string[] =>
    [...entries]
      .map(([entry, versions]) => {
        const first = all.indexOf(versions[0]!);
        const contiguous = versions.length > 1 && versions.every((version, index) => all[first + index] === version);
        return `${entry} (${contiguous ? `${versions[0]}..${versions[versions.length - 1]}` : versions.join(", ")})`;
      })
      .sort(compare);
  return { references: list(repairs.references), resourceTypes: list(repairs.resourceTypes), definitions: list(repairs.definitions) };
}

// ---------------------------------------------------------------------------------------------
// Output

/**
 * Splits the definitions into one chunk per group-version (the name up to its last dot) and
 * keeps each definition's distinct variants once, in the order the versions first use them.
 */
function renderFiles(versions: GeneratedVersion[], sources: Record<string, string>): Map<string, string> {
  const chunks = new Map<string, Map<string, { variants: string[]; seen: Map<string, number> }>>();
  const files = new Map<string, string>();
  for (const generated of versions) {
    const variantOf: Record<string, Record<string, number>> = {};
    for (const ref of [...generated.definitions.keys()].sort(compare)) {
      const [chunkName, shortName] = splitRef(ref);
      const text = JSON.stringify(generated.definitions.get(ref));
      let chunk = chunks.get(chunkName);
      if (!chunk) chunks.set(chunkName, (chunk = new Map()));
      let entry = chunk.get(shortName);
      if (!entry) chunk.set(shortName, (entry = { variants: [], seen: new Map() }));
      let index = entry.seen.get(text);
      if (index === undefined) {
        index = entry.variants.length;
        entry.variants.push(text);
        entry.seen.set(text, index);
      }
      (variantOf[chunkName] ??= {})[shortName] = index;
    }
    files.set(`${generated.version}.json`, JSON.stringify({ version: generated.version, resourceTypes: generated.resourceTypes, definitions: variantOf }));
  }
  for (const [chunkName, chunk] of [...chunks].sort(([a], [b]) => compare(a, b))) {
    const entries = [...chunk.keys()].sort(compare).map((shortName) => `${JSON.stringify(shortName)}:[${chunk.get(shortName)!.variants.join(",")}]`);
    files.set(`${chunkName}.json`, `{${entries.join(",")}}`);
  }
  const names = versions.map(({ version }) => version);
  files.set("index.json", JSON.stringify({ format: BUNDLED_SCHEMA_FORMAT, versions: names, newest: names[names.length - 1], sources }));
  return files;
}

/** `io.k8s.api.apps.v1.Deployment` is `Deployment` in the chunk `io.k8s.api.apps.v1`. */
function splitRef(ref: string): [string, string] {
  const dot = ref.lastIndexOf(".");
  if (dot <= 0) throw new SourceError(`Definition name ${ref} has no group-version`);
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

/**
 * Writes into a fresh folder and swaps it in, so an interrupted run never leaves a mix of old
 * and new files, and files of definitions that no longer exist disappear.
 */
function writeOutput(files: Map<string, string>, key: StampKey, repairs: RepairReport): void {
  const temporary = `${OUTPUT}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(temporary, name), text);
  // The stamp goes last: it vouches for the files beside it.
  const stamp: StampKey & { files: string[]; repairs: RepairReport } = { ...key, files: [...files.keys()].sort(compare), repairs };
  writeFileSync(join(temporary, "stamp.json"), JSON.stringify(stamp, null, 2) + "\n");
  rmSync(OUTPUT, { recursive: true, force: true });
  renameSync(temporary, OUTPUT);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The text of a node's `@schema` tag. */
function schemaTag(node: TypeScript.Node, source: TypeScript.SourceFile): string {
  const tag = ts.getJSDocTags(node).find((candidate) => candidate.tagName.text === "schema");
  const text = tag ? ts.getTextOfJSDocComment(tag.comment)?.trim() : undefined;
  if (!text) throw new SourceError(`${where(node, source)}: no @schema tag`);
  return text;
}

/** The description of a node's JSDoc, without its tags. */
function jsDocText(node: TypeScript.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.length > 0 ? ts.getTextOfJSDocComment(docs[docs.length - 1]!.comment)?.trim() : undefined;
  return text || undefined;
}

/** The JSON name of a model's property: kubernetes-models quotes every one (`"apiVersion"`). */
function memberName(member: TypeScript.TypeElement): string {
  const name = member.name;
  if (name && (ts.isStringLiteral(name) || ts.isIdentifier(name))) return name.text;
  throw new SourceError(`unexpected property name ${member.getText()}`);
}

function where(node: TypeScript.Node, source: TypeScript.SourceFile): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return `${source.fileName}:${line + 1}`;
}

/** Ordinal comparison, so the output does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

try {
  main();
} catch (error) {
  if (!(error instanceof SourceError)) throw error;
  console.error(`generate-kubernetes-schemas: ${error.message}`);
  process.exitCode = 1;
}
