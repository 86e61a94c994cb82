/**
 * Datetimes and timespans as 100-ns ticks, like Kusto. A datetime counts ticks from 2020-01-01 so that a JS number
 * holds every tick exactly for 1991–2048 (2^53 ticks ≈ 28.5 years either side): the 7-digit fractions Log Analytics
 * exports round-trip unchanged, which epoch milliseconds could not guarantee.
 */

/** Ticks (100 ns) per unit. */
export const TICKS_PER_MS = 10_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24 * TICKS_PER_HOUR;

const ORIGIN_MS = Date.UTC(2020, 0, 1);
const MS_PER_DAY = 86_400_000;
/** Ticks from 0001-01-01 (where Kusto aligns datetime bins) to the origin; too large for a double, hence BigInt. */
const ORIGIN_FROM_YEAR_ONE = BigInt(719_162 + ORIGIN_MS / MS_PER_DAY) * BigInt(TICKS_PER_DAY);

/** A datetime from epoch milliseconds. */
export function ticksFromMs(ms: number): number {
  return (ms - ORIGIN_MS) * TICKS_PER_MS;
}

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;
const RFC1123 = /^\s*[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s+(GMT|UTC|Z)\s*$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const ORIGIN_DAYS = ORIGIN_MS / MS_PER_DAY;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The exported form `yyyy-MM-ddTHH:mm:ss[.fffffff]Z`, without regex or Date objects: most input is in it. */
function parseExported(text: string): number | undefined {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0))) return undefined;
  let fraction = 0;
  if (n > 20) {
    if (text.charCodeAt(19) !== 46 || n === 21) return undefined;
    const end = Math.min(n - 1, 27);
    const f = digits(text, 20, end);
    if (f < 0 || (n - 1 > 27 && digits(text, 27, n - 1) < 0)) return undefined;
    fraction = f * 10 ** (7 - (end - 20));
  }
  return (daysFromCivil(year, month, day) - ORIGIN_DAYS) * TICKS_PER_DAY + hour * TICKS_PER_HOUR + minute * TICKS_PER_MINUTE + second * TICKS_PER_SECOND + fraction;
}

/**
 * An ISO 8601 datetime (date only, `T` or space separator, up to 7 significant fraction digits, `Z` or an offset;
 * no zone means UTC as in Kusto) or an RFC 1123 GMT datetime; null when the text is neither.
 */
export function parseDateTime(text: string): number | null {
  const exported = parseExported(text);
  if (exported !== undefined) return exported;
  const m = ISO.exec(text);
  if (!m) {
    if (!RFC1123.test(text)) return null;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ticksFromMs(ms);
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, 0);
  let ticks = ticksFromMs(date.getTime());
  if (m[7]) ticks += Number(m[7].slice(0, 7).padEnd(7, '0'));
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * TICKS_PER_HOUR + Number(digits.slice(2) || '0') * TICKS_PER_MINUTE;
    ticks -= sign * offset;
  }
  return ticks;
}

