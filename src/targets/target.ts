/**
 * A target turns one checked detection into one artefact. Adding a target is one file here and one line in
 * index.ts; compile.ts and render/ do not change.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from '../model/detection.ts';

/** What every target receives: the detection, its final (formatted, checked) query and its rule GUID. */
export interface TargetInput {
  readonly loaded: LoadedDetection;
  readonly query: string;
  readonly ruleGuid: string;
}

/** A file to write, relative to the output folder, with `/` separators. */
export interface Artefact {
  readonly path: string;
  readonly content: string;
}

export interface Target {
  /** Registry key, CLI name and manifest key. */
  readonly name: string;
  /** The artefact, or undefined when the detection opts out of this target. */
  emit(input: TargetInput): { artefact?: Artefact; diagnostics: Diagnostic[] };
}
