/**
 * The git the `diff` command needs: which commit to compare with, and a temporary checkout of it. The checkout
 * is a detached `git worktree` under the project's `.sentinel-forge-cache/`, so its detection files resolve
 * `import … from 'sentinel-forge'` and every other package through the project's `node_modules` (Node looks in
 * each parent folder), exactly as the working tree's do. Hooks are off while it is created; it is removed when
 * done, and a checkout left behind by a process that died is removed by the next run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CACHE_DIR } from '../cache/disk-cache.ts';

/** A git command failed, or the folder is not in a repository: a usage error for the CLI. */
export class GitError extends Error {}

export function git(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }).trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    if (e.code === 'ENOENT') throw new GitError('git is not installed or not on the PATH.');
    throw new GitError(`git ${args.join(' ')}: ${(e.stderr || e.message).trim().split('\n')[0]}`);
  }
}

/** The full commit hash `ref` names, or undefined when it names none. */
export function resolveCommit(ref: string, cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  } catch {
    return undefined;
  }
}

/**
 * The commit to compare with when no `--base` is given: the merge base of HEAD and the default branch
 * (`origin/HEAD`, else `main`, else `master`, locally or on origin), else HEAD itself.
 */
export function defaultBase(cwd: string): { ref: string; commit: string } {
  for (const branch of ['origin/HEAD', 'main', 'origin/main', 'master', 'origin/master']) {
    if (!resolveCommit(branch, cwd)) continue;
    try {
      const commit = git(['merge-base', 'HEAD', branch], cwd);
      return { ref: `merge base of HEAD and ${branch}`, commit };
    } catch {
      // Unrelated histories: try the next candidate.
    }
  }
  const head = resolveCommit('HEAD', cwd);
  if (!head) throw new GitError('the repository has no commits to compare with.');
  return { ref: 'HEAD', commit: head };
}

export interface Checkout {
  /** The checkout's folder that corresponds to the project root (the project may sit below the repository's top). */
  root: string;
  dispose(): void;
}

const PREFIX = 'diff-base-';

/** A detached checkout of `commit` under `<projectRoot>/.sentinel-forge-cache/`. */
export function checkoutCommit(commit: string, projectRoot: string): Checkout {
  const prefix = git(['rev-parse', '--show-prefix'], projectRoot);
  const parent = path.join(projectRoot, CACHE_DIR);
  mkdirSync(parent, { recursive: true });
  removeAbandoned(parent, projectRoot);
  const dir = path.join(parent, `${PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  // A hooks path that does not exist: no post-checkout hook runs in the temporary checkout.
  git(['-c', `core.hooksPath=${path.join(dir, '.no-hooks')}`, 'worktree', 'add', '--detach', '--quiet', dir, commit], projectRoot);
  return {
    root: path.join(dir, prefix),
    dispose: () => removeCheckout(dir, projectRoot),
  };
}

function removeCheckout(dir: string, projectRoot: string): void {
  try {
    git(['worktree', 'remove', '--force', dir], projectRoot);
  } catch {
    // Not registered (any more): remove the folder and forget the registration.
  }
  rmSync(dir, { recursive: true, force: true });
  try {
    git(['worktree', 'prune'], projectRoot);
  } catch {
    // Nothing to prune.
  }
}

/** Checkouts whose process is gone (killed mid-run) are removed. */
function removeAbandoned(parent: string, projectRoot: string): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pid = Number(/^diff-base-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    removeCheckout(path.join(parent, name), projectRoot);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
