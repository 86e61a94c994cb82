/**
 * `sentinel-forge import`, without the printing: reads every input, maps each rule onto the model, gives it an id
 * (or the id and version of the detection it replaces, with `force`), writes one `.ts` file per rule, then checks
 * what it wrote as `build` would. Returns diagnostics; an input with an error imports nothing of that rule, and
 * every other rule still imports.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Detection } from '../model/detection.ts';
import { ruleGuid } from '../model/rule-id.ts';
import { checkProject, type ProjectRun } from '../project.ts';
import { sentinelArmProperties, sentinelYamlDocument } from '../targets/sentinel-rule.ts';
import { detectionSource } from './detection-source.ts';
import { scanDetections, slugify, uniqueSlug, type ExistingDetection } from './detection-ids.ts';
import { diagnostic, listInputFiles, readRuleFile, type SourceRule } from './read-rules.ts';
import { comparableArmProperties, comparableYamlRule, ruleDifferences } from './round-trip.ts';
import { suggestionDiagnostics, suggestTables, type TableSuggestion } from './table-suggestions.ts';
import { mapRule, type MappedRule } from './to-detection.ts';

/** What to import, from where to where. */
export interface ImportOptions {
  /** Project root: written paths and messages are relative to it. */
  root: string;
  /** Files and folders as the user named them (relative to `root` or absolute). */
  inputs: readonly string[];
  /** Absolute folder the detection files go to. */
  outDir: string;
  /** Absolute folder of the project's detections, searched for ids and rules already there. */
  detectionsDir: string;
  /** Replace detections imported before (keeping their id and version). */
  force?: boolean;
  /** Reuse and fill the analysis cache when checking what was written (default true). */
  cache?: boolean;
}

/** One detection file written. */
export interface ImportedFile {
  /** Project-relative path, `/` separators. */
  file: string;
  id: string;
  /** The GUID the rule deploys to. */
  guid: string;
  source: SourceRule;
  /** True when it replaced a detection imported before. */
  replaced: boolean;
}

/** What an import wrote and found. */
export interface ImportResult {
  written: ImportedFile[];
  /** Problems with the inputs and warnings about what was adapted, by input file. */
  diagnostics: Diagnostic[];
  /** Inputs (files) with at least one error. */
  failedInputs: string[];
  /** Rules found in the inputs. */
  rules: number;
}

/** Read, map and write; does not check the written detections (see `checkImported`). */
export async function importRules(options: ImportOptions): Promise<ImportResult> {
  const diagnostics: Diagnostic[] = [];
  const mapped: MappedRule[] = [];
  let rules = 0;
  for (const input of options.inputs) {
    const absolute = path.resolve(options.root, input);
    if (!existsSync(absolute)) {
      diagnostics.push(diagnostic(input, 'SF8001', 'error', 'no such file or folder.'));
      continue;
    }
    const files = listInputFiles(absolute);
    if (files.length === 0) diagnostics.push(diagnostic(input, 'SF8002', 'error', 'the folder holds no .yaml, .yml or .json file.'));
    for (const file of files) {
      const read = readRuleFile(file, shown(options.root, file));
      diagnostics.push(...read.diagnostics);
      rules += read.rules.length;
      for (const rule of read.rules) {
        const { mapped: result, diagnostics: found } = mapRule(rule);
        diagnostics.push(...found);
        if (result) {
          diagnostics.push(...selfCheck(result));
          mapped.push(result);
        }
      }
    }
  }

  const existing = await scanDetections([options.detectionsDir, options.outDir]);
  const byGuid = new Map(existing.map((e) => [e.guid, e]));
  const takenIds = new Set(existing.map((e) => e.id));
  const seen = new Map<string, SourceRule>();
  const written: ImportedFile[] = [];
  for (const rule of mapped) {
    const guid = rule.guid?.toLowerCase();
    const earlier = guid ? seen.get(guid) : undefined;
    const refuse = (message: string, hint?: string) => diagnostics.push(diagnostic(rule.source.file, 'SF8007', 'error', `${label(rule)}: ${message}`, hint, rule.source.lineOf()));
    if (guid && earlier) {
      refuse(`rule ${rule.guid} comes twice in this import: it is also in ${earlier.file}${earlier.where ? ` (${earlier.where})` : ''}, imported first.`, 'Import one source per rule; two detections deploying to one rule would overwrite each other.');
      continue;
    }
    if (guid) seen.set(guid, rule.source);
    const previous: ExistingDetection | undefined = guid ? byGuid.get(guid) : undefined;
    const shownPrevious = previous && shown(options.root, previous.file);
    if (previous && !options.force) {
      refuse(`rule ${rule.guid} is already imported as '${previous.id}' in ${shownPrevious}; not overwritten.`, 'Pass --force to replace it (its id and version are kept).');
      continue;
    }
    if (previous && previous.inFile > 1) {
      refuse(`rule ${rule.guid} is '${previous.id}' in ${shownPrevious}, which defines other detections too; not overwritten.`, 'Move that detection to a file of its own, then import again with --force.');
      continue;
    }
    const id = previous?.id ?? uniqueSlug(slugify(rule.detection.title), (candidate) => takenIds.has(candidate) || existsSync(path.join(options.outDir, `${candidate}.ts`)));
    takenIds.add(id);
    const detection = {
      id,
      ...(guid && guid !== ruleGuid(id) ? { ruleId: rule.guid } : {}),
      ...rule.detection,
      ...(previous?.version ? { version: previous.version } : {}),
    } as Detection;
    const target = previous?.file ?? path.join(options.outDir, `${id}.ts`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, detectionSource(detection, header(rule, detection)));
    written.push({ file: shown(options.root, target), id, guid: detection.ruleId ?? ruleGuid(id), source: rule.source, replaced: previous !== undefined });
  }
  const failedInputs = [...new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))];
  return { written, diagnostics, failedInputs, rules };
}

