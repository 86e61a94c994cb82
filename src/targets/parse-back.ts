/**
 * Every artefact is parsed back after rendering and compared with the value it was meant to hold, before
 * anything is written: a template that drops a field, or a helper that mis-escapes a value, fails the build
 * here instead of shipping (escaping inside templates is where such bugs hide).
 */
import { isDeepStrictEqual } from 'node:util';
import { load } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.ts';
import type { TargetInput } from './target.ts';

/** Parse rendered JSON, compare with `expected` (already ARM-escaped), and return it in canonical layout. */
export function parseBackJson(input: TargetInput, target: string, rendered: string, expected: unknown): { content?: string; diagnostics: Diagnostic[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rendered);
  } catch (error) {
    return { diagnostics: [mismatch(input, target, `its JSON does not parse: ${(error as Error).message}`)] };
  }
  if (!isDeepStrictEqual(parsed, expected)) {
    return { diagnostics: [mismatch(input, target, 'the JSON it rendered differs from the rule it was meant to hold')] };
  }
  return { content: JSON.stringify(parsed, null, 2) + '\n', diagnostics: [] };
}

/** Parse rendered YAML (YAML 1.2 core schema, as Sentinel's tooling reads it) and compare with `expected`. */
export function parseBackYaml(input: TargetInput, target: string, rendered: string, expected: unknown): { content?: string; diagnostics: Diagnostic[] } {
  let parsed: unknown;
  try {
    parsed = load(rendered);
  } catch (error) {
    return { diagnostics: [mismatch(input, target, `its YAML does not parse: ${(error as Error).message}`)] };
  }
  if (!isDeepStrictEqual(parsed, expected)) {
    return { diagnostics: [mismatch(input, target, 'the YAML it rendered differs from the rule it was meant to hold')] };
  }
  return { content: rendered.endsWith('\n') ? rendered : rendered + '\n', diagnostics: [] };
}

function mismatch(input: TargetInput, target: string, what: string): Diagnostic {
  return {
    code: 'SF5001',
    severity: 'error',
    message: `target ${target}: ${what}.`,
    hint: `This is a bug in templates/targets/${target}.*.hbs or its helpers; nothing was written.`,
    file: input.loaded.file,
    line: 0,
    column: 0,
    detectionId: input.loaded.detection.id,
  };
}
