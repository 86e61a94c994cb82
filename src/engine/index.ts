/** The in-process query engine: runs the shipped KQL over sample records. Re-exports only. */
export { compileForEngine, type CompiledEngineQuery, type EngineResult, type EngineTable } from './compile.ts';
export { EngineError, type EngineErrorCode } from './errors.ts';
export type { InputTables } from './types.ts';
