/** The command registry: adding a command is one `*-command.ts` file and one line here. */
import { baselineCommand } from './baseline-command.ts';
import { buildCommand, checkCommand } from './build-command.ts';
import type { Command } from './command.ts';
import { diffCommand } from './diff-command.ts';
import { docsCommand } from './docs-command.ts';
import { importCommand } from './import-command.ts';
import { runCommand } from './run-command.ts';
import { testCommand } from './test-command.ts';
import { versionCommand } from './version-command.ts';

export const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  check: checkCommand,
  test: testCommand,
  run: runCommand,
  docs: docsCommand,
  baseline: baselineCommand,
  import: importCommand,
  diff: diffCommand,
  version: versionCommand,
};
