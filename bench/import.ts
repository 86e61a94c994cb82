/**
 * `npm run bench:import`: imports 1,000 Azure-Sentinel YAML rules — variants of the 14 reference rules in
 * ../shared/reference/sentinel-rules with their own names, GUIDs, thresholds and a comment line, so no two queries are
 * equal — as `sentinel-forge import` does (write the files, then check them, cold), then builds them as
 * `sentinel-forge build` does right after (reusing the analyses the import cached), and prints the time of each
 * step and the peak RSS; then, for scale, what Kusto alone spends on a sample of the same queries. Prints figures;
 * asserts nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump, load } from 'js-yaml';
import { CACHE_DIR } from '../src/cache/disk-cache.ts';
import { main } from '../src/cli/main.ts';
import { checkImported, importRules } from '../src/import/import-rules.ts';
import { QueryAnalyzer } from '../src/kql/analyze.ts';
import { loadSchemaSnapshot } from '../src/schema/project-config.ts';

const COUNT = Number(process.env.BENCH_COUNT ?? 1000);
const REFERENCE = fileURLToPath(new URL('../../shared/reference/sentinel-rules/', import.meta.url));
const root = fileURLToPath(new URL('../.tmp-test/bench-import/', import.meta.url));

type Rule = Record<string, any>;

/** A GUID made from a number, so every run generates the same rules. */
function guid(i: number): string {
  const hex = createHash('sha256').update(`bench-import-${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Rule `i`: a reference rule renamed, re-identified, with its own threshold and a comment naming it. */
function variant(base: Rule, i: number): Rule {
  const rule: Rule = structuredClone(base);
  rule.id = guid(i);
  rule.name = `${base.name} (variant ${i})`;
  rule.query = `// variant ${i}\n${base.query}`;
  if (rule.kind !== 'NRT') rule.triggerThreshold = i % 7;
  // One reference rule maps Name twice in an Account mapping (a real defect the import reports): keep one.
  for (const mapping of rule.entityMappings ?? []) {
    mapping.fieldMappings = mapping.fieldMappings.filter((f: Rule, j: number, all: Rule[]) => all.findIndex((g) => g.identifier === f.identifier) === j);
  }
  return rule;
}

const bases = readdirSync(REFERENCE).filter((f) => f.endsWith('.yaml')).sort().map((f) => load(readFileSync(path.join(REFERENCE, f), 'utf8')) as Rule);
rmSync(root, { recursive: true, force: true });
mkdirSync(path.join(root, 'rules'), { recursive: true });
for (let i = 0; i < COUNT; i++) writeFileSync(path.join(root, 'rules', `rule-${String(i).padStart(4, '0')}.yaml`), dump(variant(bases[i % bases.length], i), { lineWidth: -1 }));

const options = { root, inputs: ['rules'], outDir: path.join(root, 'detections', 'imported'), detectionsDir: path.join(root, 'detections'), cache: true };
rmSync(path.join(root, CACHE_DIR), { recursive: true, force: true });
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2) + ' s';
const mib = () => (process.resourceUsage().maxRSS / 1024).toFixed(0) + ' MiB';

// What `sentinel-forge import rules` does, step by step: read, map and write; then check what was written (cold).
let started = performance.now();
const imported = await importRules(options);
const wrote = seconds(started);
started = performance.now();
const checked = await checkImported(options, imported.written);
const check = seconds(started);
const afterImport = mib();
const problems = [...imported.diagnostics, ...checked.diagnostics].filter((d) => d.severity === 'error');

// Then `sentinel-forge build`, which finds the analyses the import's check cached.
let output = '';
const io = { cwd: root, stdout: (t: string) => { output += t + '\n'; }, stderr: (t: string) => { output += t + '\n'; } };
started = performance.now();
const code = await main(['build', '--quiet'], io);
const build = seconds(started);
const afterBuild = mib();
if (problems.length > 0 || code !== 0) console.error(JSON.stringify(problems.slice(0, 5), null, 2), output.slice(0, 4000));

// For scale: Kusto's own work on a sample of the same queries, one thread (parse + analyse, then format), no tool around it.
const SAMPLE = Math.min(COUNT, Number(process.env.BENCH_RAW_SAMPLE ?? 100));
const texts = readdirSync(path.join(root, 'rules')).slice(0, SAMPLE).map((f) => (load(readFileSync(path.join(root, 'rules', f), 'utf8')) as Rule).query as string);
const analyzer = new QueryAnalyzer(loadSchemaSnapshot(root).snapshot);
analyzer.analyze(texts[0]);
started = performance.now();
for (const text of texts) analyzer.analyze(text);
const raw = ((performance.now() - started) / 1000) * (COUNT / SAMPLE);

console.log(`rules imported:                          ${imported.written.length} of ${imported.rules} (${problems.length} errors)`);
console.log(`import: read, map, write 1 .ts file each (ts-morph): ${wrote}`);
console.log(`import: check of the written detections (cold):     ${check}`);
console.log(`peak RSS after the import:                          ${afterImport}`);
console.log(`build of the imported detections (after import):    ${build}  (exit ${code})`);
console.log(`peak RSS, import and build in one process:          ${afterBuild}`);
console.log(`Kusto alone (analyse, lint, format; one thread), ${SAMPLE} of the queries × ${COUNT / SAMPLE}: ${raw.toFixed(2)} s`);
