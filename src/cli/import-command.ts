/**
 * `sentinel-forge import <file|dir>… [--out detections/imported] [--force]`: Azure-Sentinel YAML rules and ARM
 * templates in, one typed detection file per rule out, then the check `build` runs over what was written, with the
 * config entry to add for each table the project schema lacks. Exit codes: 0 every input imported and checks clean,
 * 1 an input (or a rule in it) failed or an imported detection has an error to fix, 2 usage errors.
 */
import path from 'node:path';
import { hasErrors, sortDiagnostics } from '../diagnostics.ts';
import { CONFIG_FILE } from '../schema/project-config.ts';
import { checkImported, importRules, type ImportOptions } from '../import/import-rules.ts';
import { suggestionConfig } from '../import/table-suggestions.ts';
import { formatDiagnostics } from './print.ts';
import type { Command } from './command.ts';

/** `import`: rules in, detection files out, then checked. */
export const importCommand: Command = {
  summary: 'write a typed detection (--out, default detections/imported) for each rule in Azure-Sentinel YAML files and ARM templates, then check them; --force replaces earlier imports',
  usage: '<file|dir>…',
  maxArgs: Infinity,
  defaults: { out: 'detections/imported' },
  detectionsOptional: true,
  async run({ io, args, values, format, detectionsDir }) {
    if (args.length === 0) {
      io.stderr('sentinel-forge: import needs at least one rule file or folder, e.g. sentinel-forge import exported-rules/');
      return 2;
    }
    const progress = (text: string) => { if (!values.quiet && format === 'human') io.stderr(text); };
    const started = performance.now();
    const options: ImportOptions = { root: io.cwd, inputs: args, outDir: path.resolve(io.cwd, values.out), detectionsDir, force: values.force === true, cache: !values['no-cache'] };
    const imported = await importRules(options);
    for (const w of imported.written) progress(`sentinel-forge: ${w.source.file}${w.source.where ? ` (${w.source.where})` : ''} → ${w.file}${w.replaced ? ' (replaced)' : ''}`);
    const checked = imported.written.length > 0 ? await checkImported(options, imported.written) : undefined;
    const diagnostics = sortDiagnostics([...imported.diagnostics, ...(checked?.diagnostics ?? [])]);
    if (format === 'json') io.stdout(formatDiagnostics(diagnostics, 'json'));
    else if (diagnostics.length > 0) io.stdout(formatDiagnostics(diagnostics, format));
    if (checked?.tables.length && format === 'human') {
      io.stdout(`\nAdd to ${CONFIG_FILE} (merge with its "tables"; column types are guessed from the names, check them):\n${suggestionConfig(checked.tables)}`);
    }
    const checkErrors = checked ? checked.diagnostics.filter((d) => d.severity === 'error').length : 0;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const failed = imported.failedInputs.length;
    progress(
      `sentinel-forge: ${imported.written.length} of ${imported.rules} rule${imported.rules === 1 ? '' : 's'} imported into ${path.relative(io.cwd, options.outDir) || '.'}` +
        (failed ? `; ${failed} input${failed === 1 ? '' : 's'} with errors` : '') +
        (checkErrors ? `; ${checkErrors} error${checkErrors === 1 ? '' : 's'} to fix in the imported detections before they build` : '') +
        ` (${seconds} s).`,
    );
    return failed > 0 || hasErrors(checked?.diagnostics ?? []) ? 1 : 0;
  },
};