/** What checking the written detections found: diagnostics of those files only, and the tables to declare. */
export interface ImportCheck {
  run: ProjectRun;
  diagnostics: Diagnostic[];
  tables: TableSuggestion[];
}

/** Check the written detections as `build` does (the whole output folder, as it is now loaded together). */
export async function checkImported(options: ImportOptions, written: readonly ImportedFile[]): Promise<ImportCheck> {
  const run = await checkProject({ root: options.root, detectionsDir: options.outDir, fresh: true, cache: options.cache });
  const files = new Set(written.map((w) => w.file));
  // The written files' problems, and the config's (a broken config hides every table it declares).
  const diagnostics = run.diagnostics.filter((d) => files.has(d.file) || d.code === 'SF2001');
  const tables = suggestTables(diagnostics, run.detections, run.snapshot);
  return { run, diagnostics: [...diagnostics, ...suggestionDiagnostics(tables)], tables };
}

/**
 * The rule the targets would write for the mapped detection, compared with the source (query text as imported,
 * before Kusto's formatter): a difference means the mapping lost something, and is reported.
 */
function selfCheck(rule: MappedRule): Diagnostic[] {
  const d = { ...rule.detection, id: 'imported-rule' } as Detection;
  const query = d.query.kind === 'kql' ? d.query.text : '';
  const source = { ...rule.source.fields };
  const differences = rule.source.format === 'yaml'
    ? ruleDifferences(comparableYamlRule(withoutKeys(source, ['id', 'version'])), comparableYamlRule(withoutKeys(sentinelYamlDocument(d, query, ''), ['id', 'version'])))
    : ruleDifferences(comparableArmProperties(source, d.kind), comparableArmProperties(sentinelArmProperties(d, query), d.kind));
  return differences.map((difference) => diagnostic(rule.source.file, 'SF8008', 'warning', `${label(rule)}: building the detection would change ${difference}.`, 'Compare the generated file with the source; report this if the source is a valid rule.', rule.source.lineOf(difference.split(/[.:[]/)[0])));
}

function withoutKeys(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

function header(rule: MappedRule, detection: Detection): string[] {
  const s = rule.source;
  return [
    `Imported by \`sentinel-forge import\` from ${s.file}${s.where ? ` (${s.where})` : ''}, ${s.format === 'yaml' ? 'an Azure-Sentinel YAML rule' : s.isTemplate ? 'an ARM rule template' : 'an ARM template'}.`,
    detection.ruleId ? 'ruleId keeps the GUID the rule has in Sentinel: deploying updates that rule instead of creating a second one.' : `The rule GUID derives from the id${rule.guid ? ` (${rule.guid}, as the source has it)` : ''}.`,
    ...(detection.passthrough ? ['passthrough holds the fields the model has no place for; the targets write them back as they are.'] : []),
  ];
}

function label(rule: MappedRule): string {
  return `${rule.source.where ? `${rule.source.where}: ` : ''}rule '${rule.detection.title}'`;
}

/** A path as messages and file headers show it: relative to the project, so a generated file reads the same on every machine. */
function shown(root: string, file: string): string {
  const relative = path.relative(root, file);
  return (path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
