import type { Connection } from "vscode-languageserver/node";
import { RULE_PROFILES, SEVERITIES, type RuleProfile, type RuleSetting, type Severity } from "../analysis/index.ts";
import type { Log } from "./log.ts";

/**
 * The editor settings under `shipshape.*`, resolved for one file. Settings may differ per
 * workspace folder (and per file in multi-root workspaces), so they are always asked of the
 * client with the file's URI as `scopeUri` and never copied into server-wide fields.
 * `shipshape.trace.server` is read by the client alone.
 */
export interface EditorSettings {
  enable: boolean;
  kubernetesVersion: string | undefined;
  /** `recommended` or `restricted`; `undefined` leaves `.shipshape.yaml`'s choice. */
  profile: RuleProfile | undefined;
  /** Rule id, group (`kubernetes/*`) or `*` to a level; merged over `.shipshape.yaml`. */
  rules: Record<string, RuleSetting>;
  /** Globs relative to the file's workspace folder; matching files are not analysed. */
  exclude: string[];
  /** `shipshape.helm.path`: the helm binary that renders charts in a trusted workspace; `helm` on PATH when absent. */
  helmPath?: string;
}

export const DEFAULT_SETTINGS: EditorSettings = Object.freeze({ enable: true, kubernetesVersion: undefined, profile: undefined, rules: {}, exclude: [] });

/**
 * Fetches settings per file and keeps them only until the next `didChangeConfiguration`.
 * Requests are batched: one `workspace/configuration` request may carry many scopes,
 * which keeps a workspace scan from sending one request per file.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<EditorSettings>>();
  private clientPullsSupported = false;
  /** Settings pushed with `didChangeConfiguration`, used only by clients that cannot be asked. */
  private pushed: EditorSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly log: Log,
  ) {}

  setClientSupportsConfiguration(supported: boolean): void {
    this.clientPullsSupported = supported;
  }

  /** Forgets every cached answer; `pushedSettings` is the notification's payload. */
  invalidate(pushedSettings: unknown): void {
    this.cache.clear();
    const section = (pushedSettings as { shipshape?: unknown } | null | undefined)?.shipshape;
    if (section !== undefined) this.pushed = readEditorSettings(section, this.log);
  }

  forUri(uri: string): Promise<EditorSettings> {
    return this.forUris([uri]).then((settings) => settings[0]!);
  }

  forUris(uris: readonly string[]): Promise<EditorSettings[]> {
    if (!this.clientPullsSupported) return Promise.resolve(uris.map(() => this.pushed));
    const missing = [...new Set(uris.filter((uri) => !this.cache.has(uri)))];
    for (let start = 0; start < missing.length; start += BATCH_SIZE) this.fetch(missing.slice(start, start + BATCH_SIZE));
    return Promise.all(uris.map((uri) => this.cache.get(uri)!));
  }

  private fetch(uris: string[]): void {
    const answer = this.connection.workspace
      .getConfiguration(uris.map((scopeUri) => ({ scopeUri, section: "shipshape" })))
      .then(
        (values: unknown[]) => values,
        (error: unknown) => {
          this.log.error("The client did not answer workspace/configuration; default settings are used.", error);
          // A failed answer is asked again next time rather than kept.
          for (const uri of uris) this.cache.delete(uri);
          return [] as unknown[];
        },
      );
    uris.forEach((uri, index) => this.cache.set(uri, answer.then((values) => readEditorSettings(values[index], this.log))));
  }
}

/** Reads untrusted settings JSON, keeping each valid field and the default for the rest. */
export function readEditorSettings(raw: unknown, log?: Log): EditorSettings {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return DEFAULT_SETTINGS;
  const value = raw as Record<string, unknown>;
  const settings: EditorSettings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [] };
  if (typeof value.enable === "boolean") settings.enable = value.enable;
  if (typeof value.kubernetesVersion === "string" && value.kubernetesVersion.trim() !== "") settings.kubernetesVersion = value.kubernetesVersion.trim();
  if ((RULE_PROFILES as readonly unknown[]).includes(value.profile)) settings.profile = value.profile as RuleProfile;
  const helm = value.helm as Record<string, unknown> | undefined;
  if (helm !== null && typeof helm === "object" && typeof helm.path === "string" && helm.path.trim() !== "") settings.helmPath = helm.path.trim();
  if (Array.isArray(value.exclude)) settings.exclude = value.exclude.filter((glob): glob is string => typeof glob === "string" && glob !== "");
  if (value.rules !== null && typeof value.rules === "object" && !Array.isArray(value.rules)) {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (level === "off" || SEVERITIES.includes(level as Severity)) settings.rules[id] = { level: level as Severity | "off" };
      else log?.error(`The setting shipshape.rules["${id}"] must be off, ${SEVERITIES.join(", ")}; it is ignored.`);
    }
  }
  return settings;
}

/** Scopes per workspace/configuration request: large enough to be few, small enough to answer quickly. */
const BATCH_SIZE = 500;
