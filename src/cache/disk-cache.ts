/**
 * On-disk cache of results keyed by a hash of everything they depend on, so unchanged work is not done again:
 * query analyses (text, schema version, tool version) and each detection's artefacts (definition, query, templates,
 * tool version). One small JSON file per entry under `.sentinel-forge-cache/<namespace>/`, written atomically
 * (temp file + rename), so concurrent builds and interrupted writes never corrupt it. A cache that cannot be
 * read or written only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let toolVersion: string | undefined;

/** This tool's version plus the Kusto library's: a new release never reuses an old result. Read on first use. */
function currentToolVersion(): string {
  toolVersion ??= readToolVersion();
  return toolVersion;
}

function readToolVersion(): string {
  const read = (url: URL) => (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  let kustoVersion = 'unknown';
  try {
    kustoVersion = read(new URL('../../node_modules/@kusto/language-service-next/package.json', import.meta.url));
  } catch {
    // Installed elsewhere (hoisted); the tool version alone still separates releases.
  }
  return `${read(new URL('../../package.json', import.meta.url))}+kusto.${kustoVersion}`;
}

export const CACHE_DIR = '.sentinel-forge-cache';

export class DiskCache<T> {
  private readonly dir: string;

  constructor(root: string, namespace: string) {
    this.dir = path.join(root, CACHE_DIR, namespace);
  }

  /** The key of a result that depends on `parts` (and on the tool version). */
  key(...parts: string[]): string {
    const hash = createHash('sha256').update(currentToolVersion());
    for (const part of parts) hash.update('\0').update(part);
    return hash.digest('hex');
  }

  get(key: string): T | undefined {
    try {
      return JSON.parse(readFileSync(this.file(key), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: T): void {
    const file = this.file(key);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(value));
      renameSync(temp, file);
    } catch {
      // Read-only or full disk: the next run recomputes.
    }
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key + '.json');
  }
}
