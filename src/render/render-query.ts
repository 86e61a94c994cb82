/**
 * The query text of a detection before formatting: raw `kql` text as written, or a structured filter rendered
 * by its template in `templates/query/`.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from '../model/detection.ts';
import { renderTemplate } from './render.ts';

export function renderQuery(loaded: LoadedDetection): { text?: string; diagnostics: Diagnostic[] } {
  const query = loaded.detection.query;
  if (query.kind === 'kql') return { text: query.text, diagnostics: [] };
  try {
    return { text: renderTemplate(`query/${query.template}.hbs`, query.params), diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [{
        code: 'SF3001', severity: 'error', file: loaded.file, line: 0, column: 0, field: 'query.params', detectionId: loaded.detection.id,
        message: `template '${query.template}' failed to render: ${(error as Error).message.split('\n')[0]}`,
        hint: `Check the parameters against templates/query/${query.template}.hbs.`,
      }],
    };
  }
}
