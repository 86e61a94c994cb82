/**
 * The pipeline, one function per step: check the definition → render its query → check and format the KQL →
 * emit every target → add the manifest. Returns artefacts and all diagnostics; does no file I/O, so the CLI
 * decides what is written (nothing, when any error was found).
 */
import { hasErrors, type Diagnostic } from './diagnostics.ts';
import type { LoadedDetection } from './model/detection.ts';
import { checkDetection, checkQueryText } from './model/check-detection.ts';
import { ruleGuid } from './model/rule-id.ts';
import { renderQuery } from './render/render-query.ts';
import { formatQuery } from './kql/format.ts';
import { syntaxDiagnostics } from './kql/syntax.ts';
import { TARGETS, type Artefact } from './targets/index.ts';
import { manifestArtefact, manifestEntry, type ManifestEntry } from './manifest.ts';

export interface CompileResult {
  artefacts: Artefact[];
  diagnostics: Diagnostic[];
  /** The final query of each detection that got that far, by id. */
  queries: Map<string, string>;
}

export function compile(detections: readonly LoadedDetection[]): CompileResult {
  const artefacts: Artefact[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries: ManifestEntry[] = [];
  const queries = new Map<string, string>();
  for (const loaded of detections) {
    const result = compileDetection(loaded);
    diagnostics.push(...result.diagnostics);
    if (result.query !== undefined) queries.set(loaded.detection.id, result.query);
    if (result.entry) {
      artefacts.push(...result.artefacts);
      entries.push(result.entry);
    }
  }
  if (entries.length > 0) artefacts.push(manifestArtefact(entries));
  return { artefacts, diagnostics, queries };
}

function compileDetection(loaded: LoadedDetection): { artefacts: Artefact[]; diagnostics: Diagnostic[]; query?: string; entry?: ManifestEntry } {
  const diagnostics = checkDetection(loaded);
  if (hasErrors(diagnostics)) return { artefacts: [], diagnostics };

  const rendered = renderQuery(loaded);
  diagnostics.push(...rendered.diagnostics);
  if (rendered.text === undefined) return { artefacts: [], diagnostics };

  const query = checkAndFormat(loaded, rendered.text, diagnostics);
  if (query === undefined || hasErrors(diagnostics)) return { artefacts: [], diagnostics, query };

  const guid = ruleGuid(loaded.detection.id);
  const artefacts: Artefact[] = [];
  const outputs: Record<string, Artefact | undefined> = {};
  for (const target of TARGETS) {
    const emitted = target.emit({ loaded, query, ruleGuid: guid });
    diagnostics.push(...emitted.diagnostics);
    outputs[target.name] = emitted.artefact;
    if (emitted.artefact) artefacts.push(emitted.artefact);
  }
  if (hasErrors(diagnostics)) return { artefacts: [], diagnostics, query };
  return { artefacts, diagnostics, query, entry: manifestEntry(loaded, guid, outputs) };
}

/** Syntax-check the rendered query, then format it; the formatted text is what every target ships. */
function checkAndFormat(loaded: LoadedDetection, text: string, diagnostics: Diagnostic[]): string | undefined {
  const base = { file: loaded.file, line: 0, column: 0, field: 'query', detectionId: loaded.detection.id };
  const syntax = syntaxDiagnostics(text);
  for (const k of syntax) {
    const queryLine = text.split('\n')[k.line - 1] ?? '';
    diagnostics.push({
      ...base, code: k.code, severity: k.severity,
      message: `${k.message} (query line ${k.line}, column ${k.column})`,
      hint: `${queryLine}\n${' '.repeat(Math.max(0, k.column - 1))}^`,
    });
  }
  if (syntax.some((k) => k.severity === 'error')) return undefined;
  const formatted = formatQuery(text);
  if (formatted === undefined) {
    diagnostics.push({ ...base, code: 'SF4001', severity: 'error', message: 'the Kusto formatter did not settle on one layout for this query.', hint: 'Report this query as a bug; simplifying the line breaks usually avoids it.' });
    return undefined;
  }
  diagnostics.push(...checkQueryText(loaded, formatted));
  return formatted;
}
