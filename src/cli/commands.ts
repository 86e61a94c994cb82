/** The command registry: adding a command is one `*-command.ts` file and one line here. */
import { baselineCommand } from './baseline-command.ts';
import { buildCommand, checkCommand } from './build-command.ts';
import type { Command } from './command.ts';
import { docsCommand } from './docs-command.ts';
import { runCommand } from './run-command.ts';
import { testCommand } from './test-command.ts';

export const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  check: checkCommand,
  test: testCommand,
  run: runCommand,
  docs: docsCommand,
  baseline: baselineCommand,
};
