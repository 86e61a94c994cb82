/**
 * `join`: a hash join on equality of the `on` keys (`on A`, `on $left.A == $right.B`, several with `,` or `and`).
 * The default kind is `innerunique`, which first keeps one left row per key (the first) and then joins like
 * `inner` (https://learn.microsoft.com/kusto/query/join-innerunique). Rows with a null key match nothing. Output
 * columns are the left's then the right's, with the analyser's names (the right `A` becomes `A1`).
 */
import { keyOf } from '../dynamic.ts';
import { operatorText } from '../operators.ts';
import { columnScalar, type Compiler, type Env } from '../scope.ts';
import { elementsOf, kindOf, namedParameters, type Nodes, type SyntaxNode } from '../syntax.ts';
import { nullOf, type Column, type Plan, type Row, type RunContext, type ScalarFn } from '../types.ts';
import { outputColumns } from './columns.ts';

const KINDS = new Set(['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'anti', 'leftantisemi', 'leftsemi', 'rightanti', 'rightantisemi', 'rightsemi']);

/** The `on` conditions as pairs of (left column, right column). */
function keyPairs(op: Nodes['JoinOperator'], c: Compiler): Array<[string, string]> {
  const clause = op.ConditionClause;
  if (!clause || kindOf(clause) !== 'JoinOnClause') throw c.src.unsupported('join without an on clause', op.TextStart);
  const pairs: Array<[string, string]> = [];
  const visit = (e: SyntaxNode) => {
    const kind = kindOf(e);
    if (kind === 'NameReference') {
      const name = (e as Nodes['NameReference']).SimpleName ?? '';
      pairs.push([name, name]);
    } else if (kind === 'AndExpression') {
      visit((e as Nodes['BinaryExpression']).Left!);
      visit((e as Nodes['BinaryExpression']).Right!);
    } else if (kind === 'EqualExpression') {
      const sides = [(e as Nodes['BinaryExpression']).Left!, (e as Nodes['BinaryExpression']).Right!].map((s) => side(s));
      const left = sides.find((s) => s?.[0] === '$left');
      const right = sides.find((s) => s?.[0] === '$right');
      if (!left || !right) throw c.src.unsupported('join condition', e.TextStart);
      pairs.push([left[1], right[1]]);
    } else throw c.src.unsupported(`join condition ${operatorText(e) || kind}`, e.TextStart);
  };
  for (const e of elementsOf((clause as Nodes['JoinOnClause']).Expressions)) visit(e);
  return pairs;
}

/** `$left.A` → ['$left', 'A']. */
function side(e: SyntaxNode): [string, string] | undefined {
  if (kindOf(e) !== 'PathExpression') return undefined;
  const p = e as Nodes['PathExpression'];
  const target = (p.Expression?.toString() ?? '').trim().toLowerCase();
  const name = kindOf(p.Selector!) === 'NameReference' ? (p.Selector as Nodes['NameReference']).SimpleName : undefined;
  return name ? [target, name] : undefined;
}

function keyFunction(plan: Plan, names: string[], op: SyntaxNode, env: Env, c: Compiler): { fn: (row: Row, ctx: RunContext) => unknown; types: string[] } {
  const scope = { c, layout: plan.layout, env };
  const readers: ScalarFn[] = [];
  const types: string[] = [];
  for (const name of names) {
    const s = columnScalar(scope, name, op);
    readers.push(s.fn);
    types.push(s.type === 'int' ? 'long' : s.type);
  }
  if (readers.length === 1) {
    const [r] = readers;
    const dynamic = types[0] === 'dynamic';
    return { fn: (row, ctx) => { const v = r(row, ctx); return v === null || v === undefined ? null : dynamic ? keyOf(v) : v; }, types };
  }
  return {
    fn: (row, ctx) => {
      let key = '';
      for (const r of readers) {
        const v = r(row, ctx);
        if (v === null || v === undefined) return null;
        key += keyOf(v) + '\u0001';
      }
      return key;
    },
    types,
  };
}

/** Compiles a `join` of the piped input (left) with its operand (right). */
export function joinOperator(op: Nodes['JoinOperator'], left: Plan, env: Env, c: Compiler): Plan {
  const params = namedParameters(op.Parameters);
  let kind = 'innerunique';
  for (const [name, { text, node }] of params) {
    if (name === 'kind') kind = text.toLowerCase();
    else if (!name.startsWith('hint.')) throw c.src.unsupported(`join parameter ${name}`, node.TextStart);
  }
  if (!KINDS.has(kind)) throw c.src.unsupported(`join kind=${kind}`, params.get('kind')!.node.TextStart);
  const right = c.tabular(op.Expression!, env);
  const pairs = keyPairs(op, c);
  const leftKey = keyFunction(left, pairs.map((p) => p[0]), op, env, c);
  const rightKey = keyFunction(right, pairs.map((p) => p[1]), op, env, c);
  if (leftKey.types.join() !== rightKey.types.join()) throw c.src.queryError(`join keys of different types (${leftKey.types} and ${rightKey.types})`, op.TextStart);
  const out = outputColumns(op, c);
  const full = out.map((col) => col.name);

  if (kind === 'leftanti' || kind === 'anti' || kind === 'leftantisemi' || kind === 'leftsemi' || kind === 'rightanti' || kind === 'rightantisemi' || kind === 'rightsemi') {
    const fromRight = kind.startsWith('right');
    const wantMatch = kind.endsWith('semi') && !kind.endsWith('antisemi');
    const [kept, other, keptKey, otherKey] = fromRight ? [right, left, rightKey, leftKey] : [left, right, leftKey, rightKey];
    return {
      layout: kept.layout.map((col) => ({ name: out[kept.full.indexOf(col.name)]?.name ?? col.name, type: col.type })),
      full,
      run: (ctx, implicit) => {
        const keptRows = fromRight ? kept.run(ctx, null) : kept.run(ctx, implicit);
        const otherRows = fromRight ? other.run(ctx, implicit) : other.run(ctx, null);
        const keys = new Set<unknown>();
        for (const row of otherRows) {
          const k = otherKey.fn(row, ctx);
          if (k !== null) keys.add(k);
        }
        return keptRows.filter((row) => {
          const k = keptKey.fn(row, ctx);
          return (k !== null && keys.has(k)) === wantMatch;
        });
      },
    };
  }

  const leftWidth = left.full.length;
  if (out.length !== leftWidth + right.full.length) throw c.src.unsupported('join output columns', op.TextStart);
  const layout: Column[] = [
    ...left.layout.map((col) => ({ name: out[left.full.indexOf(col.name)].name, type: col.type })),
    ...right.layout.map((col) => ({ name: out[leftWidth + right.full.indexOf(col.name)].name, type: col.type })),
  ];
  const leftNulls = left.layout.map((col) => nullOf(col.type));
  const rightNulls = right.layout.map((col) => nullOf(col.type));
  const keepUnmatchedLeft = kind === 'leftouter' || kind === 'fullouter';
  const keepUnmatchedRight = kind === 'rightouter' || kind === 'fullouter';
  return {
    layout,
    full,
    run: (ctx, implicit) => {
      let leftRows = left.run(ctx, implicit);
      const rightRows = right.run(ctx, null);
      const byKey = new Map<unknown, number[]>();
      rightRows.forEach((row, i) => {
        const k = rightKey.fn(row, ctx);
        if (k === null) return;
        const list = byKey.get(k);
        if (list) list.push(i);
        else byKey.set(k, [i]);
      });
      if (kind === 'innerunique') {
        const seen = new Set<unknown>();
        leftRows = leftRows.filter((row) => {
          const k = leftKey.fn(row, ctx);
          if (k === null || seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      }
      const matched = new Uint8Array(rightRows.length);
      const result: Row[] = [];
      for (const row of leftRows) {
        const k = leftKey.fn(row, ctx);
        const matches = k === null ? undefined : byKey.get(k);
        if (matches) {
          for (const i of matches) {
            matched[i] = 1;
            result.push(row.concat(rightRows[i]));
          }
        } else if (keepUnmatchedLeft) result.push(row.concat(rightNulls));
      }
      if (keepUnmatchedRight) rightRows.forEach((row, i) => { if (!matched[i]) result.push(leftNulls.concat(row)); });
      return result;
    },
  };
}
