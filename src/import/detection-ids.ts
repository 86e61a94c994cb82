/**
 * Ids for imported detections and what the project already holds. An id is a kebab-case slug of the rule name;
 * one already taken (by a detection in the project, a file in the output folder or an earlier rule of the same
 * import) gets `-2`, `-3`, …. Existing detections are read without running them: each file's
 * `defineDetection({ id, ruleId, version })` literals, so a broken file cannot stop an import.
 */
import { readFileSync } from 'node:fs';
import { listTypeScriptFiles } from '../load/load-detections.ts';
import { detectionRuleGuid } from '../model/rule-id.ts';

/** The longest slug made from a name; the model allows 100 characters and suffixes need room. */
const MAX_SLUG = 80;

/** A detection found in the project by reading its file. */
export interface ExistingDetection {
  /** Absolute path of its file. */
  file: string;
  id: string;
  ruleId?: string;
  version?: string;
  /** The GUID it deploys to, lower-case. */
  guid: string;
  /** How many detections the file defines. */
  inFile: number;
}

/** `Privileged Role Assigned Outside PIM` → `privileged-role-assigned-outside-pim`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug || 'imported-rule';
  const cut = slug.slice(0, MAX_SLUG);
  return cut.slice(0, cut.lastIndexOf('-') > 40 ? cut.lastIndexOf('-') : MAX_SLUG).replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`, … whichever is free. */
export function uniqueSlug(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** Every detection defined in the `.ts` files below `dirs` (each file read once). */
export async function scanDetections(dirs: readonly string[]): Promise<ExistingDetection[]> {
  const files = [...new Set(dirs.flatMap((dir) => safeList(dir)))];
  const candidates = files.map((file) => ({ file, text: readFileSync(file, 'utf8') })).filter((f) => f.text.includes('defineDetection'));
  if (candidates.length === 0) return [];
  const { ts } = await import('ts-morph');
  const out: ExistingDetection[] = [];
  for (const { file, text } of candidates) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    const found: Array<Omit<ExistingDetection, 'guid' | 'inFile'>> = [];
    const visit = (node: import('ts-morph').ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineDetection' && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
        const literal = (name: string) => {
          const property = (node.arguments[0] as import('ts-morph').ts.ObjectLiteralExpression).properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source).replace(/^['"]|['"]$/g, '') === name) as import('ts-morph').ts.PropertyAssignment | undefined;
          const init = property?.initializer;
          return init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) ? init.text : undefined;
        };
        const id = literal('id');
        if (id !== undefined) found.push({ file, id, ruleId: literal('ruleId'), version: literal('version') });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const d of found) out.push({ ...d, guid: detectionRuleGuid(d).toLowerCase(), inFile: found.length });
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return listTypeScriptFiles(dir);
  } catch {
    return [];
  }
}
