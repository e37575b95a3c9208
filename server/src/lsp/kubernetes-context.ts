import {
  customResourcesIn,
  kubernetesEnvironment,
  type BuiltinSchemaSet,
  type CustomResourceType,
  type KubernetesEnvironment,
} from "../analysis/index.ts";
import { loadBundledSchemas } from "../io/schema-data.ts";

/**
 * The server's view of Kubernetes: the bundled schemas, loaded on first use, and an
 * index of the CRDs in the workspace, kept per file. Environments are cached per target
 * version and rebuilt only when the CRDs change.
 */
export class KubernetesContext {
  private builtin: BuiltinSchemaSet | undefined | null = null;
  private readonly byPath = new Map<string, CustomResourceType[]>();
  private readonly environments = new Map<string, KubernetesEnvironment>();

  /** Called when a file's CRDs changed, so that other files' custom resources are checked again. */
  constructor(private readonly onDefinitionsChanged: () => void = () => {}) {}

  environmentFor(requestedVersion: string | undefined): KubernetesEnvironment {
    const key = requestedVersion ?? "";
    let environment = this.environments.get(key);
    if (!environment) {
      environment = kubernetesEnvironment(this.schemas(), requestedVersion, [...this.byPath.values()].flat());
      this.environments.set(key, environment);
    }
    return environment;
  }

  /** Records a file's current text; reports a change to its CRDs. Cheap for files without CRDs. */
  updateFile(path: string, text: string): void {
    const found = customResourcesIn(path, text);
    const known = this.byPath.get(path);
    if (found.length === 0 && known === undefined) return;
    if (known !== undefined && JSON.stringify(known) === JSON.stringify(found)) return;
    if (found.length === 0) this.byPath.delete(path);
    else this.byPath.set(path, found);
    this.environments.clear();
    this.onDefinitionsChanged();
  }

  removeFile(path: string): void {
    if (!this.byPath.delete(path)) return;
    this.environments.clear();
    this.onDefinitionsChanged();
  }

  /**
   * Reads the CRDs of a scan's files before the scan analyses them, so no file is checked
   * against a partial index. `files` hold an open document's unsaved text, not the disk's.
   */
  indexTexts(files: ReadonlyArray<{ path: string; text: string }>): void {
    const before = JSON.stringify([...this.byPath.entries()]);
    const quiet = new KubernetesContext();
    for (const { path, text } of files) quiet.updateFile(path, text);
    // A scan sees every file, so its index replaces the old one; open documents update theirs as they are analysed.
    this.byPath.clear();
    for (const [path, types] of quiet.byPath) this.byPath.set(path, types);
    if (JSON.stringify([...this.byPath.entries()]) !== before) this.environments.clear();
  }

  private schemas(): BuiltinSchemaSet | undefined {
    if (this.builtin === null) this.builtin = loadBundledSchemas();
    return this.builtin ?? undefined;
  }
}
