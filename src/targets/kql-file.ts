/** `kql/<id>.kql`: the query exactly as it ships in every rule, formatted for review in a diff. */
import type { Target } from './target.ts';

export const kqlFile: Target = {
  name: 'kql',
  emit({ loaded, query }) {
    return { artefact: { path: `kql/${loaded.detection.id}.kql`, content: query + '\n' }, diagnostics: [] };
  },
};
