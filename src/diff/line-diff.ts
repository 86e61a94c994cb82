/**
 * Line diffs: Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) for the shortest
 * edit script, and unified-diff hunks with context around it, as `git diff` prints them.
 */

export interface LineEdit {
  op: ' ' | '-' | '+';
  line: string;
}

/** The shortest edit script from `a` to `b`: kept, removed and added lines in order. */
export function diffLines(a: readonly string[], b: readonly string[]): LineEdit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is the furthest x reached on each diagonal k = x - y before step d.
  const trace: Int32Array[] = [];
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  const edits: LineEdit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : previous[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x] });
      y--;
    }
    if (d > 0) edits.push(x === prevX ? { op: '+', line: b[--y] } : { op: '-', line: a[--x] });
  }
  return edits.reverse();
}

/**
 * A unified diff of two texts (`---`/`+++` header, `@@` hunks with `context` lines around each change), or ''
 * when they are equal. Empty text is no lines, so an added file shows only `+` lines.
 */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n'));
  const edits = diffLines(lines(before), lines(after));
  if (!edits.some((e) => e.op !== ' ')) return '';
  // Old and new line number (0-based) before each edit.
  const positions: Array<{ a: number; b: number }> = [];
  let a = 0;
  let b = 0;
  for (const e of edits) {
    positions.push({ a, b });
    if (e.op !== '+') a++;
    if (e.op !== '-') b++;
  }
  const changed = edits.map((e, i) => (e.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Array<[number, number]> = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(edits.length, i + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const [start, end] of hunks) {
    const slice = edits.slice(start, end);
    const oldCount = slice.filter((e) => e.op !== '+').length;
    const newCount = slice.filter((e) => e.op !== '-').length;
    const range = (first: number, count: number) => (count === 1 ? `${first + 1}` : `${count === 0 ? first : first + 1},${count}`);
    out.push(`@@ -${range(positions[start].a, oldCount)} +${range(positions[start].b, newCount)} @@`);
    for (const e of slice) out.push(e.op + e.line);
  }
  return out.join('\n') + '\n';
}
