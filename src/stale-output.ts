/**
 * The stale-output guard: the committed output folder must hold exactly what the sources build, so a pull request
 * that changes a detection also shows (and ships) the artefacts it produces. Compares the artefacts with the files
 * in the folder and names each that differs. Pure: the CLI reads the folder.
 */
import type { Diagnostic } from './diagnostics.ts';
import type { Artefact } from './targets/index.ts';

/**
 * One SF7006 per file that differs: built but missing, built differently, or present but no longer built.
 * `committed` maps paths relative to the folder (with `/`) to content; `outLabel` is the folder as the user names it.
 */
export function staleOutput(artefacts: readonly Artefact[], committed: ReadonlyMap<string, string>, outLabel: string): Diagnostic[] {
  const built = new Map(artefacts.map((a) => [a.path, a.content]));
  const paths = [...new Set([...built.keys(), ...committed.keys()])].sort();
  const out: Diagnostic[] = [];
  const hint = `Run \`sentinel-forge build\` (npm run build) and commit ${outLabel}/.`;
  for (const rel of paths) {
    const want = built.get(rel);
    const have = committed.get(rel);
    const file = `${outLabel}/${rel}`;
    const stale = (message: string) => out.push({ code: 'SF7006', severity: 'error', file, line: 1, column: 1, message, hint });
    if (have === undefined) stale(`${file} is missing: the sources build it (added).`);
    else if (want === undefined) stale(`${file} is not built by the sources any more (removed).`);
    // A checkout that turned LF into CRLF (core.autocrlf) holds the same output.
    else if (have !== want && have.replace(/\r\n/g, '\n') !== want) stale(`${file} differs from what the sources build (changed).`);
  }
  return out;
}
