/// <reference types="@kusto/language-service-next" />
/**
 * The only module that touches Microsoft's Kusto.Language (Bridge.NET build). The 4 MB library is loaded on
 * first use, once per process, through `require` of the minified build: half the load time of the ESM path
 * and the same diagnostics and formatter output (toolchain-notes §1.1, §3).
 */
import { createRequire } from 'node:module';

export type KustoLanguage = typeof Kusto.Language;

let language: KustoLanguage | undefined;

/** Kusto.Language, loaded on first call. */
export function kusto(): KustoLanguage {
  if (!language) {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    language = Kusto.Language;
  }
  return language;
}

/**
 * A .NET list as a JS array. The `.d.ts` names it `Bridge.ToArray`, the runtime `Bridge.toArray`; empty lists
 * are sometimes plain arrays, which this also accepts.
 */
export function toArray<T>(list: System.Collections.Generic.IEnumerable$1<T> | T[] | null | undefined): T[] {
  if (!list) return [];
  if (Array.isArray(list)) return list;
  return (Bridge as unknown as { toArray(l: unknown): T[] }).toArray(list);
}
