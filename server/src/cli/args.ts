import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";

export type OutputFormat = "text" | "json" | "sarif";

/** What the command line asked for, validated. */
export type Invocation =
  | { command: "help" }
  | { command: "version" }
  | { command: "rules"; format: "text" | "json" }
  | { command: "check"; options: CheckOptions };

export interface CheckOptions {
  /** Files or folders to analyse, as typed; `.` when none are given. */
  paths: string[];
  format: OutputFormat;
  fix: boolean;
  /** An explicit config file; when absent the nearest `.shipshape.yaml` above the cwd is used. */
  configPath: string | undefined;
  /** Overrides `kubernetesVersion` from the config file. */
  kubernetesVersion: string | undefined;
  /** Render each chart with `helm template` and check the output with the Kubernetes rules. */
  render: boolean;
  /** The helm binary for `render`; `helm` on PATH by default. */
  helmPath: string | undefined;
}

export const HELP_TEXT = `Usage: shipshape <command> [options]

Commands:
  check [paths...]   Analyse Kubernetes manifests, Helm charts and GitHub Actions
                     workflows below the given files or folders (default: .)
  rules              List every rule with its default severity and whether it is
                     recommended and fixable

Options for check:
  -f, --format <text|json|sarif>   Output format (default: text)
      --fix                        Apply safe fixes and write the files back
  -c, --config <file>              Config file (default: the nearest .shipshape.yaml
                                   in the current folder or above)
      --kubernetes-version <1.N>   Kubernetes version to check against; overrides
                                   kubernetesVersion in the config
      --render                     Render each Helm chart with helm template and
                                   check the output, reported on the templates
      --helm <path>                The helm binary for --render (default: helm on PATH)

Options for rules:
  -f, --format <text|json>         Output format (default: text)

General:
  -h, --help                       Show this help
  -v, --version                    Show the version

Exit codes: 0 no errors found, 1 at least one error-severity finding,
2 usage or internal error.
Environment: NO_COLOR disables colours, FORCE_COLOR enables them when not a terminal,
SHIPSHAPE_DEBUG=1 prints stack traces of internal errors.
`;

/** Parses `process.argv.slice(2)`. Throws `UsageError` for anything it does not understand. */
export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        fix: { type: "boolean" },
        config: { type: "string", short: "c" },
        "kubernetes-version": { type: "string" },
        render: { type: "boolean" },
        helm: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };

  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      throw new UsageError("No command given. Run `shipshape check` to analyse the current folder, or `shipshape --help`.");
    case "help":
      return { command: "help" };
    case "rules":
      rejectCheckOnlyFlags(values, "rules");
      if (rest.length > 0) throw new UsageError(`The rules command takes no paths (got "${rest[0]}").`);
      return { command: "rules", format: ruleListFormat(values.format) };
    case "check":
      return {
        command: "check",
        options: {
          paths: rest.length > 0 ? rest : ["."],
          format: checkFormat(values.format),
          fix: values.fix ?? false,
          configPath: nonEmpty(values.config, "--config"),
          kubernetesVersion: kubernetesVersion(values["kubernetes-version"]),
          render: values.render === true,
          helmPath: values.helm,
        },
      };
    default:
      throw new UsageError(`Unknown command "${command}". Known commands are check and rules; run \`shipshape --help\`.`);
  }
}

function checkFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return "text";
  if (value === "text" || value === "json" || value === "sarif") return value;
  throw new UsageError(`Unknown format "${value}". Use text, json or sarif.`);
}

function ruleListFormat(value: string | undefined): "text" | "json" {
  if (value === undefined) return "text";
  if (value === "text" || value === "json") return value;
  throw new UsageError(`Unknown format "${value}" for rules. Use text or json.`);
}

function kubernetesVersion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // The same shape `.shipshape.yaml` accepts, so the flag and the file cannot disagree.
  if (/^1\.\d+$/.test(value)) return value;
  throw new UsageError(`--kubernetes-version must look like 1.32 (got "${value}").`);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === "") throw new UsageError(`${flag} needs a file name.`);
  return value;
}

function rejectCheckOnlyFlags(values: { fix?: boolean; config?: string; "kubernetes-version"?: string }, command: string): void {
  for (const flag of ["fix", "config", "kubernetes-version"] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} only applies to the check command, not ${command}.`);
  }
}

/** Node's messages are precise but long; the first sentence is the useful part. */
function parseErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstSentence = message.split(". To specify a positional")[0]!;
  return `${firstSentence}. Run \`shipshape --help\` for the options.`;
}
