/**
 * On-disk cache of query analyses, keyed by hash(query text, schema version, tool version), so a query that has
 * not changed is not analysed again. One small JSON file per entry under `.sentinel-forge-cache/analysis/`,
 * written atomically (temp file + rename), so concurrent builds and interrupted writes never corrupt it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { QueryAnalysis } from './analyze.ts';

const TOOL_VERSION = (() => {
  const read = (url: URL) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  const kusto = new URL('../../node_modules/@kusto/language-service-next/package.json', import.meta.url);
  let kustoVersion = 'unknown';
  try {
    kustoVersion = read(kusto);
  } catch {
    // Installed elsewhere (hoisted); the tool version alone still separates releases.
  }
  return `${read(new URL('../../package.json', import.meta.url))}+kusto.${kustoVersion}+format.1`;
})();

export const CACHE_DIR = '.sentinel-forge-cache';

export class AnalysisCache {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(root, CACHE_DIR, 'analysis');
  }

  key(text: string, schemaVersion: string): string {
    return createHash('sha256').update(TOOL_VERSION).update('\0').update(schemaVersion).update('\0').update(text).digest('hex');
  }

  get(key: string): QueryAnalysis | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, key.slice(0, 2), key + '.json'), 'utf8')) as QueryAnalysis;
    } catch {
      return undefined;
    }
  }

  set(key: string, analysis: QueryAnalysis): void {
    const file = path.join(this.dir, key.slice(0, 2), key + '.json');
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(analysis));
      renameSync(temp, file);
    } catch {
      // A cache that cannot be written only costs time on the next run.
    }
  }
}
