/**
 * Writes src/schema/columns.generated.ts from the table snapshot in src/schema/tables/*.json, so the columns a
 * detection may name are TypeScript types: the editor rejects a typo in a structured filter, and sample events
 * are typed records. Run with `npm run generate`; a test fails when the generated file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateColumnTypes } from '../src/schema/column-types.ts';

const out = fileURLToPath(new URL('../src/schema/columns.generated.ts', import.meta.url));
writeFileSync(out, generateColumnTypes());
console.log(`wrote ${out}`);
