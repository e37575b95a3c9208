import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BundledSchemas } from "../analysis/kubernetes/schema/bundled.ts";
import type { BuiltinSchemaSet, SchemaDataSource } from "../analysis/kubernetes/schema/types.ts";

/**
 * Finds and reads the bundled Kubernetes schemas, which the build generates into
 * dist/schemas/kubernetes/ (scripts/generate-kubernetes-schemas.ts). The analysis core reads
 * them only through the `SchemaDataSource` made here.
 */

/** Data file names are plain (`1.34.json`, `io.k8s.api.apps.v1.json`), never paths. */
const DATA_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;

/**
 * The folder of the bundled schemas: beside the bundle when running as dist/server.js or
 * dist/cli.js, else (running from source under tsx) dist/schemas/kubernetes in the repository,
 * found as the nearest folder above with a package.json. `undefined` when not built.
 */
export function bundledSchemaFolder(): string | undefined {
  const besideBundle = join(__dirname, "schemas", "kubernetes");
  if (existsSync(join(besideBundle, "index.json"))) return besideBundle;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) {
      const built = join(dir, "dist", "schemas", "kubernetes");
      return existsSync(join(built, "index.json")) ? built : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Reads the bundled schema files from disk; `undefined` when they were never built. */
export function bundledSchemaSource(): SchemaDataSource | undefined {
  const folder = bundledSchemaFolder();
  if (!folder) return undefined;
  return {
    read(name: string): string | undefined {
      if (!DATA_FILE_NAME.test(name)) return undefined;
      try {
        return readFileSync(join(folder, name), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

let loaded: { schemas: BuiltinSchemaSet | undefined } | undefined;

/**
 * The bundled schemas, opened once per process: the CLI and the server both ask for them per
 * workspace state, and the lazily loaded chunks are worth keeping. `undefined` when the data is
 * missing or unreadable, so callers can carry on without schema checks.
 */
export function loadBundledSchemas(): BuiltinSchemaSet | undefined {
  if (!loaded) {
    const source = bundledSchemaSource();
    let schemas: BuiltinSchemaSet | undefined;
    try {
      schemas = source && new BundledSchemas(source);
    } catch {
      schemas = undefined;
    }
    loaded = { schemas };
  }
  return loaded.schemas;
}
