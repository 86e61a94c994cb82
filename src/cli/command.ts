/**
 * What a CLI command is: a summary for the help text and a `run` that gets the parsed command line. Commands are
 * registered in commands.ts; each lives in its own `*-command.ts` file and returns an exit code.
 */
import type { OutputFormat } from './print.ts';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** The parsed command line, as every command receives it. */
export interface CommandContext {
  io: CliIO;
  /** Positional arguments after the command name. */
  args: string[];
  /** Option values, as declared in main.ts OPTIONS. */
  values: OptionValues;
  /** The diagnostics format (--format, or json with --json). */
  format: OutputFormat;
  /** Absolute path of --detections (checked to exist). */
  detectionsDir: string;
}

export interface OptionValues {
  detections: string;
  out: string;
  'out-docs': string;
  policies?: string;
  table?: string[];
  now?: string;
  force?: boolean;
  base?: string;
  bump?: boolean;
  format: string;
  json: boolean;
  strict: boolean;
  'no-cache': boolean;
  quiet: boolean;
  help: boolean;
}

export interface Command {
  summary: string;
  /** Positional arguments it takes, for the help text, e.g. '<detection-id>'. */
  usage?: string;
  /** How many positional arguments it accepts (default 0). */
  maxArgs?: number;
  /** Its own defaults for options the user did not give (import's --out). */
  defaults?: Partial<OptionValues>;
  /** It runs without an existing --detections folder (import creates it). */
  detectionsOptional?: boolean;
  /** The --format values it accepts, when not the diagnostics formats (diff: text, markdown, json). */
  formats?: readonly string[];
  run(context: CommandContext): Promise<number>;
}
