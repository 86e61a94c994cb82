/** Files below a folder, for the loaders: hidden entries and node_modules skipped, in a stable (sorted) order. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (accept(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}
