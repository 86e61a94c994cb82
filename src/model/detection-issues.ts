/**
 * How the model checks report: a collector of diagnostics for one detection, each with the field path it is about
 * (positions are resolved later), and the small value checks every model check shares.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDetection } from './detection.ts';
import { durationMinutes } from './duration.ts';

/** Minutes of the limits the checks quote. */
export const MINUTES = { '5m': 5, '1h': 60, '2d': 2880, '7d': 10080, '14d': 20160, '24h': 1440 } as const;

const COLUMN_PATTERN = /^[a-zA-Z_]+\w*$/;

/** Collects the diagnostics of one detection. */
export class DetectionIssues {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly loaded: LoadedDetection) {}

  error(code: string, field: string, message: string, hint?: string): void {
    this.diagnostics.push({
      code, severity: 'error', message, hint, field,
      file: this.loaded.file, line: 0, column: 0,
      detectionId: typeof this.loaded.detection.id === 'string' ? this.loaded.detection.id : undefined,
    });
  }

  warning(code: string, field: string, message: string, hint?: string): void {
    this.error(code, field, message, hint);
    this.diagnostics[this.diagnostics.length - 1].severity = 'warning';
  }
}

/** A required, non-blank text of at most `max` characters. */
export function checkText(issues: DetectionIssues, field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim() === '') {
    issues.error('SF1001', field, `${field} must be a non-empty string.`);
  } else if (value.length > max) {
    issues.error('SF1007', field, `${field} is ${value.length} characters long; Sentinel allows at most ${max}.`);
  }
}

/** Checks a duration literal and its range; returns its minutes when valid. */
export function checkDuration(issues: DetectionIssues, field: string, value: unknown, min: number, max: number, range: string): number | undefined {
  const minutes = durationMinutes(value);
  if (minutes === undefined) {
    issues.error('SF1004', field, `${field} ${JSON.stringify(value)} is not a duration like '5m', '1h' or '14d'.`, 'Write a whole number followed by m, h or d.');
    return undefined;
  }
  if (minutes < min || minutes > max) {
    issues.error('SF1004', field, `${field} ${value} is outside the allowed range ${range}.`);
    return undefined;
  }
  return minutes;
}

/** A whole number in [min, max]. */
export function checkInteger(issues: DetectionIssues, field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.error('SF1006', field, `${field} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
  }
}

/** A result column name as Sentinel accepts it in mappings and details. */
export function checkColumnName(issues: DetectionIssues, field: string, value: unknown): void {
  if (typeof value !== 'string' || !COLUMN_PATTERN.test(value) || value.length > 500) {
    issues.error('SF1007', field, `${JSON.stringify(value)} is not a result column name (letters, digits, underscores; not starting with a digit).`);
  }
}
