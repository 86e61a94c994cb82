/** The public API: what detection authors and embedding tools import. Re-exports only. */
export { defineDetection, kql, raw, template } from './model/define-detection.ts';
export type * from './model/detection.ts';
export type { Duration } from './model/duration.ts';
export type * from './model/vocabulary.ts';
export type * from './model/query-templates.ts';
export type * from './model/samples.ts';
export { defineBaseline } from './model/baseline.ts';
export type { Baseline, BaselineRow, RoleSettingsBaseline } from './model/baseline.ts';
export type * from './schema/columns.generated.ts';
export { compile, type CompileResult } from './compile.ts';
export { loadDetections } from './load/load-detections.ts';
export type { Diagnostic } from './diagnostics.ts';
