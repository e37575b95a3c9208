import { dirname } from "node:path";
import { defaultConfig, mergeConfig, normalizePath, type ShipshapeConfig } from "../analysis/index.ts";
import { findConfigFile, loadConfig } from "../io/workspace-files.ts";
import type { EditorSettings } from "./settings.ts";
import type { Log } from "./log.ts";

/**
 * The `.shipshape.yaml` that applies to a file: the one found from its workspace folder
 * upwards, the same file the CLI reads, with the editor's settings merged on top.
 * Loaded configs are cached per starting folder until a config file changes on disk.
 */
export class ProjectConfigs {
  private readonly byFolder = new Map<string, Promise<ShipshapeConfig>>();

  constructor(private readonly log: Log) {}

  /**
   * The effective config for a file. `folder` is its workspace folder; files outside every
   * folder look from their own directory, and unsaved documents get the defaults.
   */
  async configFor(path: string | undefined, folder: string | undefined, settings: EditorSettings): Promise<ShipshapeConfig> {
    const start = folder ?? (path === undefined ? undefined : normalizePath(dirname(path)));
    const base = start === undefined ? defaultConfig() : await this.load(start);
    // `exclude` is not merged into `ignore`: its globs are relative to the workspace folder, not to the config file.
    return mergeConfig(base, { kubernetesVersion: settings.kubernetesVersion, rules: settings.rules, ...(settings.profile ? { profile: settings.profile } : {}) });
  }

  /** Called when a config file is created, changed or deleted. */
  invalidate(): void {
    this.byFolder.clear();
  }

  private load(start: string): Promise<ShipshapeConfig> {
    let config = this.byFolder.get(start);
    if (config === undefined) {
      config = this.read(start);
      this.byFolder.set(start, config);
    }
    return config;
  }

  private async read(start: string): Promise<ShipshapeConfig> {
    const file = findConfigFile(start);
    try {
      return await loadConfig(file, start);
    } catch (error) {
      // An unreadable config must not stop analysis; its own problems are reported on the file itself.
      this.log.error(`Could not read ${file}; the default configuration is used.`, error);
      return defaultConfig(start);
    }
  }
}
