/**
 * ISO 8601 durations as PIM exports them (`PT8H`, `PT30M`, `P1D`, `P1DT4H30M`), read as minutes so they compare with
 * a baseline's `'8h'`. Years and months are refused: their length in minutes depends on the calendar.
 */
import { yamlDuration } from '../model/duration.ts';

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Minutes in an ISO 8601 duration of weeks, days, hours, minutes and seconds; `undefined` when it is not one. */
export function isoDurationMinutes(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DURATION.exec(value.trim());
  // `P` and `PT` alone match the pattern but name no duration.
  if (!match || match.slice(1).every((part) => part === undefined)) return undefined;
  if (/T$/i.test(value.trim())) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return weeks * 10080 + days * 1440 + hours * 60 + minutes + seconds / 60;
}

/** A number of minutes the way baselines write durations: `600` → `10h`, `90` → `90m`, `2880` → `2d`. */
export function describeMinutes(minutes: number): string {
  // Seconds only appear in hand-made policies (PIM's own settings are whole hours); say them exactly.
  if (!Number.isInteger(minutes)) return `${Math.round(minutes * 60)}s`;
  return minutes === 0 ? '0m' : yamlDuration(minutes);
}
