// Generates server/src/analysis/workflows/vendor/action-metadata.json, the inputs and outputs of
// popular actions per major, from @github-actions-workflow-ts/actions: an npm package whose typed
// wrappers are generated from each action's own action.yml. Its declaration files carry what we
// need (an input is required when its property is not optional, its JSDoc holds the description
// and @default, and the Outputs type lists the outputs), so they are read with TypeScript's parser
// rather than by running the package. Run by `npm run vendor:action-metadata`; the output is committed,
// and test/analysis/workflows/vendored-data.test.ts checks it is current.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const PACKAGE = "@github-actions-workflow-ts/actions";
const root = join("node_modules", PACKAGE);
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;
const generated = join(root, "dist", "esm", "generated");

interface InputMetadata {
  required?: true;
  description?: string;
  default?: string;
}
interface MajorMetadata {
  /** The release the package's wrapper was generated from, as 6.0.1. */
  release: string;
  inputs: Record<string, InputMetadata>;
  outputs: string[];
}

const actions: Record<string, Record<string, MajorMetadata>> = {};
for (const owner of readdirSync(generated, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  for (const repo of readdirSync(join(generated, owner.name), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(generated, owner.name, repo.name)).filter((name) => /^v\d+\.d\.ts$/.test(name)).sort()) {
      const major = file.slice(1, -".d.ts".length);
      const path = join(generated, owner.name, repo.name, file);
      const metadata = readMajor(path, readFileSync(path.replace(/\.d\.ts$/, ".js"), "utf8"));
      // A repository whose root is not an action (github/codeql-action's actions live in sub-folders) has no inputs or outputs to check.
      if (!metadata) continue;
      (actions[`${owner.name}/${repo.name}`.toLowerCase()] ??= {})[major] = metadata;
    }
  }
}

const output = { source: `${PACKAGE}@${version}`, actions };
// An argument writes elsewhere, so a test can check that the committed file is what this script makes.
const target = process.argv[2] ?? "server/src/analysis/workflows/vendor/action-metadata.json";
writeFileSync(target, `${JSON.stringify(output, null, 1)}\n`);
console.log(`action metadata: ${Object.keys(actions).length} actions, ${Object.values(actions).reduce((sum, majors) => sum + Object.keys(majors).length, 0)} majors, from ${PACKAGE}@${version}`);

function readMajor(path: string, javascript: string): MajorMetadata | undefined {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const inputs: Record<string, InputMetadata> = {};
  let outputs: string[] = [];
  let sawInputs = false;
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text.endsWith("Inputs")) {
      sawInputs = true;
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || !member.name) continue;
        const name = ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (name === undefined) continue;
        const input: InputMetadata = {};
        if (!member.questionToken) input.required = true;
        for (const doc of ts.getJSDocCommentsAndTags(member)) {
          if (!ts.isJSDoc(doc)) continue;
          const description = commentText(doc.comment);
          if (description) input.description = description;
          for (const tag of doc.tags ?? []) if (tag.tagName.text === "default") input.default = commentText(tag.comment);
        }
        inputs[name] = input;
      }
    }
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text.endsWith("Outputs")) {
      const types = ts.isUnionTypeNode(statement.type) ? statement.type.types : [statement.type];
      outputs = types.flatMap((type) => (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? [type.literal.text] : []));
    }
  }
  if (!sawInputs || (Object.keys(inputs).length === 0 && outputs.length === 0)) return undefined;
  const release = /major:\s*(\d+),\s*minor:\s*(\d+),\s*patch:\s*(\d+)/.exec(javascript);
  return { release: release ? `${release[1]}.${release[2]}.${release[3]}` : "", inputs, outputs };
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  const text = typeof comment === "string" ? comment : (comment ?? []).map((part) => part.text).join("");
  // The wrappers escape slashes for JSDoc; the action's own text has none.
  return text.replace(/\\\//g, "/").trim();
}
