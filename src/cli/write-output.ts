/**
 * Atomic replacement of the output folder: everything is written to a sibling temporary folder first, and only
 * when every file is written does it take the place of the old one. A failed or interrupted build leaves the
 * previous output as it was, byte for byte; a reader never sees half of one build and half of another. Single
 * files (the docs catalogue) are replaced the same way.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Artefact } from '../targets/index.ts';
import { MANIFEST_PATH } from '../manifest.ts';

export class OutputFolderError extends Error {}

export function writeOutput(outDir: string, artefacts: readonly Artefact[]): void {
  const target = path.resolve(outDir);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(path.join(target, MANIFEST_PATH))) {
    throw new OutputFolderError(`${outDir} exists and holds files sentinel-forge did not write (no ${MANIFEST_PATH}); refusing to replace it. Choose an empty or new --out folder.`);
  }
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.staging-${process.pid}`);
  const previous = path.join(parent, `.${path.basename(target)}.previous-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const artefact of artefacts) {
      const file = path.join(staging, ...artefact.path.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, artefact.content, 'utf8');
    }
    if (existsSync(target)) renameSync(target, previous);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (existsSync(previous)) renameSync(previous, target);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * One file replaced atomically: written beside the target under a temporary name, then renamed over it (a
 * rename within a folder is atomic), so a reader sees the old file or the new one, never half of either.
 */
export function writeFileAtomic(file: string, content: string): void {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}`);
  try {
    writeFileSync(temporary, content, 'utf8');
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}
