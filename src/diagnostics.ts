/**
 * Diagnostics are data: every step returns them, `compile()` collects them all, and only the CLI prints.
 * Codes never change meaning: SF0xxx loading, SF1xxx model checks, SF3xxx rendering, SF4xxx KQL, SF5xxx
 * targets, SF7xxx versions and the pull-request workflow (lock file, stale output), SF8xxx import; Kusto's own
 * codes (KS142, …) pass through unchanged.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** One sentence naming the thing that is wrong. */
  message: string;
  /** Project-relative path of the detection file (or the input the diagnostic is about). */
  file: string;
  /** 1-based; 0 when the position is not yet resolved (see positions.ts). */
  line: number;
  column: number;
  /** The definition field the diagnostic is about, e.g. `schedule.frequency` or `entityMappings[2]`. */
  field?: string;
  /** How to fix it. */
  hint?: string;
  /** The detection the diagnostic belongs to, when there is one. */
  detectionId?: string;
  /** For query diagnostics: the character offset in the query text as rendered (before formatting). */
  queryOffset?: number;
  /** For query diagnostics: the schema version the query was checked against. */
  schemaVersion?: string;
}

/** The codes this tool emits, with what each means (also the README's table). */
export const CODES = {
  SF0001: 'a detection file could not be loaded',
  SF0002: 'a detection file exports no detection',
  SF0003: 'two detections share an id, or deploy to one rule GUID',
  SF1001: 'a required field is missing or has the wrong type',
  SF1002: 'the id is not a kebab-case slug',
  SF1003: 'a value is not one of the allowed values',
  SF1004: 'a duration is malformed or out of range',
  SF1005: 'the schedule breaks a Sentinel limit',
  SF1006: 'a number is out of range',
  SF1007: 'a text is too long, empty or malformed',
  SF1008: 'a technique is malformed, unknown, or none of its tactics is listed',
  SF1009: 'an entity mapping breaks a Sentinel limit',
  SF1010: 'custom details break a Sentinel limit',
  SF1011: 'alert details break a Sentinel limit',
  SF1012: 'incident settings break a Sentinel limit',
  SF1013: 'the Azure Monitor target cannot express this detection',
  SF1014: 'the query uses a construct Sentinel rejects',
  SF1015: 'a sample event does not fit its table schema, or a sample case is malformed',
  SF1016: 'a passthrough field is malformed or would replace a field the model writes',
  SF2001: 'the project config (sentinel-forge.config.json) is invalid',
  SF3001: 'a query template failed to render',
  SF4001: 'the query could not be formatted',
  SF4002: 'a column the rule relies on is not in what the query returns',
  SF4003: 'a column the rule relies on has a type Sentinel does not accept there',
  SF6001: 'the local engine does not support a construct of the query (sentinel-forge test/run)',
  SF6002: 'the local engine could not run the query',
  SF5001: 'a target produced output that does not parse back to the same value',
  SF7001: 'a detection is not recorded in the lock file (sentinel-forge.lock.json)',
  SF7002: "a detection's content changed without the version bump it needs, or its version went down",
  SF7003: 'the lock file is out of date: a version bumped by hand, or a removed detection, not recorded',
  SF7004: "a detection's identity (rule GUID) changed or a retired id was reused without an acknowledgement",
  SF7005: 'the lock file is malformed',
  SF7006: 'the committed output folder differs from what the sources build (stale file)',
  SF7007: 'version --bump could not find the version literal to rewrite',
  SF8001: 'an import input could not be read or parsed',
  SF8002: 'an import input holds no analytic rule',
  SF8003: 'an imported rule is of a kind sentinel-forge does not support',
  SF8004: 'an imported rule has a field that cannot be mapped onto the detection model',
  SF8005: 'an imported rule has a field the model has no place for; it is kept in passthrough',
  SF8006: 'an imported value was adapted: defaulted, dropped as read-only, or a target opted out',
  SF8007: 'an imported rule exists already (re-import needs --force), or comes twice in one import',
  SF8008: 'building the imported detection would not give back the same rule',
  SF8009: 'an imported query uses a table the project schema lacks; the config entry to add',
} as const;

export type Code = keyof typeof CODES;

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for printing and tests: by file, position, code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message),
  );
}
