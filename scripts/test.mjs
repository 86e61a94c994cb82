// Runs the uvu suite (ESM, TypeScript through tsx) and ends with the line CI reads: "uvu: N passed, N failed, N skipped".
// uvu prints no failed count and no summary at all when a file crashes (toolchain-notes §8), hence this wrapper.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// uvu's exports map hides bin.js, so resolve the package entry and step to its sibling.
const uvuBin = new URL('../bin.js', 'file://' + require.resolve('uvu')).pathname;
const [dir = 'test', pattern] = process.argv.slice(2);
const args = ['--import', 'tsx', uvuBin, dir, ...(pattern ? [pattern] : []), '--no-color'];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
let out = '';
child.stdout.on('data', (b) => { out += b; process.stdout.write(b); });
child.stderr.on('data', (b) => { out += b; process.stderr.write(b); });
child.on('close', (code) => {
  const count = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, 'm'));
    return m ? Number(m[1]) : null;
  };
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped') ?? 0;
  if (total === null || passed === null) {
    console.log('uvu: 0 passed, 1 failed, 0 skipped');
    process.exit(code || 1);
  }
  const failed = total - passed;
  console.log(`uvu: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(code !== 0 ? code : failed > 0 ? 1 : 0);
});
