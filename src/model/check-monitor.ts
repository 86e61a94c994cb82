/**
 * How a detection maps onto an Azure Monitor log search alert (`Microsoft.Insights/scheduledQueryRules`), and
 * whether it can: Monitor accepts only certain frequencies and windows, and has no "not equal" operator.
 * A detection Monitor cannot express is an error unless it opts out of the target (`targets.monitor.skip`).
 */
import type { Detection, MonitorOptions } from './detection.ts';
import { durationMinutes, yamlDuration } from './duration.ts';
import type { MonitorSeverity, Severity } from './vocabulary.ts';
import type { DetectionIssues } from './detection-issues.ts';

/** evaluationFrequency values the service accepts, in minutes (resource-manager-alerts-log.md). */
export const MONITOR_FREQUENCIES = [1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 720, 1440] as const;
/** windowSize values the service accepts, in minutes (azure-rest-api-specs issue 21258). */
export const MONITOR_WINDOWS = [5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880] as const;

const OPERATORS = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equals' } as const;
const DEFAULT_SEVERITY: Record<Severity, MonitorSeverity> = { High: 1, Medium: 2, Low: 3, Informational: 4 };
/** NRT detections have no schedule; Monitor gets the shortest schedule that allows every query shape. */
const NRT_MINUTES = 5;

export interface MonitorPlan {
  severity: MonitorSeverity;
  frequencyMinutes: number;
  windowMinutes: number;
  operator: (typeof OPERATORS)[keyof typeof OPERATORS];
  threshold: number;
  autoMitigate: boolean;
  dimensions: string[];
}

export function isOptOut(value: unknown): value is { skip: true; reason: string } {
  return typeof value === 'object' && value !== null && (value as { skip?: unknown }).skip === true;
}

/**
 * Where the Monitor frequency and window come from: the target's own option, else the Sentinel schedule (NRT: the
 * fixed 5 minutes), with the field an error about each should point at.
 */
function monitorSchedule(d: Detection, opts: MonitorOptions): Record<'frequency' | 'window', { field: string; text: unknown }> {
  const scheduled = d.kind === 'Scheduled';
  return {
    frequency: opts.evaluationFrequency !== undefined
      ? { field: 'targets.monitor.evaluationFrequency', text: opts.evaluationFrequency }
      : { field: 'schedule.frequency', text: scheduled ? d.schedule?.frequency : `${NRT_MINUTES}m` },
    window: opts.windowSize !== undefined
      ? { field: 'targets.monitor.windowSize', text: opts.windowSize }
      : { field: 'schedule.period', text: scheduled ? d.schedule?.period : `${NRT_MINUTES}m` },
  };
}

/** The Monitor settings of a detection, or `undefined` when it opts out of the target. Assumes it passed the checks. */
export function monitorPlan(d: Detection): MonitorPlan | undefined {
  const options = d.targets?.monitor;
  if (isOptOut(options)) return undefined;
  const opts: MonitorOptions = options ?? {};
  const schedule = monitorSchedule(d, opts);
  const trigger = d.kind === 'Scheduled' ? d.trigger : { operator: 'gt' as const, threshold: 0 };
  return {
    severity: opts.severity ?? DEFAULT_SEVERITY[d.severity],
    frequencyMinutes: durationMinutes(schedule.frequency.text)!,
    windowMinutes: durationMinutes(schedule.window.text)!,
    operator: OPERATORS[trigger.operator as keyof typeof OPERATORS],
    threshold: trigger.threshold,
    autoMitigate: opts.autoMitigate ?? false,
    dimensions: opts.dimensions ?? [],
  };
}

export function checkMonitorTarget(d: Detection, issues: DetectionIssues): void {
  const options = d.targets?.monitor;
  if (isOptOut(options)) {
    if (typeof options.reason !== 'string' || options.reason.trim() === '') {
      issues.error('SF1001', 'targets.monitor.reason', 'opting out of the monitor target needs a reason.', "Write e.g. { skip: true, reason: 'Sentinel-only: uses a 14-day baseline' }.");
    }
    return;
  }
  if (isOptOut(d.targets?.sentinel) && (typeof d.targets.sentinel.reason !== 'string' || d.targets.sentinel.reason.trim() === '')) {
    issues.error('SF1001', 'targets.sentinel.reason', 'opting out of the sentinel target needs a reason.');
  }
  const opts: MonitorOptions = options ?? {};
  const hint = "Set targets.monitor.evaluationFrequency / windowSize to values Monitor accepts, or opt out with targets: { monitor: { skip: true, reason: '…' } }.";
  const scheduled = d.kind === 'Scheduled';
  const { frequency: { field: frequencyField, text: frequencyText }, window: { field: windowField, text: windowText } } = monitorSchedule(d, opts);

  const frequency = durationMinutes(frequencyText);
  if (frequency !== undefined && !(MONITOR_FREQUENCIES as readonly number[]).includes(frequency)) {
    issues.error('SF1013', frequencyField, `Azure Monitor cannot evaluate every ${frequencyText}; it accepts ${MONITOR_FREQUENCIES.map(yamlDuration).join(', ')}.`, hint);
  } else if (opts.evaluationFrequency !== undefined && frequency === undefined) {
    issues.error('SF1004', frequencyField, `${frequencyField} ${JSON.stringify(opts.evaluationFrequency)} is not a duration like '5m' or '1h'.`);
  }

  const window = durationMinutes(windowText);
  if (window !== undefined && !(MONITOR_WINDOWS as readonly number[]).includes(window) && !(window === 1 && frequency === 1)) {
    issues.error('SF1013', windowField, `Azure Monitor rejects a ${windowText} window; it accepts ${MONITOR_WINDOWS.map(yamlDuration).join(', ')}.`, hint);
  } else if (opts.windowSize !== undefined && window === undefined) {
    issues.error('SF1004', windowField, `${windowField} ${JSON.stringify(opts.windowSize)} is not a duration like '5m' or '1h'.`);
  }
  if (frequency !== undefined && window !== undefined && window < frequency) {
    issues.error('SF1013', windowField, `the Monitor window (${windowText}) is shorter than its frequency (${frequencyText}); events between runs would be missed.`);
  }

  if (scheduled && d.trigger?.operator === 'ne') {
    issues.error('SF1013', 'trigger.operator', "Azure Monitor has no 'not equal' operator.", "Rewrite the trigger with gt/lt/eq, or opt out with targets: { monitor: { skip: true, reason: '…' } }.");
  }
  if (opts.severity !== undefined && (!Number.isInteger(opts.severity) || opts.severity < 0 || opts.severity > 4)) {
    issues.error('SF1006', 'targets.monitor.severity', `Monitor severity ${JSON.stringify(opts.severity)} must be 0 (Critical) to 4 (Verbose).`);
  }
  if (opts.autoMitigate === true && frequency !== undefined && frequency > 720) {
    issues.error('SF1013', 'targets.monitor.autoMitigate', 'Azure Monitor does not resolve alerts automatically when it evaluates less often than every 12 hours.', 'Set autoMitigate: false, or evaluate more often.');
  }
  if ((opts.dimensions ?? []).length > 6) {
    issues.error('SF1013', 'targets.monitor.dimensions', `${opts.dimensions!.length} dimensions; Azure Monitor allows at most 6.`);
  }
}
