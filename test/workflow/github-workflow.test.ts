/**
 * The GitHub Actions workflow parses, runs what the README says it runs, with the permissions it needs, and calls
 * only commands and options this CLI has (a renamed option would otherwise break CI silently).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { COMMANDS } from '../../src/cli/commands.ts';
import { usage } from '../../src/cli/main.ts';
import { DIFF_COMMENT_MARKER } from '../../src/diff/report-markdown.ts';
import { REPO_ROOT } from '../helpers.ts';

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }
interface Job { 'runs-on': string; if?: string; needs?: string | string[]; permissions?: Record<string, string>; steps: Step[] }
interface Workflow { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }

const FILE = path.join(REPO_ROOT, '.github/workflows/detections.yml');
const text = readFileSync(FILE, 'utf8');
const workflow = load(text) as Workflow;

test('the workflow parses: pull requests and pushes to main, read-only by default', () => {
  assert.ok(workflow && typeof workflow === 'object');
  assert.ok('pull_request' in workflow.on);
  assert.equal((workflow.on.push as { branches: string[] }).branches, ['main']);
  assert.equal(workflow.permissions, { contents: 'read' });
});

test('on a pull request: full history, npm ci, npm test, check, and the markdown diff posted as one sticky comment', () => {
  const job = workflow.jobs.check;
  const runs = job.steps.map((s) => s.run ?? '');
  const index = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
  assert.equal(job.steps[0].with, { 'fetch-depth': 0 }, 'the base ref must be in the clone');
  assert.ok(index(/^npm ci$/) >= 0 && index(/^npm ci$/) < index(/^npm test$/), 'npm ci, then npm test');
  assert.ok(index(/sentinel-forge\.js check/) > index(/^npm test$/));
  const diff = job.steps[index(/sentinel-forge\.js diff/)];
  assert.match(diff.run!, /--format markdown/);
  assert.match(diff.run!, /--base "origin\/\$BASE_REF"/);
  assert.is(diff.env?.BASE_REF, '${{ github.base_ref }}', 'the branch name reaches the shell as data, not as script text');
  const post = job.steps.find((s) => s.uses?.startsWith('actions/github-script@'));
  assert.ok(post, 'posted with actions/github-script');
  const script = String(post.with?.script);
  assert.ok(script.includes(`'${DIFF_COMMENT_MARKER}'`), 'the script finds its comment by the marker the report starts with');
  assert.match(script, /updateComment/);
  assert.match(script, /createComment/);
  assert.equal(job.permissions, { contents: 'read', 'pull-requests': 'write' });
});

test('on main: after check, OIDC login and az deployment group create for the changed Sentinel templates', () => {
  const job = workflow.jobs.deploy;
  assert.is(job.needs, 'check');
  assert.match(job.if!, /github\.ref == 'refs\/heads\/main'/);
  assert.equal(job.permissions, { contents: 'read', 'id-token': 'write' });
  const login = job.steps.find((s) => s.uses?.startsWith('azure/login@'));
  assert.equal(login?.with, { 'client-id': '${{ secrets.AZURE_CLIENT_ID }}', 'tenant-id': '${{ secrets.AZURE_TENANT_ID }}', 'subscription-id': '${{ secrets.AZURE_SUBSCRIPTION_ID }}' });
  const changed = job.steps.find((s) => s.run?.includes('git diff --name-only'))!;
  assert.match(changed.run!, /dist\/sentinel\/arm\/\*\.json/);
  const deploy = job.steps.find((s) => s.run?.includes('az deployment group create'))!;
  assert.match(deploy.run!, /--template-file "\$file" --parameters workspace="\$WORKSPACE"/);
  assert.ok(job.steps.indexOf(login!) < job.steps.indexOf(deploy));
});

test('every sentinel-forge command and option the workflow and the README use exists', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const help = usage();
  const calls = [...`${text}\n${readme}`.matchAll(/sentinel-forge(?:\.js)? (diff|check|build|version|docs|test|run|baseline)\b([^\n`]*)/g)];
  assert.ok(calls.some((c) => c[1] === 'diff') && calls.some((c) => c[1] === 'version'));
  for (const [, command, rest] of calls) {
    assert.ok(COMMANDS[command], `${command} is a command`);
    for (const option of rest.match(/--[a-z-]+/g) ?? []) assert.ok(help.includes(`  ${option} `) || help.includes(`  ${option}\n`), `${option} (sentinel-forge ${command}) is an option`);
  }
});

test.run();
