/**
 * Validation of ATT&CK Navigator layers against `test/fixtures/navigator-layer-4.5.schema.json` (our JSON
 * Schema of the layer format 4.5 spec) plus the one rule JSON Schema cannot state: gradient max > min.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../helpers.ts';

export const LAYER_SCHEMA_FILE = path.join(REPO_ROOT, 'test', 'fixtures', 'navigator-layer-4.5.schema.json');

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(LAYER_SCHEMA_FILE, 'utf8')));

/** Problems with `layer` as `path message` lines; empty when it is a valid 4.5 layer. */
export function layerProblems(layer: unknown): string[] {
  const problems = validate(layer) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  const gradient = (layer as { gradient?: { minValue?: number; maxValue?: number } } | null)?.gradient;
  if (gradient && typeof gradient.minValue === 'number' && typeof gradient.maxValue === 'number' && !(gradient.maxValue > gradient.minValue)) {
    problems.push('/gradient maxValue must be > minValue');
  }
  return problems;
}
