/**
 * Sample events beside a detection: realistic records that must make it alert, and near-misses that must not.
 * Records are typed by the generated table types (one source with the analyser), and checked against the table
 * schema at load time, so a sample can never drift from the columns the query is checked against.
 */
import type { TableName, TableRecords } from '../schema/columns.generated.ts';
import type { EntityType } from './vocabulary.ts';

/** Records per table, typed by the table's columns. */
export type SampleTables = { [T in TableName]?: Array<TableRecords[T]> };

export interface SampleCase {
  /** What the case shows, e.g. 'a user adds 4 eligible role members within an hour'. */
  name: string;
  /** Whether the detection must raise an alert on these events. */
  expect: 'alert' | 'no-alert';
  /** The time the rule runs (ISO 8601); its query period ends here. Default: 5 minutes after the latest event. */
  now?: string;
  tables: SampleTables;
  /** When alerting: the number of result rows expected. */
  rows?: number;
  /** When alerting: entity values the alert must carry, by entity type. */
  entities?: Partial<Record<EntityType, string[]>>;
}