/** `2026-11-02T09:00:00.0000000Z`: always seven fraction digits, the form Log Analytics exports. */
export function formatDateTime(ticks: number): string {
  const whole = Math.round(ticks);
  const ms = Math.floor(whole / TICKS_PER_MS);
  const subMs = whole - ms * TICKS_PER_MS;
  const iso = new Date(ORIGIN_MS + ms).toISOString();
  const fraction = String(Number(iso.slice(20, 23)) * TICKS_PER_MS + subMs).padStart(7, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

const binOffsets = new Map<number, number>();

/** `bin(datetime, span)`: rounds down to a multiple of `span` counted from 0001-01-01, as Kusto does. */
export function binDateTime(ticks: number, span: number): number | null {
  if (!(span > 0)) return null;
  let offset = binOffsets.get(span);
  if (offset === undefined) {
    offset = Number(ORIGIN_FROM_YEAR_ONE % BigInt(Math.round(span)));
    if (binOffsets.size >= 1000) binOffsets.clear();
    binOffsets.set(span, offset);
  }
  const r = (ticks + offset) % span;
  return ticks - (r < 0 ? r + span : r);
}

const UNITS: Record<string, number> = {
  d: TICKS_PER_DAY, day: TICKS_PER_DAY, days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR, hr: TICKS_PER_HOUR, hrs: TICKS_PER_HOUR, hour: TICKS_PER_HOUR, hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE, min: TICKS_PER_MINUTE, minute: TICKS_PER_MINUTE, minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND, sec: TICKS_PER_SECOND, second: TICKS_PER_SECOND, seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MS, milli: TICKS_PER_MS, millis: TICKS_PER_MS, millisecond: TICKS_PER_MS, milliseconds: TICKS_PER_MS,
  microsecond: 10, microseconds: 10, tick: 1, ticks: 1,
};
const WITH_UNIT = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i;
const CLOCK = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/;

/** A timespan as Kusto writes it: `1.5h`, `100ms`, `2tick`, `[-][d.]hh:mm[:ss[.fffffff]]`; undefined when neither. */
export function parseTimespan(text: string): number | undefined {
  const unit = WITH_UNIT.exec(text);
  if (unit) {
    const size = UNITS[unit[2].toLowerCase()];
    return size === undefined ? undefined : Math.round(Number(unit[1]) * size);
  }
  const clock = CLOCK.exec(text);
  if (!clock) return undefined;
  const [, minus, days, hours, minutes, seconds, fraction] = clock;
  const ticks =
    Number(days ?? 0) * TICKS_PER_DAY + Number(hours) * TICKS_PER_HOUR + Number(minutes) * TICKS_PER_MINUTE +
    Number(seconds ?? 0) * TICKS_PER_SECOND + Number((fraction ?? '').padEnd(7, '0') || 0);
  return minus ? -ticks : ticks;
}

/** A timespan literal token: `1h`, `time(1.02:03:04)`, `timespan(2d)`, `time(null)` (null); undefined if unknown. */
export function parseTimespanLiteral(token: string): number | null | undefined {
  const call = /^\s*(?:time|timespan)\s*\(\s*(.*?)\s*\)\s*$/i.exec(token);
  if (!call) return parseTimespan(token);
  if (call[1] === 'null') return null;
  if (/^\d+(\.\d+)?$/.test(call[1])) return Math.round(Number(call[1]) * TICKS_PER_DAY);
  return parseTimespan(call[1]);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Kusto's string form of a timespan: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: number): string {
  const negative = ticks < 0;
  let rest = Math.round(Math.abs(ticks));
  const days = Math.floor(rest / TICKS_PER_DAY);
  rest -= days * TICKS_PER_DAY;
  const hours = Math.floor(rest / TICKS_PER_HOUR);
  rest -= hours * TICKS_PER_HOUR;
  const minutes = Math.floor(rest / TICKS_PER_MINUTE);
  rest -= minutes * TICKS_PER_MINUTE;
  const seconds = Math.floor(rest / TICKS_PER_SECOND);
  rest -= seconds * TICKS_PER_SECOND;
  const text = `${days ? days + '.' : ''}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${rest ? '.' + String(rest).padStart(7, '0') : ''}`;
  return negative ? '-' + text : text;
}

/**
 * `format_datetime`: the .NET-style specifiers Kusto documents (y, yy, yyyy, M, MM, d, dd, h, hh, H, HH, m, mm, s,
 * ss, f…fffffff, F…FFFFFFF, tt); other characters are copied. https://learn.microsoft.com/kusto/query/format-datetime-function
 */
export function formatDateTimeWith(ticks: number, format: string): string {
  const whole = Math.round(ticks);
  const ms = Math.floor(whole / TICKS_PER_MS);
  const date = new Date(ORIGIN_MS + ms);
  const fraction = String(date.getUTCMilliseconds() * TICKS_PER_MS + (whole - ms * TICKS_PER_MS)).padStart(7, '0');
  let out = '';
  for (let i = 0; i < format.length; ) {
    const c = format[i];
    let n = 1;
    while (format[i + n] === c) n++;
    i += n;
    const year = date.getUTCFullYear();
    const hour = date.getUTCHours();
    switch (c) {
      case 'y': out += n === 1 ? String(year % 100) : n === 2 ? pad2(year % 100) : String(year).padStart(n, '0'); break;
      case 'M': out += n === 1 ? String(date.getUTCMonth() + 1) : pad2(date.getUTCMonth() + 1); break;
      case 'd': out += n === 1 ? String(date.getUTCDate()) : pad2(date.getUTCDate()); break;
      case 'H': out += n === 1 ? String(hour) : pad2(hour); break;
      case 'h': out += n === 1 ? String(hour % 12 || 12) : pad2(hour % 12 || 12); break;
      case 'm': out += n === 1 ? String(date.getUTCMinutes()) : pad2(date.getUTCMinutes()); break;
      case 's': out += n === 1 ? String(date.getUTCSeconds()) : pad2(date.getUTCSeconds()); break;
      case 'f': out += fraction.slice(0, Math.min(n, 7)); break;
      case 'F': out += fraction.slice(0, Math.min(n, 7)).replace(/0+$/, ''); break;
      case 't': out += (hour < 12 ? 'AM' : 'PM').slice(0, n); break;
      default: out += c.repeat(n);
    }
  }
  return out;
}
