/**
 * Durations as authors write them (`'5m'`, `'1h'`, `'14d'`, the Azure-Sentinel YAML spelling) and their
 * conversions: minutes for range checks, ISO 8601 for ARM (`PT5M`, `PT1H`, `P14D`).
 */

/** A duration literal: a whole number of minutes, hours or days. */
export type Duration = `${number}m` | `${number}h` | `${number}d`;

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;

/** Minutes in a duration literal, or `undefined` when it is not a positive whole number of m/h/d. */
export function durationMinutes(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^([1-9]\d{0,5})([mhd])$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES];
}

/** ISO 8601 duration in its shortest whole-unit form: 1440 → `P1D`, 120 → `PT2H`, 45 → `PT45M`. */
export function isoDuration(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/** Azure-Sentinel YAML duration in its shortest whole-unit form: 1440 → `1d`, 120 → `2h`, 45 → `45m`. */
export function yamlDuration(minutes: number): Duration {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
